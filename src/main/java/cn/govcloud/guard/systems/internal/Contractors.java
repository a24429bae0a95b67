package cn.govcloud.guard.systems.internal;

import static cn.govcloud.guard.systems.internal.Checks.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.systems.ContractorEngaged;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The builders and operators a unit engages for its system, with their signed agreements (A7.2). */
@Service
public class Contractors {

    public enum ContractorRole { BUILDER, OPERATOR }

    public record Contractor(long id, long systemId, String name, ContractorRole role, String dataAccess, Long confidentialityDocumentId,
                             Long responsibilityDocumentId, LocalDate signedOn, LocalDate expiresOn, Instant engagedAt, String engagedBy,
                             boolean expired) {
    }

    private final SystemRepository systems;
    private final SystemEvidence evidence;
    private final SystemChanges changes;
    private final Documents documents;
    private final Duties duties;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Contractors(SystemRepository systems, SystemEvidence evidence, SystemChanges changes, Documents documents, Duties duties, AuditLog audit,
                ApplicationEventPublisher events, Clock clock) {
        this.systems = systems;
        this.evidence = evidence;
        this.changes = changes;
        this.documents = documents;
        this.duties = duties;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The unit engages a builder or operator with the data access it is allowed; raises the A7.2 agreements duty. */
    @Transactional
    public Contractor engageContractor(long id, String name, ContractorRole role, String dataAccess) {
        Actor actor = Checks.requireUnit(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.requireNotExited();
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(name) || name.strip().length() > 200) {
            errors.put("contractorName", "systems.error.contractorName");
        }
        if (role == null) {
            errors.put("contractorRole", "systems.error.contractorRole");
        }
        if (blank(dataAccess) || dataAccess.length() > 2000) {
            errors.put("dataAccess", "systems.error.dataAccess");
        }
        Checks.valid(errors);
        Instant now = changes.now();
        long contractorId = evidence.engage(id, name.strip(), role, dataAccess.strip(), now, actor.username());
        changes.note(system, "CONTRACTOR:" + role, "A7.2", name.strip(), actor, now);
        audit.record(AuditEvent.success("systems.contractor.engage", "system:" + id, role + " " + name.strip()));
        events.publishEvent(new ContractorEngaged(contractorId, changes.subject(system), now));
        return contractor(id, contractorId);
    }

    /**
     * A7.2: the signed confidentiality agreement and security-responsibility letter of a contractor;
     * filed at once as the evidence of its A7.2 duty.
     */
    @Transactional
    public Contractor contractorAgreements(long id, long contractorId, LocalDate signedOn, LocalDate expiresOn, String confidentialityName,
                                           byte[] confidentiality, String responsibilityName, byte[] responsibility) {
        Actor actor = Checks.requireUnit(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        Contractor c = contractor(id, contractorId);
        Map<String, String> errors = new LinkedHashMap<>();
        if (signedOn == null || signedOn.isAfter(Checks.today(clock))) {
            errors.put("signedOn", "systems.error.signedOn");
        }
        if (expiresOn != null && signedOn != null && !expiresOn.isAfter(signedOn)) {
            errors.put("expiresOn", "systems.error.expiresOn");
        }
        if (confidentiality == null) {
            errors.put("confidentiality", "systems.error.file");
        }
        if (responsibility == null) {
            errors.put("responsibility", "systems.error.file");
        }
        Checks.valid(errors);
        Instant now = changes.now();
        StoredDocument conf = documents.store(system.orgId(), confidentialityName == null ? "confidentiality" : confidentialityName,
                new ByteArrayInputStream(confidentiality));
        StoredDocument resp = documents.store(system.orgId(), responsibilityName == null ? "responsibility" : responsibilityName,
                new ByteArrayInputStream(responsibility));
        systems.attach(id, conf.id(), "CONTRACTOR", actor.username(), now);
        systems.attach(id, resp.id(), "CONTRACTOR", actor.username(), now);
        evidence.contractorAgreements(contractorId, conf.id(), resp.id(), signedOn, expiresOn);
        changes.note(system, "CONTRACTOR_AGREEMENTS", "A7.2", c.name() + " " + signedOn, actor, now);
        audit.record(AuditEvent.success("systems.contractor.agreements", "system:" + id, c.name() + " signed " + signedOn));
        duties.ofSubject(SubjectKind.SYSTEM, id).stream()
                .filter(d -> d.ruleId().equals("A7.2-contractor-agreements") && ("contractor:" + contractorId).equals(d.reference())
                        && d.state().awaitsSubmission())
                .findFirst().ifPresent(duty -> duties.submit(duty.id(), Map.of("contractor", c.name(),
                                "role", c.role() == ContractorRole.BUILDER ? "承建" : "运维", "dataAccess", c.dataAccess(), "signedOn", signedOn.toString()),
                        List.of(new Duties.Attachment("confidentialityAgreement", conf.filename(), new ByteArrayInputStream(confidentiality)),
                                new Duties.Attachment("responsibilityLetter", resp.filename(), new ByteArrayInputStream(responsibility)))));
        return contractor(id, contractorId);
    }

    @Transactional(readOnly = true)
    public List<Contractor> contractors(long id) {
        return evidence.contractors(id);
    }

    private Contractor contractor(long id, long contractorId) {
        return evidence.contractor(id, contractorId).orElseThrow(() -> new NotFound("contractor " + contractorId));
    }
}
