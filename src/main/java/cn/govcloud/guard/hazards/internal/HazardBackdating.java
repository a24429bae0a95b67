package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A hazard recorded after the fact (issue 17 point 3, A10.2, A11.3): a paper notice dated earlier than the
 * record. The notice's own date is kept as stated; the notice document must be attached, and the
 * supervisor confirms the backdating. Until then the unit's clock runs from the record time — the
 * platform told the unit then, and nobody is made late by a date nobody can check. On confirmation the
 * clock moves to the stated date (the catalog's rectification time counted from it); a rejection keeps
 * the record time.
 */
@Component
public class HazardBackdating {
    /** Earlier than the record by more than this is a backdated notice; the same leeway as for a time in the future. */
    static final Duration LEEWAY = Duration.ofMinutes(5);

    /** AWAITING_DOCUMENT → PENDING (document attached) → CONFIRMED | REJECTED. */
    public record Backdating(Instant statedNotifiedAt, String status, Long documentId, String filename, String decidedBy,
                             Instant decidedAt, String reason) {
        public boolean pending() {
            return "PENDING".equals(status) || "AWAITING_DOCUMENT".equals(status);
        }
    }

    private final JdbcClient jdbc;
    private final Documents documents;
    private final Duties duties;
    private final RuleCatalog catalog;
    private final WorkingCalendar calendar;

    HazardBackdating(JdbcClient jdbc, Documents documents, Duties duties, RuleCatalog catalog, WorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.duties = duties;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    static boolean backdated(Instant notifiedAt, Instant recordedAt) {
        return notifiedAt.isBefore(recordedAt.minus(LEEWAY));
    }

    /** Right after the insert: the stated date is kept, the clock runs from the record. */
    void record(long id, Instant stated) {
        jdbc.sql("update hazards_hazard set stated_notified_at = :stated, backdating_status = 'AWAITING_DOCUMENT' where id = :id")
                .param("stated", HazardRepository.ts(stated)).param("id", id).update();
    }

    public Optional<Backdating> of(long id) {
        return jdbc.sql("select stated_notified_at, backdating_status, notice_document_id, notice_filename, backdating_decided_by, "
                        + "backdating_decided_at, backdating_reason from hazards_hazard where id = :id and backdating_status is not null")
                .param("id", id).query((rs, n) -> {
                    long doc = rs.getLong("notice_document_id");
                    Long documentId = rs.wasNull() ? null : doc;
                    return new Backdating(HazardRepository.instant(rs, "stated_notified_at"), rs.getString("backdating_status"),
                            documentId, rs.getString("notice_filename"), rs.getString("backdating_decided_by"),
                            HazardRepository.instant(rs, "backdating_decided_at"), rs.getString("backdating_reason"));
                }).optional();
    }

    /** The warner attaches the paper notice; a later one replaces an earlier one until the supervisor decides. */
    StoredDocument attach(HazardView h, String filename, InputStream content) {
        Backdating b = of(h.id()).orElseThrow(() -> new RuleViolation("A10.2", "hazards.backdating.refused.notBackdated"));
        if (!b.pending()) {
            throw new RuleViolation("A10.2", "hazards.backdating.refused.decided");
        }
        if (filename == null || filename.isBlank() || content == null) {
            throw new InvalidInput("hazards.error.invalid", Map.of("file", "hazards.backdating.error.file"));
        }
        StoredDocument stored = documents.store(h.orgId(), filename, content);
        jdbc.sql("update hazards_hazard set notice_document_id = :d, notice_filename = :f, backdating_status = 'PENDING' where id = :id")
                .param("d", stored.id()).param("f", stored.filename()).param("id", h.id()).update();
        return stored;
    }

    /**
     * The supervisor's decision. Confirming needs the document; it moves the unit's clock to the stated date
     * (the due date the catalog gives from it) and the hazard's notification time with it.
     */
    Backdating decide(HazardView h, Actor actor, boolean confirm, String reason, Instant now) {
        Backdating b = of(h.id()).orElseThrow(() -> new RuleViolation("A10.2", "hazards.backdating.refused.notBackdated"));
        if (!b.pending()) {
            throw new RuleViolation("A10.2", "hazards.backdating.refused.decided");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 2000 || (!confirm && why == null)) {
            throw new InvalidInput("hazards.error.invalid", Map.of("reason", "hazards.backdating.error.reason"));
        }
        if (confirm && b.documentId() == null) {
            throw new RuleViolation("A10.2", "hazards.backdating.refused.noDocument");
        }
        jdbc.sql("update hazards_hazard set backdating_status = :s, backdating_decided_by = :by, backdating_decided_at = :now, "
                        + "backdating_reason = :reason where id = :id")
                .param("s", confirm ? "CONFIRMED" : "REJECTED").param("by", actor.username()).param("now", HazardRepository.ts(now))
                .param("reason", why).param("id", h.id()).update();
        if (confirm) {
            moveClock(h, b.statedNotifiedAt());
        }
        return of(h.id()).orElseThrow();
    }

    private void moveClock(HazardView h, Instant stated) {
        Duty rectify = h.rectifyDutyId() == null ? null : duties.find(h.rectifyDutyId()).orElse(null);
        Rule rule = rectify == null ? null : catalog.rule(rectify.ruleId()).orElse(null);
        if (rule == null) {
            return;
        }
        Deadline due = rule.due().afterEvent(calendar, stated);
        duties.setDue(rectify.reference(), rectify.ruleId(), due.dueDate(), "补录隐患：市大数据中心确认通知日期 " + stated);
        boolean extended = !h.effectiveDueAt().equals(h.dueAt());
        jdbc.sql("update hazards_hazard set notified_at = :stated, due_date = :day, due_at = :at, due_provisional = :p"
                        + (extended ? "" : ", effective_due_date = :day, effective_due_at = :at") + " where id = :id")
                .param("stated", HazardRepository.ts(stated)).param("day", due.dueDate()).param("at", HazardRepository.ts(due.dueAt()))
                .param("p", due.provisional()).param("id", h.id()).update();
    }
}
