package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.hazards.internal.HazardService.Event;
import cn.govcloud.guard.hazards.internal.HazardService.Feedback;
import cn.govcloud.guard.hazards.internal.HazardService.Filter;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.hazards.internal.HazardService.Request;
import cn.govcloud.guard.hazards.internal.HazardService.UnitFigures;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pages and the API read about hazards, scoped to the reader (A4). Reads never write: "overdue" is computed
 * in the queries ({@link HazardRepository#OVERDUE_AT}); the scheduled sweep records it.
 */
@Service
@Transactional(readOnly = true)
public class HazardQueries {
    private final HazardRepository hazards;
    private final HazardHistory history;
    private final HazardSteps steps;
    private final HazardRetests retests;
    private final HazardBackdating backdating;
    private final HazardDelivery delivery;
    private final Documents documents;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final Clock clock;

    HazardQueries(HazardRepository hazards, HazardHistory history, HazardSteps steps, HazardRetests retests, HazardBackdating backdating,
                  HazardDelivery delivery, Documents documents, OrganisationDirectory organisations, AuditLog audit, Clock clock) {
        this.hazards = hazards;
        this.history = history;
        this.steps = steps;
        this.retests = retests;
        this.backdating = backdating;
        this.delivery = delivery;
        this.documents = documents;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    /** The hazard if the actor may see it (A4); 404 otherwise, whether or not it exists. */
    public HazardView visible(long id, Actor actor) {
        return hazards.visible(id, actor, clock.instant()).orElseThrow(() -> new NotFound("hazard " + id));
    }

    public Page<HazardView> page(Actor actor, Filter filter, int page, int size) {
        return hazards.page(actor, filter, page, size, clock.instant());
    }

    public List<Event> timeline(long id) {
        return history.timeline(id);
    }

    public List<Feedback> feedbacks(long id) {
        return history.feedbacks(id);
    }

    public List<Request> requests(long id) {
        return history.requests(id);
    }

    /** A10.1: how the notices about this hazard went out by e-mail and robots; the caller has checked visibility. */
    public List<DeliveryStatus> deliveries(long id) {
        return delivery.statusOf(id);
    }

    /** The re-tests recorded for a hazard, newest first; the caller has checked visibility. */
    public List<HazardRetests.Retest> retests(long id) {
        return retests.all(id);
    }

    /** Whether closing this hazard waits for a passed re-test (the catalog's A10.2-retest-required). */
    public boolean retestRequired(HazardView h) {
        return retests.required(h, steps.notice(h).warnerKindName());
    }

    /** A document of one of the hazard's feedbacks, or its paper notice, after the hazard's visibility check. Audited. */
    @Transactional
    public StoredDocument document(long id, long documentId, Actor actor) {
        visible(id, actor);
        boolean belongs = history.feedbackDocument(id, documentId)
                // issue 17 point 3: the paper notice of a hazard recorded after the fact
                || backdating.of(id).map(b -> Long.valueOf(documentId).equals(b.documentId())).orElse(false);
        if (!belongs) {
            throw new NotFound("document " + documentId);
        }
        StoredDocument stored = documents.describe(documentId).orElseThrow(() -> new NotFound("document " + documentId));
        audit.record(AuditEvent.success("hazards.document.read", "document:" + documentId, HazardClocks.reference(id) + " " + stored.filename()));
        return stored;
    }

    public byte[] documentContent(long documentId) {
        return documents.open(documentId);
    }

    /** Whether the actor speaks for the department that warned (it attaches a backdated notice's document, issue 17 point 3). */
    public boolean isWarnerOf(HazardView h, Actor actor) {
        return steps.notice(h).warner(actor);
    }

    /** What the actor may do next, for the pages' action forms. */
    public Set<Action> actionsOf(HazardView h, Actor actor) {
        HazardNotice notice = steps.notice(h);
        boolean unit = notice.unitPerson(actor);
        boolean warner = notice.warner(actor);
        boolean pending = history.requestPending(h.id());
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (Action a : Action.values()) {
            boolean may = switch (a) {
                case ACKNOWLEDGE, START, FEEDBACK -> unit;
                case REQUEST_EXTENSION, REQUEST_RISK_ACCEPTANCE -> unit && !pending;
                case CLOSE, RETURN -> warner;
                case APPROVE_RISK_ACCEPTANCE -> false;
            };
            if (may && h.state().allows(a)) {
                actions.add(a);
            }
        }
        return actions;
    }

    public boolean maySupervise(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR);
    }

    /** Per unit within the actor's scope; the supervisor and the regulators also see units without hazards. */
    public List<UnitFigures> figures(Actor actor) {
        Map<Long, UnitFigures> rows = new LinkedHashMap<>();
        if (OrgScope.of(actor).everything()) {
            organisations.ofKind(OrgKind.UNIT).forEach(o -> rows.put(o.id(), new UnitFigures(o.id(), o.name(), 0, 0, 0, 0, 0)));
        }
        hazards.figures(actor, clock.instant()).forEach(f -> rows.put(f.orgId(), f));
        return rows.values().stream().sorted(Comparator.comparing(UnitFigures::overdue).reversed().thenComparing(UnitFigures::orgName)).toList();
    }

    /** The open hazards past their due time, by unit (the supervisor's 通报). */
    public Map<String, List<HazardView>> overdueByUnit(Actor actor) {
        Map<String, List<HazardView>> byUnit = new LinkedHashMap<>();
        hazards.openOverdue(actor, clock.instant()).forEach(h -> byUnit.computeIfAbsent(h.orgName(), k -> new ArrayList<>()).add(h));
        return byUnit;
    }
}
