package cn.govcloud.guard.systems.internal;

import static cn.govcloud.guard.systems.internal.Checks.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The minimum protection measures a unit declares for its system (A7.1), filed as its declaration duty's evidence. */
@Service
public class Protections {

    /** The protection measures of A7.1; CRYPTO's detail names the products and their certificate numbers. */
    public enum Measure { FIREWALL, IDS_IPS, ENDPOINT, CRYPTO, LOCAL_BACKUP, OFFSITE_BACKUP }

    public record Protection(Measure measure, boolean present, String detail, Long documentId, Instant declaredAt, String declaredBy) {
    }

    private final SystemRepository systems;
    private final SystemEvidence evidence;
    private final SystemChanges changes;
    private final Documents documents;
    private final Duties duties;
    private final AuditLog audit;

    Protections(SystemRepository systems, SystemEvidence evidence, SystemChanges changes, Documents documents, Duties duties, AuditLog audit) {
        this.systems = systems;
        this.evidence = evidence;
        this.changes = changes;
        this.documents = documents;
        this.duties = duties;
        this.audit = audit;
    }

    /**
     * The unit declares one measure present or missing, with details and optional evidence. Once all
     * six are declared, they are filed as the evidence of the open A7.1 declaration duty.
     */
    @Transactional
    public Protection declareProtection(long id, Measure measure, Boolean present, String detail, String filename, InputStream file) {
        Actor actor = Checks.requireUnit(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.requireNotExited();
        Map<String, String> errors = new LinkedHashMap<>();
        if (measure == null) {
            errors.put("measure", "systems.error.measure");
        }
        if (present == null) {
            errors.put("present", "systems.error.present");
        }
        if (detail != null && detail.length() > 2000) {
            errors.put("detail", "systems.error.purpose");
        }
        if (measure == Measure.CRYPTO && Boolean.TRUE.equals(present) && blank(detail)) {
            errors.put("detail", "systems.error.cryptoDetail");
        }
        Checks.valid(errors);
        Instant now = changes.now();
        Long documentId = null;
        if (file != null) {
            StoredDocument doc = documents.store(system.orgId(), filename == null ? measure.name().toLowerCase() : filename, file);
            systems.attach(id, doc.id(), "PROTECTION", actor.username(), now);
            documentId = doc.id();
        }
        String text = Checks.stripped(detail);
        evidence.declare(id, measure, present, text, documentId, now, actor.username());
        changes.note(system, "PROTECTION:" + measure, "A7.1", (present ? "+" : "-") + (text == null ? "" : " " + text), actor, now);
        audit.record(AuditEvent.success("systems.protection.declare", "system:" + id, measure + " " + (present ? "present" : "missing")));
        Map<Measure, Protection> all = evidence.protections(id);
        if (all.size() == Measure.values().length) {
            fileDeclaration(id, all);
        }
        return all.get(measure);
    }

    @Transactional(readOnly = true)
    public Map<Measure, Protection> protections(long id) {
        return evidence.protections(id);
    }

    /** Files the six declarations as the A7.1 duty's evidence, if that duty still waits for it. */
    private void fileDeclaration(long id, Map<Measure, Protection> all) {
        duties.ofSubject(SubjectKind.SYSTEM, id).stream()
                .filter(d -> d.ruleId().equals("A7.1-protection-declaration") && d.state().awaitsSubmission())
                .findFirst().ifPresent(duty -> {
                    Map<String, String> fields = new HashMap<>();
                    fields.put("firewall", String.valueOf(all.get(Measure.FIREWALL).present()));
                    fields.put("idsIps", String.valueOf(all.get(Measure.IDS_IPS).present()));
                    fields.put("endpointProtection", String.valueOf(all.get(Measure.ENDPOINT).present()));
                    Protection crypto = all.get(Measure.CRYPTO);
                    fields.put("cryptoProducts", crypto.present() && crypto.detail() != null ? crypto.detail() : "未使用");
                    fields.put("localBackup", String.valueOf(all.get(Measure.LOCAL_BACKUP).present()));
                    fields.put("offsiteBackup", String.valueOf(all.get(Measure.OFFSITE_BACKUP).present()));
                    Protection offsite = all.get(Measure.OFFSITE_BACKUP);
                    if (offsite.present() && offsite.detail() != null) {
                        fields.put("offsiteLocation", offsite.detail().length() > 200 ? offsite.detail().substring(0, 200) : offsite.detail());
                    }
                    duties.submit(duty.id(), fields);
                });
    }
}
