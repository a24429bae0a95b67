package cn.govcloud.guard.systems.ledger.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.DutySubmitted;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.SystemAdmitted;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.Verification;
import cn.govcloud.guard.systems.internal.Verification.Item;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.ledger.AssessmentLedger;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The assessment ledger of each hosted system (A7.2, issue 17 point 9): filings at admission (the verified 等保
 * certificate, A11.2), on the ledger by the unit, or as the evidence of the year's A7.2 duty — each once; the next
 * assessment due after the catalog's cadence ({@link Cadences}); the city-wide list of what falls due.
 */
@Service
public class LedgerService implements AssessmentLedger {
    /** How far ahead a next due date shows as 即将到期 on the pages (the first reminder's distance). */
    public static final int DUE_SOON_DAYS = 90;

    private final Filings filings;
    private final Cadences cadences;
    private final LedgerDuties ledgerDuties;
    private final SystemQueries systems;
    private final Verification verification;
    private final Systems register;
    private final Documents documents;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    LedgerService(Filings filings, Cadences cadences, LedgerDuties ledgerDuties, SystemQueries systems, Verification verification, Systems register,
                  Documents documents, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.filings = filings;
        this.cadences = cadences;
        this.ledgerDuties = ledgerDuties;
        this.systems = systems;
        this.verification = verification;
        this.register = register;
        this.documents = documents;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A filing as typed in the form or the API, every value as text so that each bad one is named. */
    public record NewFiling(String kind, String assessedOn, String conclusion, String mlpsLevel, String issuer, String reportNumber,
                            String validUntil, String highRisks, String remarks) {
    }

    /** Where a system stands for one kind: NOT_OWED, NEVER, OVERDUE, DUE_SOON or OK. */
    public record Status(AssessmentKind kind, Period cadence, LocalDate latest, LocalDate nextDue, String state) {
    }

    // ---- reads (scoped: a unit its own systems; the supervisor and the regulators all) -------------

    public HostedSystem system(long systemId, Actor actor) {
        return systems.visible(systemId, actor);
    }

    @Transactional(readOnly = true)
    public List<Filing> filings(long systemId, Actor actor) {
        systems.visible(systemId, actor);
        return filings.ofSystem(systemId);
    }

    @Transactional(readOnly = true)
    public List<Status> status(long systemId, Actor actor) {
        HostedSystem system = systems.visible(systemId, actor);
        Map<AssessmentKind, LocalDate> latest = new java.util.EnumMap<>(AssessmentKind.class);
        for (Filing f : filings.ofSystem(systemId)) {
            latest.merge(f.kind(), f.assessedOn(), (a, b) -> a.isAfter(b) ? a : b);
        }
        LocalDate today = today();
        List<Status> result = new ArrayList<>();
        for (AssessmentKind kind : AssessmentKind.values()) {
            Optional<Period> cadence = cadences.of(kind, system.mlpsLevel());
            LocalDate last = latest.get(kind);
            LocalDate next = cadence.isPresent() && last != null ? last.plus(cadence.get()) : null;
            String state = cadence.isEmpty() ? "NOT_OWED" : last == null ? "NEVER" : next.isBefore(today) ? "OVERDUE"
                    : !next.isAfter(today.plusDays(DUE_SOON_DAYS)) ? "DUE_SOON" : "OK";
            result.add(new Status(kind, cadence.orElse(null), last, next, state));
        }
        return result;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Due> dueBy(LocalDate until) {
        Map<Long, Map<AssessmentKind, LocalDate>> latest = filings.latest();
        List<Due> due = new ArrayList<>();
        for (Systems.SystemRef s : register.onPlatform()) {
            for (AssessmentKind kind : AssessmentKind.values()) {
                Optional<Period> cadence = cadences.of(kind, s.mlpsLevel());
                if (cadence.isEmpty()) {
                    continue;
                }
                LocalDate last = latest.getOrDefault(s.id(), Map.of()).get(kind);
                LocalDate next = last == null ? null : last.plus(cadence.get());
                if (next == null || !next.isAfter(until)) {
                    due.add(new Due(s.id(), s.orgId(), s.name(), s.mlpsLevel(), kind.name(), kind.label(), last, next));
                }
            }
        }
        due.sort(Comparator.comparing((Due d) -> d.nextDue() == null ? LocalDate.MIN : d.nextDue()).thenComparing(Due::systemName));
        return due;
    }

    // ---- filing ------------------------------------------------------------------------------

    /** A unit files an assessment of its own system with its report; fulfils the year's open duty of that kind. */
    @Transactional
    public Filing file(long systemId, NewFiling input, String filename, byte[] content) {
        Actor actor = Actor.require();
        if (!actor.isUnitUser()) {
            throw new AccessDeniedException("a unit files its own systems' assessments (A7.2)");
        }
        HostedSystem system = systems.visible(systemId, actor);
        if (system.state() == SystemState.EXITED) {
            throw new RuleViolation("A7.2", "系统已退出政务云，不再登记测评 (the system has left the platform)");
        }
        FilingCheck.Checked v = FilingCheck.check(input, system.mlpsLevel(), today(), cadences, content != null && content.length > 0);
        Instant now = clock.instant();
        StoredDocument stored;
        try {
            stored = documents.store(system.orgId(), filename, new ByteArrayInputStream(content));
        } catch (InvalidInput refused) {
            throw new InvalidInput("systems.ledger.error.invalid", Map.of("document", refused.getMessage()));
        }
        attach(systemId, stored.id(), actor.username(), now);
        Filing draft = new Filing(0, systemId, v.kind(), v.assessedOn(), v.conclusion(), v.mlpsLevel(), v.issuer(), v.reportNumber(),
                v.validUntil(), stored.id(), v.highRisks(), v.remarks(), "LEDGER", null, now, actor.username());
        Filing filing = withId(draft, filings.insert(draft));
        Optional<Long> duty = ledgerDuties.fulfil(filing, stored.filename());
        audit.record(AuditEvent.success("systems.assessment.file", "system:" + systemId, v.kind() + " " + v.assessedOn() + " "
                + v.conclusion() + duty.map(d -> " fulfils duty:" + d).orElse("")));
        return filings.ofSystem(systemId).stream().filter(f -> f.id() == filing.id()).findFirst().orElseThrow();
    }

    /** A11.2 → A7.2: the 等保 certificate the supervisor verified is the system's first filing, in the admission's transaction. */
    @EventListener
    void onAdmitted(SystemAdmitted admitted) {
        Item cert = verification.items(admitted.systemId()).get(ItemKind.MLPS_CERTIFICATE);
        if (cert == null || cert.certDate() == null) {
            return;
        }
        String by = Actor.current().map(Actor::username).orElse("system");
        Filing draft = new Filing(0, admitted.systemId(), AssessmentKind.MLPS, cert.certDate(), cert.conclusion(), cert.certLevel(), null,
                cert.certNumber(), cert.validUntil(), cert.documentId(), null, null, "ADMISSION", null, admitted.at(), by);
        Filing filing = withId(draft, filings.insert(draft));
        ledgerDuties.fulfil(filing, documents.describe(cert.documentId()).map(StoredDocument::filename).orElse(null));
        audit.record(AuditEvent.success("systems.assessment.admission", "system:" + admitted.systemId(),
                "MLPS " + cert.certDate() + " " + cert.conclusion()));
    }

    /** A report filed as the evidence of an A7.2 duty is written to the ledger once (the duty's own filing). */
    @EventListener
    void onDutySubmitted(DutySubmitted submitted) {
        Optional<AssessmentKind> kind = AssessmentKind.ofRule(submitted.ruleId());
        if (kind.isEmpty() || submitted.subjectKind() != SubjectKind.SYSTEM || filings.existsForDuty(submitted.dutyId())) {
            return;
        }
        Optional<Systems.SystemRef> system = register.find(submitted.subjectId());
        if (system.isEmpty()) {
            return; // a duty about a subject the register does not hold has no ledger to write to
        }
        LocalDate day = submitted.at().atZone(WorkingCalendar.ZONE).toLocalDate();
        LedgerDuties.Values v = LedgerDuties.values(kind.get(), submitted.fields(), day);
        Integer level = kind.get() == AssessmentKind.MLPS ? system.get().mlpsLevel() : null;
        Long document = submitted.documents().get(AssessmentKind.REPORT_SLOT);
        if (document != null) {
            attach(submitted.subjectId(), document, submitted.by(), submitted.at());
        }
        filings.insert(new Filing(0, submitted.subjectId(), kind.get(), v.date(), v.conclusion(), level, v.issuer(), v.reportNumber(), null,
                document, v.highRisks(), v.remarks(), "DUTY", submitted.dutyId(), submitted.at(), submitted.by()));
        audit.record(AuditEvent.success("systems.assessment.duty", "system:" + submitted.subjectId(),
                kind.get() + " " + v.date() + " duty:" + submitted.dutyId()));
    }

    private void attach(long systemId, long documentId, String by, Instant at) {
        jdbc.sql("insert into systems_document (system_id, document_id, purpose, attached_at, attached_by) values (:s, :d, 'ASSESSMENT', :at, :by)")
                .param("s", systemId).param("d", documentId).param("at", at.atOffset(ZoneOffset.UTC)).param("by", by).update();
    }

    private static Filing withId(Filing f, long id) {
        return new Filing(id, f.systemId(), f.kind(), f.assessedOn(), f.conclusion(), f.mlpsLevel(), f.issuer(), f.reportNumber(),
                f.validUntil(), f.documentId(), f.highRisks(), f.remarks(), f.source(), f.dutyId(), f.recordedAt(), f.recordedBy());
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }
}
