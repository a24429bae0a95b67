package cn.govcloud.guard.documents;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Official documents (公文) issued from a record (issue 22 point 7): rendered from a versioned Word template into .docx
 * and, from the same content, into PDF in the GB/T 9704 layout, numbered {@code 〔2026〕12号} per kind and year, stored as
 * encrypted evidence files with their SM3 digests, and later joined by the signed and sealed scan. The module that owns
 * the record supplies its content through an {@link OfficialRecordSource}; who may issue which kind is fixed here (see
 * {@link Kind}). Every call acts as the signed-in actor and is audited.
 */
public interface OfficialPapers {

    /**
     * The four kinds and who issues them (docs/documents.md):
     * AGREEMENT 政务云平台安全责任协议 on a hosted system (A11.1: the unit signs it with the provider before admission; the
     * supervisor keeps the city's standard text) — the system's unit security officer or the supervisor;
     * AUTHORISATION 授权函 on a data-access grant (A8.1, A9.2: only the owning unit authorises) — its unit security officer;
     * RECTIFICATION_FEEDBACK 整改反馈函 on a hazard (A10.2: the unit answers the warning department in writing) — its unit
     * security officer; NOTICE 通报 on a supervision notice (the big-data centre notifies and 通报s, Article 3(3)) — the
     * supervisor.
     */
    enum Kind {
        AGREEMENT("政务云平台安全责任协议", "政务云协"),
        AUTHORISATION("授权函", "政务云授"),
        RECTIFICATION_FEEDBACK("整改反馈函", "政务云改"),
        NOTICE("通报", "政务云通");

        private final String label;
        private final String prefix;

        Kind(String label, String prefix) {
            this.label = label;
            this.prefix = prefix;
        }

        /** The kind's Chinese name, e.g. 整改反馈函. */
        public String label() {
            return label;
        }

        /** The 发文字号's organ abbreviation, e.g. 政务云通 in 政务云通〔2026〕3号. */
        public String prefix() {
            return prefix;
        }
    }

    enum Format { DOCX, PDF, SCAN }

    /** One labelled fact of the record, printed as 「label：value」. */
    record Fact(String label, String value) {
    }

    /**
     * What the owning module contributes from the record: the organisation the record belongs to (a unit), a reference
     * ({@code hazard:12}), the title, the addressee (主送), the text's paragraphs, the facts, the closing formula after them (特此函告。, may be null), the signature lines (落款, one
     * or two parties) and the copy-to line (抄送, may be null).
     */
    record Content(long ownerOrgId, String recordRef, String title, String addressee, List<String> body, List<Fact> facts,
                   String closing, List<String> signers, String copyTo) {
        public Content {
            body = List.copyOf(body);
            facts = List.copyOf(facts);
            signers = List.copyOf(signers);
        }
    }

    /** An issued document as listed on its record and answered by the API. */
    record Issued(long id, Kind kind, String number, int year, int sequence, LocalDate issuedOn, Instant issuedAt,
                  String templateVersion, long recordId, String recordRef, long ownerOrgId, String title, long issuerOrgId,
                  String issuerOrgName, String issuedBy, String issuedByName, String docxSm3, String pdfSm3, boolean scanAttached,
                  String scanSm3, Instant scanAt) {
    }

    /** A file of an issued document, to hand to {@link Downloads#attachment(StoredDocument, byte[])}. */
    record File(StoredDocument document, byte[] content) {
    }

    /** Issues the next numbered document of {@code kind} from the record; 404 when the actor may not see it, 403 when not theirs to issue. */
    Issued issue(Kind kind, long recordId);

    /** Whether the signed-in actor may issue {@code kind} from the record (false when they may not see it). */
    boolean mayIssue(Kind kind, long recordId);

    /** The documents issued from a record, newest first (404 when the actor may not see the record). */
    List<Issued> ofRecord(Kind kind, long recordId);

    /** One issued document the actor may see. */
    Issued find(long id);

    /** The .docx, the PDF or the attached scan of an issued document; audited. */
    File file(long id, Format format);

    /** Attaches the signed and sealed scan (PDF, OFD, PNG, JPEG) by whoever may issue it; replaces an earlier scan. */
    Issued attachScan(long id, String filename, InputStream content);
}
