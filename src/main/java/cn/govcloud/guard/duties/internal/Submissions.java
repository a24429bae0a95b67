package cn.govcloud.guard.duties.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Submissions of evidence for a duty, with their documents and the reviewer's decision. */
@Repository
public class Submissions {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    Submissions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored document of a submission. */
    public record Attachment(String slot, long documentId, String filename) {
    }

    /** A submission as shown to the reader; {@code fields} in the rule's field order. */
    public record Submission(long id, long dutyId, Instant submittedAt, String submittedBy, String submittedName,
                             Map<String, String> fields, boolean late, String decision, Instant reviewedAt, String reviewedBy,
                             String reviewComment, List<Attachment> attachments) {
    }

    long insert(long dutyId, Instant at, String username, String displayName, Map<String, String> fields, boolean late) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into duties_submission (duty_id, submitted_at, submitted_by, submitted_name, fields_json, late) "
                        + "values (:duty, :at, :by, :name, :fields, :late)")
                .param("duty", dutyId).param("at", DutyRows.ts(at)).param("by", username).param("name", displayName)
                .param("fields", JSON.writeValueAsString(fields)).param("late", late)
                .update(key, "id");
        // kept on the duty for the annual assessment's on-time tally (A12), which reads one row per duty
        jdbc.sql("update duties_duty set first_submitted_at = coalesce(first_submitted_at, :at), "
                        + "submitted_late = case when :late then true else submitted_late end where id = :duty")
                .param("at", DutyRows.ts(at)).param("late", late).param("duty", dutyId).update();
        return key.getKey().longValue();
    }

    void attach(long submissionId, String slot, long documentId, String filename) {
        jdbc.sql("insert into duties_submission_document (submission_id, slot, document_id, filename) values (:s, :slot, :doc, :name)")
                .param("s", submissionId).param("slot", slot).param("doc", documentId).param("name", filename).update();
    }

    void decide(long submissionId, String decision, Instant at, String reviewer, String comment) {
        jdbc.sql("update duties_submission set decision = :d, reviewed_at = :at, reviewed_by = :by, review_comment = :c where id = :id")
                .param("d", decision).param("at", DutyRows.ts(at)).param("by", reviewer).param("c", comment).param("id", submissionId)
                .update();
    }

    /** Every submission of a duty, newest first, with attachments (two queries, not one per submission). */
    public List<Submission> ofDuty(long dutyId) {
        Map<Long, List<Attachment>> attachments = new LinkedHashMap<>();
        jdbc.sql("select a.submission_id, a.slot, a.document_id, a.filename from duties_submission_document a "
                        + "join duties_submission s on s.id = a.submission_id where s.duty_id = :duty order by a.submission_id, a.slot")
                .param("duty", dutyId)
                .query((rs, i) -> attachments.computeIfAbsent(rs.getLong("submission_id"), k -> new ArrayList<>())
                        .add(new Attachment(rs.getString("slot"), rs.getLong("document_id"), rs.getString("filename"))))
                .list();
        return jdbc.sql("select * from duties_submission where duty_id = :duty order by id desc").param("duty", dutyId)
                .query((rs, i) -> submission(rs, attachments.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    /** Submissions by id, without attachments: the matrix's "latest evidence". */
    public Map<Long, Submission> byIds(List<Long> ids) {
        Map<Long, Submission> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("select * from duties_submission where id in (:ids)").param("ids", ids)
                .query((rs, i) -> found.put(rs.getLong("id"), submission(rs, List.of())))
                .list();
        return found;
    }

    /** Whether a document belongs to a submission of this duty (downloads check it before opening). */
    boolean documentOfDuty(long dutyId, long documentId) {
        return jdbc.sql("select count(*) from duties_submission_document a join duties_submission s on s.id = a.submission_id "
                        + "where s.duty_id = :duty and a.document_id = :doc")
                .param("duty", dutyId).param("doc", documentId).query(Long.class).single() > 0;
    }

    private static Submission submission(java.sql.ResultSet rs, List<Attachment> attachments) throws java.sql.SQLException {
        return new Submission(rs.getLong("id"), rs.getLong("duty_id"), instant(rs.getObject("submitted_at", OffsetDateTime.class)),
                rs.getString("submitted_by"), rs.getString("submitted_name"), fields(rs.getString("fields_json")), rs.getBoolean("late"),
                rs.getString("decision"), instant(rs.getObject("reviewed_at", OffsetDateTime.class)), rs.getString("reviewed_by"),
                rs.getString("review_comment"), attachments);
    }

    private static Map<String, String> fields(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
        });
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
