package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes a month's scheduling (A11.3): renders the minutes (调度纪要) as a PDF with the agenda,
 * decisions and assigned actions, keeps it with the session, and files it with that month's
 * {@code A11.3-monthly-scheduling} duty (meetingDate, participants, issues), which the engine
 * accepts on submission because the supervisor is the party.
 */
@Service
public class Closing {
    static final String MONTHLY_RULE = "A11.3-monthly-scheduling";
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final JdbcClient jdbc;
    private final Sessions sessions;
    private final Actions actions;
    private final PeriodicDutyFiling filing;
    private final Documents documents;
    private final Pdf pdf;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    Closing(JdbcClient jdbc, Sessions sessions, Actions actions, PeriodicDutyFiling filing, Documents documents, Pdf pdf,
             MessageSource messages, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.actions = actions;
        this.filing = filing;
        this.documents = documents;
        this.pdf = pdf;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Closes the session; the meeting's date and participants must be recorded, and (issue 23 point 8: closing is final and
     * files the minutes) a reason given — 400 otherwise, nothing saved. The reason is written to the audit record.
     */
    @Transactional
    public Sessions.Session close(long sessionId, String reason) {
        Db.supervisor();
        Sessions.Session session = sessions.openSession(sessionId);
        Map<String, String> errors = new LinkedHashMap<>();
        if (session.meetingDate() == null) {
            errors.put("meetingDate", "scheduling.error.meetingDate");
        }
        if (Db.blank(session.participants())) {
            errors.put("participants", "scheduling.error.participants");
        }
        if (Db.blank(reason)) {
            errors.put("reason", "scheduling.error.closeReason");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("scheduling.error.notReadyToClose", errors);
        }
        Actor actor = Actor.require();
        // claim the session first: of two closings at once, the second waits for the first's row lock, then finds it closed
        int claimed = jdbc.sql("update supervision_session set state = 'CLOSED', closed_at = :at, closed_by = :by where id = :id and state = 'OPEN'")
                .param("at", Db.ts(clock.instant())).param("by", actor.username()).param("id", sessionId).update();
        if (claimed != 1) {
            throw new RuleViolation("A11.3", "scheduling.refused.closed");
        }
        byte[] minutes = minutes(session);
        String filename = session.month() + "-政务云平台安全调度纪要.pdf";
        StoredDocument stored = documents.store(actor.orgId(), filename, new ByteArrayInputStream(minutes));
        Long dutyId = fileMonthlyDuty(session, filename, minutes);
        jdbc.sql("update supervision_session set minutes_document_id = :doc, minutes_filename = :f, duty_id = :duty where id = :id")
                .param("doc", stored.id()).param("f", filename).param("duty", dutyId).param("id", sessionId).update();
        audit.record(AuditEvent.success("scheduling.close", "scheduling-session:" + sessionId, session.month() + " minutes document "
                + stored.id() + (dutyId == null ? " (no monthly duty awaiting)" : " filed duty " + dutyId) + "; reason: " + reason.strip()));
        return sessions.require(sessionId);
    }

    /** The month's duty for each platform (one per provider) that still awaits evidence; the first one's id is kept. */
    private Long fileMonthlyDuty(Sessions.Session session, String filename, byte[] minutes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("meetingDate", session.meetingDate().toString());
        fields.put("participants", session.participants());
        fields.put("issues", issues(session));
        return filing.file(MONTHLY_RULE, YearMonth.parse(session.month()).atDay(1), fields, "minutes", filename, minutes);
    }

    private String issues(Sessions.Session session) {
        List<String> lines = new ArrayList<>();
        sessions.decisions(session.id()).forEach(d -> lines.add(text("scheduling.minutes.decisionLine", d.text())));
        actions.ofSession(session.id()).forEach(a -> lines.add(text("scheduling.minutes.actionLine", a.orgName(), a.title(), a.dueDate())));
        if (lines.isEmpty()) {
            sessions.agenda(session.id()).forEach(i -> lines.add(i.title()));
        }
        String joined = String.join("\n", lines);
        return joined.isBlank() ? text("scheduling.minutes.noIssues") : Sessions.cut(joined, 3900);
    }

    /** The minutes as a PDF (Chinese, with the product's embedded font). */
    public byte[] minutes(Sessions.Session session) {
        YearMonth month = YearMonth.parse(session.month());
        List<Pdf.Block> blocks = new ArrayList<>();
        blocks.add(new Pdf.KeyValues(List.of(
                Map.entry(text("scheduling.minutes.meetingDate"), session.meetingDate() == null ? "—" : session.meetingDate().toString()),
                Map.entry(text("scheduling.minutes.participants"), Db.blank(session.participants()) ? "—" : session.participants()))));
        blocks.add(new Pdf.Heading(text("scheduling.minutes.agenda")));
        List<Sessions.AgendaItem> agenda = sessions.agenda(session.id());
        if (agenda.isEmpty()) {
            blocks.add(new Pdf.Paragraph(text("scheduling.minutes.none")));
        } else {
            blocks.add(new Pdf.Table(List.of(text("scheduling.minutes.col.no"), text("scheduling.minutes.col.category"),
                    text("scheduling.minutes.col.item"), text("scheduling.minutes.col.details")),
                    agenda.stream().map(i -> List.of(String.valueOf(i.order()), text("scheduling.category." + i.category()), i.title(),
                            i.details() == null ? "" : i.details())).toList()));
        }
        blocks.add(new Pdf.Heading(text("scheduling.minutes.decisions")));
        List<Sessions.Decision> decisions = sessions.decisions(session.id());
        if (decisions.isEmpty()) {
            blocks.add(new Pdf.Paragraph(text("scheduling.minutes.none")));
        }
        int n = 0;
        for (Sessions.Decision d : decisions) {
            blocks.add(new Pdf.Paragraph((++n) + ". " + d.text()));
        }
        blocks.add(new Pdf.Heading(text("scheduling.minutes.actions")));
        List<Actions.Action> assigned = actions.ofSession(session.id());
        if (assigned.isEmpty()) {
            blocks.add(new Pdf.Paragraph(text("scheduling.minutes.none")));
        } else {
            blocks.add(new Pdf.Table(List.of(text("scheduling.minutes.col.item"), text("scheduling.minutes.col.org"),
                    text("scheduling.minutes.col.kind"), text("scheduling.minutes.col.due"), text("scheduling.minutes.col.record")),
                    assigned.stream().map(a -> List.of(a.title() + (a.systemName() == null ? "" : "（" + a.systemName() + "）"), a.orgName(),
                            text("scheduling.action.kind." + a.kind()), String.valueOf(a.dueDate()),
                            a.dutyId() != null ? text("scheduling.minutes.duty", String.valueOf(a.dutyId())) : text("scheduling.minutes.hazard", String.valueOf(a.hazardId()))))
                            .toList()));
        }
        return pdf.render(new Pdf.Report(text("scheduling.minutes.title", String.valueOf(month.getYear()), String.valueOf(month.getMonthValue())),
                text("scheduling.minutes.subtitle", String.valueOf(session.meetingDate() == null ? "" : session.meetingDate())), blocks));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
