package cn.govcloud.guard.systems.internal;

import static cn.govcloud.guard.systems.internal.Checks.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.AdmissionRequested;
import cn.govcloud.guard.systems.SystemAdmitted;
import cn.govcloud.guard.systems.internal.HostedSystem.Switch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * From a complete registration to an admitted system: the signed responsibility agreement and the admission request
 * (A11.1), the supervisor's admission through the gate (A11.2, {@link AdmissionGate}) and the two switches opened
 * separately afterwards. Each decision raises its work order to the provider.
 */
@Service
public class Admission {

    public record Agreement(long id, long documentId, String agreementNumber, String unitSignatory, String providerSignatory, LocalDate signedOn,
                            Instant recordedAt, String recordedBy) {
    }

    private final SystemRepository systems;
    private final SystemEvidence evidence;
    private final SystemChanges changes;
    private final Verification verification;
    private final Documents documents;
    private final Duties duties;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Classification classification;

    Admission(SystemRepository systems, SystemEvidence evidence, SystemChanges changes, Verification verification, Documents documents,
              Duties duties, AuditLog audit, ApplicationEventPublisher events, Clock clock, Classification classification) {
        this.systems = systems;
        this.evidence = evidence;
        this.changes = changes;
        this.verification = verification;
        this.documents = documents;
        this.duties = duties;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.classification = classification;
    }

    /** The unit completes the registration (editing ends). */
    @Transactional
    public HostedSystem submit(long id) {
        Actor actor = Checks.requireUnit(Actor.require());
        changes.move(systems.visible(id, actor), Lifecycle.SUBMIT, null, actor);
        return systems.get(id);
    }

    /** A11.1: the signed agreement, with the signatories of both sides and the signing date. */
    @Transactional
    public Agreement uploadAgreement(long id, String agreementNumber, String unitSignatory, String providerSignatory, LocalDate signedOn,
                                     String filename, InputStream file) {
        Actor actor = Checks.requireUnit(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.requireAgreementOpen();
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(agreementNumber) || agreementNumber.strip().length() > 100) {
            errors.put("agreementNumber", "systems.error.agreementNumber");
        }
        if (blank(unitSignatory) || unitSignatory.length() > 100) {
            errors.put("unitSignatory", "systems.error.unitSignatory");
        }
        if (blank(providerSignatory) || providerSignatory.length() > 100) {
            errors.put("providerSignatory", "systems.error.providerSignatory");
        }
        if (signedOn == null || signedOn.isAfter(Checks.today(clock))) {
            errors.put("signedOn", "systems.error.signedOn");
        }
        if (file == null) {
            errors.put("file", "systems.error.file");
        }
        Checks.valid(errors);
        byte[] content = Checks.read(file);
        StoredDocument doc = documents.store(system.orgId(), filename == null ? "agreement" : filename, new ByteArrayInputStream(content));
        Instant now = changes.now();
        systems.attach(id, doc.id(), "AGREEMENT", actor.username(), now);
        String number = agreementNumber.strip();
        systems.insertAgreement(id, doc.id(), number, unitSignatory.strip(), providerSignatory.strip(), signedOn, now, actor.username());
        changes.note(system, "AGREEMENT", "A11.1", unitSignatory.strip() + " / " + providerSignatory.strip() + " " + signedOn, actor, now);
        audit.record(AuditEvent.success("systems.agreement.upload", "system:" + id, "signed " + signedOn + " document " + doc.id()));
        // the agreement is the evidence of the unit's A11.1 duty raised at registration
        duties.ofSubject(SubjectKind.SYSTEM, id).stream()
                .filter(d -> d.ruleId().equals("A11.1-responsibility-agreement") && d.state().awaitsSubmission())
                .findFirst().ifPresent(duty -> duties.submit(duty.id(), Map.of("agreementNumber", number,
                                "signedOn", signedOn.toString(), "signedByProvider", "true"),
                        List.of(new Duties.Attachment("agreement", doc.filename(), new ByteArrayInputStream(content)))));
        return systems.agreement(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Agreement> agreement(long id) {
        return systems.agreement(id);
    }

    /** A11.1: no admission request without a signed agreement. */
    @Transactional
    public HostedSystem requestAdmission(long id) {
        Actor actor = Checks.requireUnit(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        if (Lifecycle.REQUEST_ADMISSION.allowedFrom(system.state()) && systems.agreement(id).isEmpty()) {
            throw new RuleViolation("A11.1", "No signed security-responsibility agreement: a system without one may not be admitted (A11.1)");
        }
        if (Lifecycle.REQUEST_ADMISSION.allowedFrom(system.state())) {
            classification.requireDeclared(id); // A2: only 非涉密 systems on the government cloud (issue 22 point 3)
        }
        Instant now = changes.move(system, Lifecycle.REQUEST_ADMISSION, null, actor);
        events.publishEvent(new AdmissionRequested(id, changes.subject(system), now));
        return systems.get(id);
    }

    /** The supervisor admits the system once every item is accepted and the gate passes (intranet only). */
    @Transactional
    public HostedSystem admit(long id) {
        Actor actor = Checks.requireSupervisor(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.check(Lifecycle.ADMIT);
        if (!verification.verificationPassed(id)) {
            throw new RuleViolation("A11.2", "Not every verification item is accepted: the system may not be admitted (A11.2)");
        }
        AdmissionGate.refusal(system, evidence.items(id), evidence.protections(id), Checks.today(clock)).ifPresent(refusal -> {
            throw refusal;
        });
        Instant admittedAt = changes.move(system, Lifecycle.ADMIT, null, actor);
        // the one hook of the assessment ledger (A7.2): the verified 等保 certificate becomes the system's first filing
        events.publishEvent(new SystemAdmitted(id, system.orgId(), system.mlpsLevel(), admittedAt));
        // issue 17 point 6: the provider opens the platform's network for the admitted system (switches stay off)
        changes.order(system, WorkOrders.Kind.ADMISSION, null, null, null, actor, admittedAt);
        // the supervisor's A11.2 check is done: every item accepted, admitted for the intranet (the switches are separate acts)
        duties.ofSubject(SubjectKind.SYSTEM, id).stream()
                .filter(d -> d.ruleId().equals("A11.2-admission-check") && d.state().awaitsSubmission())
                .findFirst().ifPresent(duty -> duties.submit(duty.id(), Map.of("mlpsCertificateOk", "true", "cryptoPlanOk", "true",
                        "testReportsOk", "true", "decision", "准入",
                        // admission is for the intranet; internet access is a separate decision (setSwitch), not recorded as allowed before it
                        "internetAllowed", String.valueOf(system.internetAccess()), "reviewer", actor.displayName())));
        return systems.get(id);
    }

    /** A11.2: internet access / external data exchange, a separate audited act, only for a system that passed. */
    @Transactional
    public HostedSystem setSwitch(long id, Switch which, boolean on, String reason) {
        Actor actor = Checks.requireSupervisor(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        String why = Checks.stripped(reason);
        if (on) {
            system.check(Lifecycle.SWITCH);
            // issue 23 point 8: opening a system to the internet or to exchange widens its exposure — a reason is required
            if (why == null) {
                Checks.valid(Map.of("reason", "systems.error.reason"));
            }
            if (!verification.verificationPassed(id)) {
                throw new RuleViolation("A11.2", "The system has not passed verification: no internet access or external data exchange (A11.2)");
            }
            // the system's declared exposure must include the internet before the supervisor opens it to the internet
            if (which == Switch.INTERNET_ACCESS && !system.exposure().contains(HostedSystem.Exposure.INTERNET)) {
                throw new RuleViolation("A11.2", "systems.refused.exposureNoInternet");
            }
        }
        Instant now = changes.now();
        systems.setSwitch(id, which, on, now);
        changes.note(system, which + (on ? ":ON" : ":OFF"), "A11.2", why, actor, now);
        audit.record(AuditEvent.success("systems.switch", "system:" + id, which + " " + (on ? "on" : "off")
                + (why == null ? "" : "; reason: " + why)));
        if (system.isOn(which) != on) {
            // issue 17 point 6 (A11.2): the decision is the supervisor's, its execution at the firewall the provider's
            WorkOrders.Kind kind = WorkOrders.Kind.valueOf(which.name() + (on ? "_ON" : "_OFF"));
            changes.order(system, kind, which == Switch.INTERNET_ACCESS ? on : null, which == Switch.EXTERNAL_EXCHANGE ? on : null,
                    why, actor, now);
        }
        return systems.get(id);
    }
}
