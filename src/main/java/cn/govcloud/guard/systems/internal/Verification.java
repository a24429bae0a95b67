package cn.govcloud.guard.systems.internal;

import static cn.govcloud.guard.systems.internal.Checks.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The four items the unit proves and the supervisor verifies one by one before admission (A11.2). */
@Service
public class Verification {

    /** The four items the supervisor verifies before admission (A11.2). */
    public enum ItemKind { MLPS_CERTIFICATE, CRYPTO_PLAN, SECURITY_TEST, PENETRATION_TEST }

    public enum ItemStatus { SUBMITTED, ACCEPTED, RETURNED }

    public record Item(ItemKind kind, long documentId, String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil,
                       ItemStatus status, String reviewReason, Instant uploadedAt, String uploadedBy, Instant reviewedAt,
                       String reviewedBy, Integer certLevel) {
    }

    /** {@code certLevel}: the protection level (1–5) the 等保 certificate states; admission compares it with the system's (A11.2). */
    public record ItemDetails(String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil, Integer certLevel) {
        public static final ItemDetails NONE = new ItemDetails(null, null, null, null, null);

        public ItemDetails(String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil) {
            this(certNumber, certDate, conclusion, validUntil, null);
        }
    }

    private final SystemRepository systems;
    private final SystemEvidence evidence;
    private final SystemChanges changes;
    private final Documents documents;
    private final AuditLog audit;
    private final Clock clock;

    Verification(SystemRepository systems, SystemEvidence evidence, SystemChanges changes, Documents documents, AuditLog audit, Clock clock) {
        this.systems = systems;
        this.evidence = evidence;
        this.changes = changes;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    /** The unit uploads (or replaces) one item; a replaced item waits for the supervisor again. */
    @Transactional
    public Item uploadItem(long id, ItemKind kind, ItemDetails details, String filename, InputStream file) {
        Actor actor = Checks.requireUnit(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.requireItemsOpen();
        ItemDetails d = details == null ? ItemDetails.NONE : details;
        Checks.valid(errors(kind, d, file));
        StoredDocument doc = documents.store(system.orgId(), filename == null ? kind.name().toLowerCase() : filename, file);
        Instant now = changes.now();
        systems.attach(id, doc.id(), kind.name(), actor.username(), now);
        evidence.submitItem(id, kind, doc.id(), d, now, actor.username());
        changes.note(system, "ITEM_UPLOADED:" + kind, "A11.2", doc.filename(), actor, now);
        audit.record(AuditEvent.success("systems.item.upload", "system:" + id, kind + " document " + doc.id()));
        return evidence.items(id).get(kind);
    }

    private Map<String, String> errors(ItemKind kind, ItemDetails d, InputStream file) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (kind == null) {
            errors.put("kind", "systems.error.kind");
        }
        if (kind == ItemKind.MLPS_CERTIFICATE) {
            if (blank(d.certNumber()) || d.certNumber().length() > 100) {
                errors.put("certNumber", "systems.error.certNumber");
            }
            if (d.certDate() == null || d.certDate().isAfter(Checks.today(clock))) {
                errors.put("certDate", "systems.error.certDate");
            }
            if (blank(d.conclusion()) || d.conclusion().length() > 100) {
                errors.put("conclusion", "systems.error.conclusion");
            }
            if (d.validUntil() == null || d.certDate() != null && !d.validUntil().isAfter(d.certDate())) {
                errors.put("validUntil", "systems.error.validUntil");
            }
            if (d.certLevel() != null && (d.certLevel() < 1 || d.certLevel() > 5)) {
                errors.put("certLevel", "systems.error.certLevel");
            }
        }
        if (file == null) {
            errors.put("file", "systems.error.file");
        }
        return errors;
    }

    /** The supervisor accepts or returns one item (a return needs a reason). */
    @Transactional
    public Item reviewItem(long id, ItemKind kind, boolean accept, String reason) {
        Actor actor = Checks.requireSupervisor(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.check(Lifecycle.ADMIT);
        if (evidence.items(id).get(kind) == null) {
            throw new InvalidInput(Checks.INVALID, Map.of("kind", "systems.error.noItem"));
        }
        if (!accept && blank(reason)) {
            throw new InvalidInput(Checks.INVALID, Map.of("reason", "systems.error.reason"));
        }
        Instant now = changes.now();
        String why = Checks.stripped(reason);
        evidence.reviewItem(id, kind, accept ? ItemStatus.ACCEPTED : ItemStatus.RETURNED, why, now, actor.username());
        changes.note(system, (accept ? "ITEM_ACCEPTED:" : "ITEM_RETURNED:") + kind, "A11.2", why, actor, now);
        audit.record(AuditEvent.success(accept ? "systems.item.accept" : "systems.item.return", "system:" + id,
                kind + (why == null ? "" : ": " + why)));
        return evidence.items(id).get(kind);
    }

    /** Whether every item of A11.2 is accepted: the condition for admission and for either switch. */
    @Transactional(readOnly = true)
    public boolean verificationPassed(long id) {
        Map<ItemKind, Item> items = evidence.items(id);
        return Arrays.stream(ItemKind.values()).allMatch(k -> items.containsKey(k) && items.get(k).status() == ItemStatus.ACCEPTED);
    }

    @Transactional(readOnly = true)
    public Map<ItemKind, Item> items(long id) {
        return evidence.items(id);
    }
}
