package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.systems.ProviderDataAccess;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the register: one system as the actor may see it (A4; the provider only under a unit's grant, A8.1), a page of
 * systems, a system's timeline, documents and duties. Pure reads are read-only; a read that is audited (a document, the
 * full mobile number, the provider's granted view) writes its audit record, outside any read-only transaction.
 */
@Service
public class SystemQueries {

    /** List filters; null means any. */
    /** {@code cii} / {@code nonClassified}: the classification flags (issue 22 point 3); null means any. */
    /** {@code q}: a keyword found in the name, 备案编号, purpose or responsible person's name (issue 23 point 11); blank means any. */
    public record Filter(Long orgId, Integer mlpsLevel, SystemState state, Exposure exposure, Boolean exitOverdue, Boolean cii,
                         Boolean nonClassified, String q) {
        public Filter(Long orgId, Integer mlpsLevel, SystemState state, Exposure exposure, Boolean exitOverdue, Boolean cii,
                      Boolean nonClassified) {
            this(orgId, mlpsLevel, state, exposure, exitOverdue, cii, nonClassified, null);
        }

        public Filter(Long orgId, Integer mlpsLevel, SystemState state, Exposure exposure, Boolean exitOverdue) {
            this(orgId, mlpsLevel, state, exposure, exitOverdue, null, null);
        }

        public static Filter none() {
            return new Filter(null, null, null, null, null);
        }
    }

    public record Transition(long id, String action, SystemState from, SystemState to, String rule, String reason, String actor,
                             Instant at) {
    }

    public record AttachedDocument(StoredDocument document, String purpose, Instant attachedAt, String attachedBy) {
    }

    private final SystemRepository systems;
    private final Documents documents;
    private final Duties duties;
    private final FieldEncryption fields;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final ObjectProvider<ProviderDataAccess> providerAccess;

    SystemQueries(SystemRepository systems, Documents documents, Duties duties, FieldEncryption fields, OrganisationDirectory organisations,
                  AuditLog audit, ObjectProvider<ProviderDataAccess> providerAccess) {
        this.systems = systems;
        this.documents = documents;
        this.duties = duties;
        this.fields = fields;
        this.organisations = organisations;
        this.audit = audit;
        this.providerAccess = providerAccess;
    }

    /**
     * A read of one system: as {@link #visible}, and for the provider a unit's system only under that unit's data-access
     * grant (A8.1), which the access module checks and records (no grant: 404, as if absent).
     */
    public HostedSystem readable(long id, Actor actor) {
        if (actor.orgKind() == OrgKind.PROVIDER) {
            ProviderDataAccess access = providerAccess.getIfAvailable();
            if (!systems.exists(id) || access == null || !access.authoriseView(actor.orgId(), actor.username(), id)) {
                throw new NotFound("system " + id);
            }
            return systems.get(id);
        }
        return visible(id, actor);
    }

    /** The system if the actor may see it (A4); 404 otherwise, whether or not it exists. */
    @Transactional(readOnly = true)
    public HostedSystem visible(long id, Actor actor) {
        return systems.visible(id, actor);
    }

    /** One page, newest first (keyset on id: fast however many rows precede it); {@code beforeId} is the previous page's last id. */
    @Transactional(readOnly = true)
    public List<HostedSystem> page(Actor actor, Filter f, Long beforeId, int limit) {
        return systems.page(OrgScope.of(actor), f, beforeId, limit);
    }

    /** The full mobile number of the responsible person, for the system's own unit and the supervisor; audited. */
    public Optional<String> responsibleMobile(long id, Actor actor) {
        visible(id, actor);
        if (actor.orgKind() == OrgKind.REGULATOR) {
            throw new AccessDeniedException("regulators see the masked number");
        }
        Optional<String> mobile = systems.sealedMobile(id).map(s -> fields.open(SystemRepository.MOBILE_CONTEXT, s));
        audit.record(AuditEvent.success("systems.mobile.view", "system:" + id, "full mobile number shown"));
        return mobile;
    }

    @Transactional(readOnly = true)
    public List<Transition> timeline(long id) {
        return systems.timeline(id);
    }

    @Transactional(readOnly = true)
    public List<AttachedDocument> documents(long id) {
        return systems.attachments(id).stream()
                .flatMap(a -> documents.describe(a.documentId()).stream()
                        .map(d -> new AttachedDocument(d, a.purpose(), a.attachedAt(), a.attachedBy())))
                .toList();
    }

    /** A document of the system, after the same visibility check as the system; the download is audited. */
    public StoredDocument document(long id, long documentId, Actor actor) {
        visible(id, actor);
        if (!systems.attached(id, documentId)) {
            throw new NotFound("document " + documentId);
        }
        StoredDocument doc = documents.describe(documentId).orElseThrow(() -> new NotFound("document " + documentId));
        audit.record(AuditEvent.success("systems.document.download", "system:" + id, "document " + documentId + " " + doc.filename()));
        return doc;
    }

    public byte[] documentContent(long documentId) {
        return documents.open(documentId);
    }

    /** The duties owed for this system (the caller has checked it may see the system). */
    public List<Duty> duties(long id) {
        return duties.ofSubject(SubjectKind.SYSTEM, id);
    }

    /** The units a filter may name: every unit for the overseers, the own unit otherwise. */
    public List<OrganisationView> units(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return organisations.ofKind(OrgKind.UNIT).stream().filter(o -> scope.allows(o.id())).toList();
    }
}
