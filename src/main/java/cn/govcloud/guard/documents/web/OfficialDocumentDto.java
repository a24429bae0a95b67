package cn.govcloud.guard.documents.web;

import cn.govcloud.guard.documents.OfficialPapers.Issued;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import java.time.Instant;
import java.time.LocalDate;

/** The typed bodies of {@code /api/v1/documents/official} (issue 22 point 7). */
final class OfficialDocumentDto {
    private OfficialDocumentDto() {
    }

    /** Issue the next numbered document of {@code kind} from the record {@code recordId} (a system, grant, hazard or notice id). */
    record IssueRequest(Kind kind, Long recordId) {
    }

    /** An issued document: its 发文字号, date, template version, record, issuer, the SM3 of each file and the scan if attached. */
    record OfficialDocumentJson(long id, Kind kind, String kindLabel, String number, int year, int sequence, LocalDate issuedOn,
                                Instant issuedAt, String templateVersion, long recordId, String recordRef, String title, String issuerOrgName,
                                String issuedBy, String docxSm3, String pdfSm3, boolean scanAttached, String scanSm3, Instant scanAt,
                                String docxUrl, String pdfUrl, String scanUrl) {
        static OfficialDocumentJson of(Issued i) {
            String base = "/api/v1/documents/official/" + i.id();
            return new OfficialDocumentJson(i.id(), i.kind(), i.kind().label(), i.number(), i.year(), i.sequence(), i.issuedOn(), i.issuedAt(),
                    i.templateVersion(), i.recordId(), i.recordRef(), i.title(), i.issuerOrgName(), i.issuedBy(), i.docxSm3(), i.pdfSm3(),
                    i.scanAttached(), i.scanSm3(), i.scanAt(), base + "/docx", base + "/pdf", i.scanAttached() ? base + "/scan" : null);
        }
    }
}
