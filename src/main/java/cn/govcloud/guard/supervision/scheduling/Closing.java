package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final FiledReports.Kind MINUTES = new FiledReports.Kind("supervision_session", "OPEN", "CLOSED", "closed", "minutes",
            MONTHLY_RULE, "minutes", "scheduling.refused.closed", "scheduling.close", "scheduling-session:");

    private final Sessions sessions;
    private final Actions actions;
    private final FiledReports reports;

    Closing(Sessions sessions, Actions actions, FiledReports reports) {
        this.sessions = sessions;
        this.actions = actions;
        this.reports = reports;
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
        reports.file(MINUTES, sessionId, () -> new FiledReports.Report(session.month() + "-政务云平台安全调度纪要.pdf", minutes(session),
                        YearMonth.parse(session.month()).atDay(1), dutyFields(session)),
                filed -> session.month() + " minutes document " + filed.documentId()
                        + (filed.dutyId() == null ? " (no monthly duty awaiting)" : " filed duty " + filed.dutyId()) + "; reason: " + reason.strip());
        return sessions.require(sessionId);
    }

    /** The month's duty for each platform (one per provider) that still awaits evidence; the first one's id is kept. */
    private Map<String, String> dutyFields(Sessions.Session session) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("meetingDate", session.meetingDate().toString());
        fields.put("participants", session.participants());
        fields.put("issues", issues(session));
        return fields;
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
        List<Sessions.AgendaItem> agenda = sessions.agenda(session.id());
        section(blocks, "scheduling.minutes.agenda", List.of("no", "category", "item", "details"),
                agenda.stream().map(i -> List.of(String.valueOf(i.order()), text("scheduling.category." + i.category()), i.title(),
                        i.details() == null ? "" : i.details())).toList());
        blocks.add(new Pdf.Heading(text("scheduling.minutes.decisions")));
        List<Sessions.Decision> decisions = sessions.decisions(session.id());
        if (decisions.isEmpty()) {
            blocks.add(new Pdf.Paragraph(text("scheduling.minutes.none")));
        }
        int n = 0;
        for (Sessions.Decision d : decisions) {
            blocks.add(new Pdf.Paragraph((++n) + ". " + d.text()));
        }
        section(blocks, "scheduling.minutes.actions", List.of("item", "org", "kind", "due", "record"),
                actions.ofSession(session.id()).stream().map(a -> List.of(a.title() + (a.systemName() == null ? "" : "（" + a.systemName() + "）"),
                        a.orgName(), text("scheduling.action.kind." + a.kind()), String.valueOf(a.dueDate()),
                        a.dutyId() != null ? text("scheduling.minutes.duty", String.valueOf(a.dutyId()))
                                : text("scheduling.minutes.hazard", String.valueOf(a.hazardId())))).toList());
        return reports.render(new Pdf.Report(text("scheduling.minutes.title", String.valueOf(month.getYear()), String.valueOf(month.getMonthValue())),
                text("scheduling.minutes.subtitle", String.valueOf(session.meetingDate() == null ? "" : session.meetingDate())), blocks));
    }

    /** A heading and its table (columns {@code scheduling.minutes.col.*}), or "无" when it has no rows. */
    private void section(List<Pdf.Block> blocks, String heading, List<String> columns, List<List<String>> rows) {
        blocks.add(new Pdf.Heading(text(heading)));
        if (rows.isEmpty()) {
            blocks.add(new Pdf.Paragraph(text("scheduling.minutes.none")));
        } else {
            blocks.add(new Pdf.Table(columns.stream().map(c -> text("scheduling.minutes.col." + c)).toList(), rows));
        }
    }

    private String text(String key, Object... args) {
        return reports.text(key, args);
    }
}
