package cn.govcloud.guard.documents.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.OfficialPapers;
import cn.govcloud.guard.documents.OfficialRecordSource;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.TimeConfiguration;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link OfficialPapers} on {@code documents_official}. The number comes from {@code documents_official_counter}: one row
 * per kind and year, raised with one {@code update … set last_no = last_no + 1} whose row lock is held to the end of the
 * issuing transaction, so two people issuing at once wait for each other and never share or skip a number (a failed
 * issue rolls its number back); the unique (kind, issue_year, seq) is the last guard.
 */
@Service
class JdbcOfficialPapers implements OfficialPapers {
    /** The scan of a signed and sealed paper: images and page formats only. */
    static final Set<String> SCAN_TYPES = Set.of("application/pdf", "application/ofd", "image/png", "image/jpeg");

    private final JdbcClient jdbc;
    private final Documents documents;
    private final OfficialTemplates templates;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<Kind, OfficialRecordSource> sources = new EnumMap<>(Kind.class);

    JdbcOfficialPapers(JdbcClient jdbc, Documents documents, OfficialTemplates templates, AuditLog audit, Clock clock,
                       List<OfficialRecordSource> sources) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
        sources.forEach(s -> this.sources.put(s.kind(), s));
    }

    /**
     * Who may issue (and attach the signed scan of) which kind, as docs/documents.md explains: the 通报 only the
     * supervisor (Article 3(3): the big-data centre notifies and 通报s hazards); the 授权函 and the 整改反馈函 only the
     * owning unit's security officer (A8.1/A9.2 the unit authorises; A10.2 the unit answers in writing); the agreement
     * the unit's security officer (A11.1: the unit signs it before admission) or the supervisor (the city's standard text).
     */
    static boolean mayIssue(Kind kind, Actor actor, long ownerOrgId) {
        boolean ownUnitOfficer = actor.has(Role.UNIT_SECURITY_OFFICER) && actor.orgId() == ownerOrgId;
        return switch (kind) {
            case NOTICE -> actor.has(Role.SUPERVISOR);
            case AUTHORISATION, RECTIFICATION_FEEDBACK -> ownUnitOfficer;
            case AGREEMENT -> ownUnitOfficer || actor.has(Role.SUPERVISOR);
        };
    }

    private Content content(Kind kind, long recordId, Actor actor) {
        OfficialRecordSource source = sources.get(kind);
        if (source == null) {
            throw new NotFound(kind.name().toLowerCase() + " record " + recordId);
        }
        return source.content(actor, recordId).orElseThrow(() -> new NotFound(kind.name().toLowerCase() + " record " + recordId));
    }

    @Override
    @Transactional
    public Issued issue(Kind kind, long recordId) {
        Actor actor = Actor.require();
        Content content = content(kind, recordId, actor);
        if (!mayIssue(kind, actor, content.ownerOrgId())) {
            audit.record(AuditEvent.of("official.issue", content.recordRef(), cn.govcloud.guard.audit.AuditResult.FAILURE,
                    "kind=" + kind + " refused: not the issuer's to issue"));
            throw new AccessDeniedException(kind.label() + " is not issued by " + actor.orgName());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = now.atZone(TimeConfiguration.CITY_ZONE).toLocalDate();
        int year = today.getYear();
        int seq = nextNumber(kind, year);
        String number = kind.prefix() + "〔" + year + "〕" + seq + "号";
        OfficialTemplates.Rendered rendered = templates.render(kind, content, number, today);
        String stem = kind.label() + "-" + year + "-" + seq;
        StoredDocument docx = documents.store(content.ownerOrgId(), stem + ".docx", new ByteArrayInputStream(rendered.docx()));
        StoredDocument pdf = documents.store(content.ownerOrgId(), stem + ".pdf", new ByteArrayInputStream(rendered.pdf()));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into documents_official (kind, issue_year, seq, number_text, issued_on, issued_at, template_version, record_id,
                            record_ref, owner_org_id, title, issuer_org_id, issuer_org_name, issued_by, issued_by_name,
                            docx_file_id, docx_sm3, pdf_file_id, pdf_sm3)
                        values (:kind, :year, :seq, :number, :issuedOn, :issuedAt, :version, :recordId, :recordRef, :owner, :title,
                            :issuerOrg, :issuerOrgName, :issuedBy, :issuedByName, :docx, :docxSm3, :pdf, :pdfSm3)""")
                .param("kind", kind.name()).param("year", year).param("seq", seq).param("number", number)
                .param("issuedOn", today).param("issuedAt", now.atOffset(ZoneOffset.UTC)).param("version", rendered.templateVersion())
                .param("recordId", recordId).param("recordRef", content.recordRef()).param("owner", content.ownerOrgId())
                .param("title", truncate(content.title(), 300)).param("issuerOrg", actor.orgId()).param("issuerOrgName", actor.orgName())
                .param("issuedBy", actor.username()).param("issuedByName", actor.displayName())
                .param("docx", docx.id()).param("docxSm3", docx.sm3()).param("pdf", pdf.id()).param("pdfSm3", pdf.sm3())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        audit.record(AuditEvent.success("official.issue", "documents_official:" + id,
                "kind=" + kind + " number=" + number + " record=" + content.recordRef() + " template=" + rendered.templateVersion()
                        + " docx_sm3=" + docx.sm3() + " pdf_sm3=" + pdf.sm3()));
        return load(id).orElseThrow();
    }

    /** The next number of the kind in the year; the counter row stays locked until the caller's transaction ends. */
    int nextNumber(Kind kind, int year) {
        jdbc.sql("insert into documents_official_counter (kind, issue_year, last_no) values (:kind, :year, 0) on conflict do nothing")
                .param("kind", kind.name()).param("year", year).update();
        jdbc.sql("update documents_official_counter set last_no = last_no + 1 where kind = :kind and issue_year = :year")
                .param("kind", kind.name()).param("year", year).update();
        return jdbc.sql("select last_no from documents_official_counter where kind = :kind and issue_year = :year")
                .param("kind", kind.name()).param("year", year).query(Integer.class).single();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean mayIssue(Kind kind, long recordId) {
        Actor actor = Actor.require();
        OfficialRecordSource source = sources.get(kind);
        return source != null && source.content(actor, recordId).map(c -> mayIssue(kind, actor, c.ownerOrgId())).orElse(false);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Issued> ofRecord(Kind kind, long recordId) {
        content(kind, recordId, Actor.require());
        return jdbc.sql(SELECT + " where kind = :kind and record_id = :record order by id desc")
                .param("kind", kind.name()).param("record", recordId).query(JdbcOfficialPapers::row).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Issued find(long id) {
        Issued issued = load(id).orElseThrow(() -> new NotFound("official document " + id));
        content(issued.kind(), issued.recordId(), Actor.require()); // the reader may see the record
        return issued;
    }

    @Override
    @Transactional
    public File file(long id, Format format) {
        Issued issued = find(id);
        String column = switch (format) {
            case DOCX -> "docx_file_id";
            case PDF -> "pdf_file_id";
            case SCAN -> "scan_file_id";
        };
        Long fileId = jdbc.sql("select " + column + " from documents_official where id = :id").param("id", id)
                .query((rs, i) -> (Long) rs.getObject(1, Long.class)).single();
        if (fileId == null) {
            throw new NotFound("scan of official document " + id);
        }
        StoredDocument document = documents.describe(fileId).orElseThrow(() -> new NotFound("document " + fileId));
        byte[] bytes = documents.open(fileId);
        audit.record(AuditEvent.success("official.download", "documents_official:" + id,
                "format=" + format + " number=" + issued.number() + " sm3=" + document.sm3()));
        return new File(document, bytes);
    }

    @Override
    @Transactional
    public Issued attachScan(long id, String filename, InputStream content) {
        Actor actor = Actor.require();
        Issued issued = find(id);
        if (!mayIssue(issued.kind(), actor, issued.ownerOrgId())) {
            throw new AccessDeniedException("the scan of " + issued.number() + " is attached by its issuer");
        }
        if (content == null) {
            throw new InvalidInput("documents.official.error.scan", Map.of("file", "documents.official.error.scan"));
        }
        StoredDocument scan = documents.store(issued.ownerOrgId(), filename == null ? "scan" : filename, content);
        if (!SCAN_TYPES.contains(scan.contentType())) {
            // rolls the stored file back with the transaction
            throw new InvalidInput("documents.official.error.scanType", Map.of("file", "documents.official.error.scanType"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("update documents_official set scan_file_id = :scan, scan_sm3 = :sm3, scan_at = :at, scan_by = :by where id = :id")
                .param("scan", scan.id()).param("sm3", scan.sm3()).param("at", now.atOffset(ZoneOffset.UTC))
                .param("by", actor.username()).param("id", id).update();
        audit.record(AuditEvent.success("official.scan", "documents_official:" + id,
                "number=" + issued.number() + " sm3=" + scan.sm3() + " type=" + scan.contentType() + " file=" + scan.id()));
        return load(id).orElseThrow();
    }

    private Optional<Issued> load(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(JdbcOfficialPapers::row).optional();
    }

    private static final String SELECT = """
            select id, kind, number_text, issue_year, seq, issued_on, issued_at, template_version, record_id, record_ref, owner_org_id, title,
                   issuer_org_id, issuer_org_name, issued_by, issued_by_name, docx_sm3, pdf_sm3, scan_file_id, scan_sm3, scan_at
              from documents_official""";

    private static Issued row(ResultSet rs, int i) throws SQLException {
        OffsetDateTime scanAt = rs.getObject("scan_at", OffsetDateTime.class);
        return new Issued(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("number_text"), rs.getInt("issue_year"),
                rs.getInt("seq"), rs.getObject("issued_on", LocalDate.class), rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                rs.getString("template_version"), rs.getLong("record_id"), rs.getString("record_ref"), rs.getLong("owner_org_id"),
                rs.getString("title"), rs.getLong("issuer_org_id"), rs.getString("issuer_org_name"), rs.getString("issued_by"),
                rs.getString("issued_by_name"), rs.getString("docx_sm3"), rs.getString("pdf_sm3"), rs.getObject("scan_file_id") != null,
                rs.getString("scan_sm3"), scanAt == null ? null : scanAt.toInstant());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
