package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A5.2: the provider records each certification report as it is issued; the catalog's filing rule
 * (15 working days from the issue date) becomes a duty at once, and attaching the report files it.
 */
@Service
public class Certifications {
    /** The three reports of A5.2, with the value the catalog's {@code kind} condition tests. */
    public enum Kind {
        CLOUD_ASSESSMENT("cloud-assessment", "A5.2-cloud-service-assessment-filing"),
        MLPS("mlps", "A5.2-mlps-assessment-filing"),
        CRYPTO("crypto", "A5.2-crypto-assessment-filing");

        final String attribute;
        final String filingRule;

        Kind(String attribute, String filingRule) {
            this.attribute = attribute;
            this.filingRule = filingRule;
        }

        public String filingRule() {
            return filingRule;
        }

        /** The yearly reports are due again a year after issue; the national assessment when it expires. */
        LocalDate nextDue(LocalDate issued, LocalDate validUntil) {
            if (this == CLOUD_ASSESSMENT) {
                return validUntil;
            }
            LocalDate yearLater = issued.plusYears(1);
            return yearLater.isBefore(validUntil) ? yearLater : validUntil;
        }
    }

    public record NewCertification(Kind kind, String reportNumber, String agency, LocalDate issueDate, LocalDate validUntil,
                                   String conclusion) {
    }

    /** A report with its filing duty's state and the next report's due date. */
    public record Certification(long id, long providerOrgId, Kind kind, String reportNumber, String agency, LocalDate issueDate,
                                LocalDate validUntil, String conclusion, Long filingDutyId, Instant recordedAt, String recordedBy,
                                Duty filing, LocalDate nextDue, boolean expired) {
    }

    private final JdbcClient jdbc;
    private final Duties duties;
    private final RuleCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    Certifications(JdbcClient jdbc, Duties duties, RuleCatalog catalog, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.duties = duties;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** The conclusions the catalog's filing form allows for a kind (e.g. 优/良/中/差 for 等保). */
    public List<String> conclusions(Kind kind) {
        return catalog.rule(kind.filingRule()).flatMap(rule -> rule.evidence().fields().stream()
                .filter(f -> f.name().equals("conclusion")).findFirst()).map(Rule.Field::options).orElse(List.of());
    }

    /**
     * Records a report (the provider only), raises its filing duty and, when the report file is
     * given, files it at once. Everything or nothing: a bad field or a refused file stores nothing.
     */
    @Transactional
    public Certification register(NewCertification c, String reportFilename, InputStream reportFile) {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("only the provider records its certifications");
        }
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        Map<String, String> errors = new LinkedHashMap<>();
        if (c.kind() == null) {
            errors.put("kind", "platform.cert.error.kind");
        }
        if (blank(c.reportNumber()) || c.reportNumber().length() > 100) {
            errors.put("reportNumber", "platform.cert.error.reportNumber");
        }
        if (blank(c.agency()) || c.agency().length() > 200) {
            errors.put("agency", "platform.cert.error.agency");
        }
        if (c.issueDate() == null || c.issueDate().isAfter(today)) {
            errors.put("issueDate", "platform.cert.error.issueDate");
        }
        if (c.validUntil() == null || (c.issueDate() != null && !c.validUntil().isAfter(c.issueDate()))) {
            errors.put("validUntil", "platform.cert.error.validUntil");
        }
        if (c.kind() != null && (blank(c.conclusion()) || !conclusions(c.kind()).contains(c.conclusion()))) {
            errors.put("conclusion", "platform.cert.error.conclusion");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.cert.error.invalid", errors);
        }
        boolean duplicate = jdbc.sql("select count(*) from platform_certification where provider_org_id = :org and kind = :kind "
                        + "and report_number = :no").param("org", actor.orgId()).param("kind", c.kind().name())
                .param("no", c.reportNumber().strip()).query(Long.class).single() > 0;
        if (duplicate) {
            throw new RuleViolation("A5.2", "platform.cert.error.duplicate");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into platform_certification (provider_org_id, kind, report_number, agency, issue_date, valid_until, conclusion, "
                        + "recorded_at, recorded_by) values (:org, :kind, :no, :agency, :issued, :until, :conclusion, :at, :by)")
                .param("org", actor.orgId()).param("kind", c.kind().name()).param("no", c.reportNumber().strip())
                .param("agency", c.agency().strip()).param("issued", c.issueDate()).param("until", c.validUntil())
                .param("conclusion", c.conclusion()).param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("by", actor.username())
                .update(key, "id");
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // the same report recorded twice at once (a double click): the unique key decides, the loser is told
            throw new RuleViolation("A5.2", "platform.cert.error.duplicate");
        }
        long id = key.getKey().longValue();

        // A5.2: filed within 15 working days of the issue date; the issue date itself is not counted
        Subject platform = new Subject(SubjectKind.PLATFORM, actor.orgId(), actor.orgName(), actor.orgId(), Map.of());
        Instant issued = c.issueDate().atStartOfDay(WorkingCalendar.ZONE).toInstant();
        Duty filing = duties.raise(new DutyTrigger("certification.issued", platform, issued, "certification:" + id,
                        Map.of("kind", c.kind().attribute)))
                .stream().filter(d -> d.ruleId().equals(c.kind().filingRule())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the catalog has no filing rule " + c.kind().filingRule()));
        jdbc.sql("update platform_certification set filing_duty_id = :duty where id = :id").param("duty", filing.id()).param("id", id).update();
        audit.record(AuditEvent.success("platform.certification.record", "certification:" + id,
                c.kind() + " " + c.reportNumber() + " issued " + c.issueDate() + " filing due " + filing.dueDate()));
        if (reportFile != null) {
            Map<String, String> fields = new HashMap<>();
            fields.put("reportNumber", c.reportNumber().strip());
            fields.put("agency", c.agency().strip());
            fields.put("issueDate", c.issueDate().toString());
            fields.put("validUntil", c.validUntil().toString());
            fields.put("conclusion", c.conclusion());
            duties.submit(filing.id(), fields, List.of(new Duties.Attachment("report", reportFilename, reportFile)));
        }
        return find(id, actor).orElseThrow();
    }

    public List<Certification> list(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        List<Certification> rows = new ArrayList<>();
        jdbc.sql("select * from platform_certification c where " + scope.where("c.provider_org_id")
                        + " order by c.issue_date desc, c.id desc").params(scope.params())
                .query((rs, i) -> rows.add(map(rs))).list();
        // the filing duties in one query, not one per report
        Map<Long, Duty> filings = new HashMap<>();
        duties.find(rows.stream().map(Certification::filingDutyId).filter(java.util.Objects::nonNull).toList())
                .forEach(d -> filings.put(d.id(), d));
        return rows.stream().map(c -> withFiling(c, c.filingDutyId() == null ? null : filings.get(c.filingDutyId()))).toList();
    }

    public Optional<Certification> find(long id, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql("select * from platform_certification c where c.id = :id and " + scope.where("c.provider_org_id"))
                .params(params).query((rs, i) -> map(rs)).optional()
                .map(c -> withFiling(c, c.filingDutyId() == null ? null : duties.find(c.filingDutyId()).orElse(null)));
    }

    /** The latest report of each kind: what the supervisor checks first. */
    public Map<Kind, Certification> latest(List<Certification> all) {
        Map<Kind, Certification> latest = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            all.stream().filter(c -> c.kind() == kind).findFirst().ifPresent(c -> latest.put(kind, c));
        }
        return latest;
    }

    private static Certification withFiling(Certification c, Duty filing) {
        return new Certification(c.id(), c.providerOrgId(), c.kind(), c.reportNumber(), c.agency(), c.issueDate(), c.validUntil(),
                c.conclusion(), c.filingDutyId(), c.recordedAt(), c.recordedBy(), filing, c.nextDue(), c.expired());
    }

    private Certification map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Kind kind = Kind.valueOf(rs.getString("kind"));
        LocalDate issued = rs.getObject("issue_date", LocalDate.class);
        LocalDate until = rs.getObject("valid_until", LocalDate.class);
        long duty = rs.getLong("filing_duty_id");
        Long dutyId = rs.wasNull() ? null : duty;
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        return new Certification(rs.getLong("id"), rs.getLong("provider_org_id"), kind, rs.getString("report_number"),
                rs.getString("agency"), issued, until, rs.getString("conclusion"), dutyId,
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"), null,
                kind.nextDue(issued, until), until.isBefore(today));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
