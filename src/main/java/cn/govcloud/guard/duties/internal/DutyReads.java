package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reading duties as a person may (A4: a unit sees its own duties, overseers what they oversee): the list, a duty, its
 * rule, submissions, waiver and documents, and what the person may do with it. Split from DutyService (issue 18 point 1).
 */
@Service
public class DutyReads {
    private final DutyQueries queries;
    private final Submissions submissions;
    private final RuleCatalog catalog;
    private final Documents documents;
    private final AuditLog audit;

    DutyReads(DutyQueries queries, Submissions submissions, RuleCatalog catalog, Documents documents, AuditLog audit) {
        this.queries = queries;
        this.submissions = submissions;
        this.catalog = catalog;
        this.documents = documents;
        this.audit = audit;
    }

    /** The duty if the actor may see it (A4); 404 otherwise, whether or not it exists. */
    public Duty visible(long id, Actor actor) {
        return queries.find(id, OrgScope.of(actor)).orElseThrow(() -> new NotFound("duty " + id));
    }

    public Rule ruleOf(Duty duty) {
        return catalog.rule(duty.ruleId()).orElseThrow(() -> new NotFound("rule " + duty.ruleId()));
    }

    public List<Submissions.Submission> submissionsOf(Duty duty) {
        return submissions.ofDuty(duty.id());
    }

    public Optional<String> waiverReason(Duty duty) {
        return duty.state() == DutyState.WAIVED ? queries.waiverReason(duty.id()) : Optional.empty();
    }

    public List<Duty> page(Actor actor, DutyFilter filter, DutyCursor after, int limit) {
        return queries.page(OrgScope.of(actor), filter, after, limit);
    }

    /** The page of the list from {@code offset}, in the same order (numbered pages). */
    public List<Duty> page(Actor actor, DutyFilter filter, int offset, int limit) {
        return queries.page(OrgScope.of(actor), filter, offset, limit);
    }

    public long count(Actor actor, DutyFilter filter) {
        return queries.count(OrgScope.of(actor), filter);
    }

    /** A document of one of the duty's submissions, after the same visibility check as the duty. */
    public StoredDocument document(long dutyId, long documentId, Actor actor) {
        visible(dutyId, actor);
        if (!submissions.documentOfDuty(dutyId, documentId)) {
            throw new NotFound("document " + documentId);
        }
        StoredDocument stored = documents.describe(documentId).orElseThrow(() -> new NotFound("document " + documentId));
        audit.record(AuditEvent.success("duty.document.read", "document:" + documentId, "duty:" + dutyId + " " + stored.filename()));
        return stored;
    }

    public byte[] documentContent(long documentId) {
        return documents.open(documentId);
    }

    /** Whether the actor acts for the duty's responsible organisation. */
    public boolean mayAct(Duty duty, Actor actor) {
        return actor.orgId() == duty.orgId() && DutyNotices.actingRoles(duty.party()).stream().anyMatch(actor::has);
    }

    public boolean mayReview(Duty duty, Actor actor) {
        return actor.has(Role.SUPERVISOR) && duty.state() == DutyState.SUBMITTED;
    }
}
