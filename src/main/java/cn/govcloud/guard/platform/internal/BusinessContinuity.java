package cn.govcloud.guard.platform.internal;

import static cn.govcloud.guard.platform.internal.Fields.text;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgScope;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A5.1: the BC/DR plan and the DR tests ({@code platform_continuity}), each with its evidence file. */
@Service
public class BusinessContinuity {
    public static final List<String> KINDS = List.of("PLAN", "DR_TEST");
    public static final List<String> DR_RESULTS = List.of("成功", "部分成功", "失败");

    public record Continuity(long id, String kind, String title, LocalDate onDate, String result, Integer rtoMinutes, Integer rpoMinutes,
                             Long documentId, String documentName, Instant recordedAt, String recordedBy) {
    }

    public record NewContinuity(String kind, String title, LocalDate onDate, String result, Integer rtoMinutes, Integer rpoMinutes) {
    }

    private final JdbcClient jdbc;
    private final Documents documents;
    private final AuditLog audit;
    private final PlatformClock clock;

    BusinessContinuity(JdbcClient jdbc, Documents documents, AuditLog audit, PlatformClock clock) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    /** The BC/DR plan or a DR test, with its evidence file (PDF etc., checked and encrypted by the documents module). */
    @Transactional
    public Continuity addContinuity(Actor by, NewContinuity c, String filename, InputStream file) {
        Actor actor = Provider.require(by, "only the provider keeps the platform registers");
        Map<String, String> errors = new LinkedHashMap<>();
        if (c.kind() == null || !KINDS.contains(c.kind())) {
            errors.put("kind", "platform.bc.error.kind");
        }
        String title = text(errors, "title", c.title(), 200, true, "platform.bc.error.title");
        if (c.onDate() == null || c.onDate().isAfter(clock.today())) {
            errors.put("onDate", "platform.bc.error.onDate");
        }
        boolean test = "DR_TEST".equals(c.kind());
        if (test) {
            if (c.result() == null || !DR_RESULTS.contains(c.result())) {
                errors.put("result", "platform.bc.error.result");
            }
            if (!minutes(c.rtoMinutes())) {
                errors.put("rtoMinutes", "platform.bc.error.minutes");
            }
            if (!minutes(c.rpoMinutes())) {
                errors.put("rpoMinutes", "platform.bc.error.minutes");
            }
        }
        if (file == null) {
            errors.put("file", "platform.bc.error.file");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.bc.error.invalid", errors);
        }
        long document = documents.store(actor.orgId(), filename, file).id();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_continuity (provider_org_id, kind, title, on_date, result, rto_minutes, rpo_minutes, document_id, "
                        + "recorded_at, recorded_by) values (:org, :kind, :title, :on, :result, :rto, :rpo, :doc, :at, :by)")
                .param("org", actor.orgId()).param("kind", c.kind()).param("title", title).param("on", c.onDate())
                .param("result", test ? c.result() : null).param("rto", test ? c.rtoMinutes() : null).param("rpo", test ? c.rpoMinutes() : null)
                .param("doc", document).param("at", clock.now()).param("by", actor.username()).update(key, "id");
        long id = key.getKey().longValue();
        audit.record(AuditEvent.success("platform.continuity.record", "continuity:" + id, c.kind() + " " + title + " " + c.onDate()
                + (test ? " " + c.result() : "")));
        return continuity(actor).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    private static boolean minutes(Integer m) {
        return m != null && m >= 0 && m <= 100_000;
    }

    @Transactional(readOnly = true)
    public List<Continuity> continuity(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select * from platform_continuity c where " + scope.where("c.provider_org_id") + " order by c.on_date desc, c.id desc")
                .params(scope.params())
                .query((rs, i) -> {
                    long doc = rs.getLong("document_id");
                    Long docId = rs.wasNull() ? null : doc;
                    return new Continuity(rs.getLong("id"), rs.getString("kind"), rs.getString("title"), rs.getObject("on_date", LocalDate.class),
                            rs.getString("result"), rs.getObject("rto_minutes", Integer.class), rs.getObject("rpo_minutes", Integer.class), docId,
                            docId == null ? null : documents.describe(docId).map(d -> d.filename()).orElse(null),
                            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"));
                }).list();
    }

    /** The evidence file of a continuity record, for those who may read the register. */
    @Transactional(readOnly = true)
    public Optional<Map.Entry<String, byte[]>> document(long id, Actor actor) {
        return continuity(actor).stream().filter(c -> c.id() == id && c.documentId() != null).findFirst()
                .map(c -> Map.entry(c.documentName(), documents.open(c.documentId())));
    }
}
