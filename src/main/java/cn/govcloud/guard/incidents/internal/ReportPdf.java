package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Pdf;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An incident report as the regulators receive it, in Chinese whatever the reader's language:
 * the documents module's {@link Pdf} renders it (its implementation arrives with the documents
 * branch; until then the download answers 422).
 */
@Component
public class ReportPdf {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingCalendar.ZONE);

    private final Pdf pdf;
    private final MessageSource messages;

    ReportPdf(Pdf pdf, MessageSource messages) {
        this.pdf = pdf;
        this.messages = messages;
    }

    public byte[] render(Incident incident, IncidentReport report, List<TimelineEntry> timeline) {
        return pdf.render(document(incident, report, timeline));
    }

    /** The report's content as blocks; public for the test that checks the text without a renderer. */
    public Pdf.Report document(Incident incident, IncidentReport report, List<TimelineEntry> timeline) {
        List<Pdf.Block> blocks = new ArrayList<>();
        blocks.add(new Pdf.KeyValues(List.of(
                Map.entry(zh("incidents.field.title"), incident.title()),
                Map.entry(zh("incidents.field.affected"), incident.systemName() == null ? zh("incidents.platform") : incident.systemName()),
                Map.entry(zh("incidents.field.category"), zh("incidents.category." + incident.category()) + " / "
                        + zh("incidents.subType." + incident.subType())),
                Map.entry(zh("incidents.field.grade"), zh("incidents.grade." + report.grade())),
                Map.entry(zh("incidents.field.discoveredAt"), TIME.format(incident.discoveredAt())),
                Map.entry(zh("incidents.field.confirmedAt"), TIME.format(incident.confirmedAt())),
                Map.entry(zh("incidents.field.reporter"), report.reporter()),
                Map.entry(zh("incidents.report.submittedAt"), TIME.format(report.submittedAt())))));
        switch (report.kind()) {
            case "INITIAL" -> {
                blocks.add(new Pdf.Heading(zh("incidents.report.summary.INITIAL")));
                blocks.add(new Pdf.Paragraph(report.summary()));
                blocks.add(new Pdf.Heading(zh("incidents.report.measures")));
                blocks.add(new Pdf.Paragraph(report.measures()));
            }
            case "PROGRESS" -> {
                blocks.add(new Pdf.Heading(zh("incidents.report.summary.PROGRESS")));
                blocks.add(new Pdf.Paragraph(report.summary()));
                blocks.add(new Pdf.Paragraph(zh("incidents.report.contained") + "：" + zh(report.contained() ? "incidents.yes" : "incidents.no")));
            }
            default -> {
                blocks.add(new Pdf.Heading(zh("incidents.report.rootCause")));
                blocks.add(new Pdf.Paragraph(report.rootCause()));
                blocks.add(new Pdf.Heading(zh("incidents.report.summary.FINAL")));
                blocks.add(new Pdf.Paragraph(report.summary()));
                blocks.add(new Pdf.Heading(zh("incidents.report.timeline")));
                blocks.add(new Pdf.Paragraph(report.timeline()));
                blocks.add(new Pdf.Heading(zh("incidents.report.measures")));
                blocks.add(new Pdf.Paragraph(report.measures()));
                blocks.add(new Pdf.Heading(zh("incidents.report.lessons")));
                blocks.add(new Pdf.Paragraph(report.lessons()));
            }
        }
        blocks.add(new Pdf.Heading(zh("incidents.timeline")));
        List<List<String>> rows = new ArrayList<>();
        for (TimelineEntry e : timeline) {
            if (!e.at().isAfter(report.submittedAt())) {
                rows.add(List.of(TIME.format(e.at()), zh("incidents.event." + e.kind()), e.details() == null ? "" : e.details()));
            }
        }
        blocks.add(new Pdf.Table(List.of(zh("incidents.event.at"), zh("incidents.event.kind"), zh("incidents.event.details")), rows));
        String title = zh("incidents.report.kind." + report.kind()) + "（" + zh("incidents.report.number", report.number()) + "）";
        String subtitle = zh("incidents.pdf.subtitle", incident.article(), TIME.format(report.submittedAt()));
        return new Pdf.Report(title, subtitle, blocks);
    }

    private String zh(String key, Object... args) {
        return messages.getMessage(key, args, key, Locale.SIMPLIFIED_CHINESE);
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
