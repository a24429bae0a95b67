package cn.govcloud.guard.hazards.internal;

import static cn.govcloud.guard.hazards.internal.HazardRepository.instant;
import static cn.govcloud.guard.hazards.internal.HazardRepository.nullableLong;
import static cn.govcloud.guard.hazards.internal.HazardRepository.ts;

import cn.govcloud.guard.hazards.internal.HazardService.Attachment;
import cn.govcloud.guard.hazards.internal.HazardService.Event;
import cn.govcloud.guard.hazards.internal.HazardService.Feedback;
import cn.govcloud.guard.hazards.internal.HazardService.Request;
import cn.govcloud.guard.shared.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * What happened to a hazard notice (A10.2): its timeline, the unit's written feedback with its documents and the
 * warner's verdict, and the unit's requests with the supervisor's decisions — the tables that hang on {@code hazards_hazard}.
 */
@Repository
class HazardHistory {
    private final JdbcClient jdbc;

    HazardHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- the timeline ------------------------------------------------------------------------------

    void event(long id, String kind, Actor actor, Instant at, String text, Long feedbackId, Long requestId) {
        jdbc.sql("insert into hazards_event (hazard_id, kind, at, by_user, by_name, by_org_id, text, feedback_id, request_id) "
                        + "values (:h, :kind, :at, :by, :name, :org, :text, :f, :r)")
                .param("h", id).param("kind", kind).param("at", ts(at)).param("by", actor.username()).param("name", actor.displayName())
                .param("org", actor.orgId()).param("text", text).param("f", feedbackId).param("r", requestId).update();
    }

    List<Event> timeline(long id) {
        return jdbc.sql("select * from hazards_event where hazard_id = :id order by at, id").param("id", id)
                .query((rs, i) -> new Event(rs.getLong("id"), rs.getString("kind"), instant(rs, "at"), rs.getString("by_user"),
                        rs.getString("by_name"), rs.getString("text"), nullableLong(rs, "feedback_id"), nullableLong(rs, "request_id")))
                .list();
    }

    // ---- the unit's written feedback ---------------------------------------------------------------

    long insertFeedback(long hazardId, Actor actor, Instant now, String measures, String residualRisk, LocalDate completedOn, boolean late) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into hazards_feedback (hazard_id, submitted_at, submitted_by, submitted_name, measures, residual_risk, completed_on, late) "
                        + "values (:hazard, :now, :by, :name, :measures, :risk, :completed, :late)")
                .param("hazard", hazardId).param("now", ts(now)).param("by", actor.username()).param("name", actor.displayName())
                .param("measures", measures).param("risk", residualRisk).param("completed", completedOn).param("late", late).update(key, "id");
        return key.getKey().longValue();
    }

    void attach(long feedbackId, long documentId, String filename) {
        jdbc.sql("insert into hazards_feedback_document (feedback_id, document_id, filename) values (:f, :d, :name)")
                .param("f", feedbackId).param("d", documentId).param("name", filename).update();
    }

    /** The warner's verdict on the latest feedback (CLOSED or RETURNED). */
    void decideFeedback(long hazardId, String verdict, Instant now, Actor actor, String reason) {
        jdbc.sql("update hazards_feedback set verdict = :v, decided_at = :now, decided_by = :by, reason = :reason "
                        + "where id = (select max(id) from hazards_feedback where hazard_id = :id) and verdict is null")
                .param("v", verdict).param("now", ts(now)).param("by", actor.username()).param("reason", reason).param("id", hazardId).update();
    }

    Long latestFeedback(long hazardId) {
        return jdbc.sql("select max(id) from hazards_feedback where hazard_id = :id").param("id", hazardId).query(Long.class).optional().orElse(null);
    }

    List<Feedback> feedbacks(long id) {
        Map<Long, List<Attachment>> docs = new HashMap<>();
        jdbc.sql("select d.feedback_id, d.document_id, d.filename from hazards_feedback_document d join hazards_feedback f on f.id = d.feedback_id "
                        + "where f.hazard_id = :id order by d.id").param("id", id)
                .query((rs, i) -> docs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Attachment(rs.getLong(2), rs.getString(3))))
                .list();
        return jdbc.sql("select * from hazards_feedback where hazard_id = :id order by submitted_at, id").param("id", id)
                .query((rs, i) -> new Feedback(rs.getLong("id"), instant(rs, "submitted_at"), rs.getString("submitted_by"),
                        rs.getString("submitted_name"), rs.getString("measures"), rs.getString("residual_risk"),
                        rs.getObject("completed_on", LocalDate.class), rs.getBoolean("late"), rs.getString("verdict"),
                        instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("reason"),
                        docs.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    boolean feedbackDocument(long hazardId, long documentId) {
        return jdbc.sql("select count(*) from hazards_feedback_document d join hazards_feedback f on f.id = d.feedback_id "
                + "where f.hazard_id = :id and d.document_id = :doc").param("id", hazardId).param("doc", documentId).query(Long.class).single() > 0;
    }

    // ---- the unit's requests and the supervisor's decisions ----------------------------------------

    long insertRequest(long hazardId, String kind, Instant now, Actor actor, String reason, LocalDate proposed) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into hazards_request (hazard_id, kind, requested_at, requested_by, reason, proposed_due_date) "
                        + "values (:h, :kind, :now, :by, :reason, :proposed)")
                .param("h", hazardId).param("kind", kind).param("now", ts(now)).param("by", actor.username()).param("reason", reason)
                .param("proposed", proposed).update(key, "id");
        return key.getKey().longValue();
    }

    void decideRequest(long requestId, boolean approve, Instant now, Actor actor, String reason, Instant oldDueAt, Instant newDueAt) {
        jdbc.sql("update hazards_request set decision = :d, decided_at = :now, decided_by = :by, decision_reason = :reason, "
                        + "old_due_at = :old, new_due_at = :new where id = :id")
                .param("d", approve ? "APPROVED" : "REJECTED").param("now", ts(now)).param("by", actor.username())
                .param("reason", reason).param("old", ts(oldDueAt)).param("new", ts(newDueAt)).param("id", requestId).update();
    }

    List<Request> requests(long id) {
        return jdbc.sql("select * from hazards_request where hazard_id = :id order by requested_at, id").param("id", id)
                .query((rs, i) -> new Request(rs.getLong("id"), rs.getString("kind"), instant(rs, "requested_at"), rs.getString("requested_by"),
                        rs.getString("reason"), rs.getObject("proposed_due_date", LocalDate.class), rs.getString("decision"),
                        instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_reason"), instant(rs, "old_due_at"),
                        instant(rs, "new_due_at")))
                .list();
    }

    Optional<Request> request(long hazardId, long requestId) {
        return requests(hazardId).stream().filter(r -> r.id() == requestId).findFirst();
    }

    boolean requestPending(long hazardId) {
        return requests(hazardId).stream().anyMatch(Request::pending);
    }
}
