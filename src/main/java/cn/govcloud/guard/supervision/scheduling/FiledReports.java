package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What closing a month's scheduling (its minutes, {@link Closing}) and completing a quarterly inspection (its report,
 * inspections.Completion) share (A11.3): the row claimed in its open state, the Chinese PDF rendered, kept as a document
 * and filed with the period's duty ({@link PeriodicDutyFiling}), the row pointed at both, one audit record.
 */
@Component
public class FiledReports {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    /**
     * Where a kind of report is kept: {@code table} moves from state {@code from} to {@code to}, stamping
     * {@code stamp_at}/{@code stamp_by}; {@code document_document_id}/{@code document_filename} and {@code duty_id} name
     * what was filed under {@code ruleId}'s {@code slot}; {@code refusal} when another claimed it first; the audit's
     * {@code action} on {@code target + id}.
     */
    public record Kind(String table, String from, String to, String stamp, String document, String ruleId, String slot,
                       String refusal, String action, String target) {
    }

    /** A rendered report and the duty's fields. */
    public record Report(String filename, byte[] pdf, LocalDate periodStart, Map<String, String> fields) {
    }

    /** The document kept and the duty filed (null when none awaited it). */
    public record Filed(long documentId, Long dutyId) {
    }

    private final JdbcClient jdbc;
    private final PeriodicDutyFiling filing;
    private final Documents documents;
    private final Pdf pdf;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    FiledReports(JdbcClient jdbc, PeriodicDutyFiling filing, Documents documents, Pdf pdf, MessageSource messages, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.filing = filing;
        this.documents = documents;
        this.pdf = pdf;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /** Claims row {@code id}, renders its {@code report}, keeps and files it; runs in the caller's transaction. */
    public Filed file(Kind kind, long id, Supplier<Report> report, Function<Filed, String> auditDetail) {
        Actor actor = Actor.require();
        // claim the row first: of two at once, the second waits for the first's row lock, then finds it no longer open
        int claimed = jdbc.sql("update " + kind.table() + " set state = :to, " + kind.stamp() + "_at = :at, " + kind.stamp() + "_by = :by "
                        + "where id = :id and state = :from")
                .param("to", kind.to()).param("at", Db.ts(clock.instant())).param("by", actor.username()).param("id", id)
                .param("from", kind.from()).update();
        if (claimed != 1) {
            throw new RuleViolation("A11.3", kind.refusal());
        }
        Report r = report.get();
        StoredDocument stored = documents.store(actor.orgId(), r.filename(), new ByteArrayInputStream(r.pdf()));
        Long dutyId = filing.file(kind.ruleId(), r.periodStart(), r.fields(), kind.slot(), r.filename(), r.pdf());
        jdbc.sql("update " + kind.table() + " set " + kind.document() + "_document_id = :doc, " + kind.document() + "_filename = :f, "
                        + "duty_id = :duty where id = :id")
                .param("doc", stored.id()).param("f", r.filename()).param("duty", dutyId).param("id", id).update();
        Filed filed = new Filed(stored.id(), dutyId);
        audit.record(AuditEvent.success(kind.action(), kind.target() + id, auditDetail.apply(filed)));
        return filed;
    }

    /** The report as a PDF (Chinese, with the product's embedded font). */
    public byte[] render(Pdf.Report report) {
        return pdf.render(report);
    }

    /** A report's text, always in Chinese. */
    public String text(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
