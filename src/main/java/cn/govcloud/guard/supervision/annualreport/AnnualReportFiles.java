package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The report's two files for the page and the API alike: computed for the reader, rendered, recorded in the audit log
 * (who took which year's report in which format), and sent as an attachment with the documents module's safe headers.
 */
@Component
class AnnualReportFiles {
    enum Format {
        PDF("pdf", AnnualReportPdf.MEDIA_TYPE), DOCX("docx", AnnualReportWord.MEDIA_TYPE);

        final String extension;
        final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    private final AnnualFigures figures;
    private final AnnualReportPdf pdf;
    private final AnnualReportWord word;
    private final AuditLog audit;

    AnnualReportFiles(AnnualFigures figures, AnnualReportPdf pdf, AnnualReportWord word, AuditLog audit) {
        this.figures = figures;
        this.pdf = pdf;
        this.word = word;
        this.audit = audit;
    }

    ResponseEntity<byte[]> download(int year, Format format) {
        Actor reader = Actor.require();
        AnnualReport report = figures.report(year, reader);
        byte[] content = format == Format.PDF ? pdf.render(report) : word.render(report);
        String filename = report.title() + (report.inProgress() ? "（截至" + report.periodEnd() + "）" : "") + "." + format.extension;
        audit.record(AuditEvent.success("supervision.annual-report.download", "annual-report:" + year,
                format.extension + " " + content.length + " bytes" + (report.inProgress() ? ", year in progress to " + report.periodEnd() : "")));
        return Downloads.attachment(new StoredDocument(0, reader.orgId(), filename, format.mediaType, content.length, null, Instant.EPOCH), content);
    }
}
