package cn.govcloud.guard.platform.internal;

import static cn.govcloud.guard.platform.internal.Fields.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.platform.CertificationIssued;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A5.2: the certification register — the cloud-service assessment, the MLPS and the crypto assessment reports. Recording a
 * report publishes {@link CertificationIssued}, whose filing duty (15 working days from the issue date) the catalog raises at
 * once; attaching the report files it. The SQL is {@link CertificationRecords}'.
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
        Certification withFiling(Duty duty) {
            return new Certification(id, providerOrgId, kind, reportNumber, agency, issueDate, validUntil, conclusion, filingDutyId,
                    recordedAt, recordedBy, duty, nextDue, expired);
        }
    }

    private final CertificationRecords records;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final RuleCatalog catalog;
    private final AuditLog audit;
    private final PlatformClock clock;

    Certifications(CertificationRecords records, Duties duties, ApplicationEventPublisher events, RuleCatalog catalog, AuditLog audit,
                   PlatformClock clock) {
        this.records = records;
        this.duties = duties;
        this.events = events;
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
    public Certification register(Actor by, NewCertification c, String reportFilename, InputStream reportFile) {
        Actor actor = Provider.require(by, "only the provider records its certifications");
        validate(c);
        String number = c.reportNumber().strip();
        if (records.exists(actor.orgId(), c.kind(), number)) {
            throw new RuleViolation("A5.2", "platform.cert.error.duplicate");
        }
        long id;
        try {
            id = records.insert(actor.orgId(), c.kind(), number, c.agency().strip(), c.issueDate(), c.validUntil(), c.conclusion(),
                    clock.now(), actor.username());
        } catch (DuplicateKeyException raced) {
            // the same report recorded twice at once (a double click): the unique key decides, the loser is told
            throw new RuleViolation("A5.2", "platform.cert.error.duplicate");
        }

        // A5.2: filed within 15 working days of the issue date; the issue date itself is not counted
        Instant issued = c.issueDate().atStartOfDay(WorkingCalendar.ZONE).toInstant();
        events.publishEvent(new CertificationIssued(id, Provider.platform(actor), issued, c.kind().attribute));
        Duty filing = duties.raisedBy("certification:" + id).stream().filter(d -> d.ruleId().equals(c.kind().filingRule())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the catalog has no filing rule " + c.kind().filingRule()));
        records.filingDuty(id, filing.id());
        audit.record(AuditEvent.success("platform.certification.record", "certification:" + id,
                c.kind() + " " + c.reportNumber() + " issued " + c.issueDate() + " filing due " + filing.dueDate()));
        if (reportFile != null) {
            Map<String, String> fields = new HashMap<>();
            fields.put("reportNumber", number);
            fields.put("agency", c.agency().strip());
            fields.put("issueDate", c.issueDate().toString());
            fields.put("validUntil", c.validUntil().toString());
            fields.put("conclusion", c.conclusion());
            duties.submit(filing.id(), fields, List.of(new Duties.Attachment("report", reportFilename, reportFile)));
        }
        return find(id, actor).orElseThrow();
    }

    private void validate(NewCertification c) {
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
        if (c.issueDate() == null || c.issueDate().isAfter(clock.today())) {
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
    }

    @Transactional(readOnly = true)
    public List<Certification> list(Actor actor) {
        List<Certification> rows = records.list(OrgScope.of(actor), clock.today());
        // the filing duties in one query, not one per report
        Map<Long, Duty> filings = new HashMap<>();
        duties.find(rows.stream().map(Certification::filingDutyId).filter(Objects::nonNull).toList()).forEach(d -> filings.put(d.id(), d));
        return rows.stream().map(c -> c.withFiling(c.filingDutyId() == null ? null : filings.get(c.filingDutyId()))).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Certification> find(long id, Actor actor) {
        return records.find(id, OrgScope.of(actor), clock.today())
                .map(c -> c.withFiling(c.filingDutyId() == null ? null : duties.find(c.filingDutyId()).orElse(null)));
    }

    /** The latest report of each kind: what the supervisor checks first. */
    public Map<Kind, Certification> latest(List<Certification> all) {
        Map<Kind, Certification> latest = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            all.stream().filter(c -> c.kind() == kind).findFirst().ifPresent(c -> latest.put(kind, c));
        }
        return latest;
    }
}
