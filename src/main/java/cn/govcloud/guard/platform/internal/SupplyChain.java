package cn.govcloud.guard.platform.internal;

import static cn.govcloud.guard.platform.internal.Fields.blank;
import static cn.govcloud.guard.platform.internal.Fields.strippedOrNull;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.platform.SupplyItemProposed;
import cn.govcloud.guard.platform.internal.SupplyItem.Kind;
import cn.govcloud.guard.platform.internal.SupplyItem.State;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A5.5: the provider's supply chain — subcontracted services, third-party and open-source components — each
 * risk-assessed before it is introduced, with a signed security agreement for everything that has a counterparty
 * (not open source). This service moves one {@link SupplyItem} from proposed to decided to in use; SBOM imports
 * are {@link SbomImports}', reads {@link SupplyChainQueries}'.
 */
@Service
public class SupplyChain {

    public record NewItem(Kind kind, String name, String version, String supplier, String description) {
    }

    public record Assessment(String riskLevel, String conclusion, String conditions, String assessor) {
    }

    public record Agreement(String counterparty, LocalDate signedOn, LocalDate validUntil) {
    }

    private final SupplyItems items;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final PlatformClock clock;

    SupplyChain(SupplyItems items, Duties duties, ApplicationEventPublisher events, AuditLog audit, PlatformClock clock) {
        this.items = items;
        this.duties = duties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    private static Actor provider(Actor actor) {
        return Provider.require(actor, "only the provider keeps its supply chain");
    }

    private SupplyItem item(long id, Actor actor) {
        return items.find(id, OrgScope.of(actor)).orElseThrow(() -> new NotFound("supply item " + id));
    }

    /** A subcontract, supplier or component proposed before use (A5.5): queued for assessment, not in use. */
    @Transactional
    public SupplyItem propose(Actor by, NewItem item) {
        Actor actor = provider(by);
        Map<String, String> errors = new LinkedHashMap<>();
        if (item.kind() == null) {
            errors.put("kind", "platform.supply.error.kind");
        }
        if (blank(item.name()) || item.name().strip().length() > 300) {
            errors.put("name", "platform.supply.error.name");
        }
        if (item.version() != null && item.version().strip().length() > 100) {
            errors.put("version", "platform.supply.error.version");
        }
        if (item.kind() != null && item.kind() != Kind.OPEN_SOURCE && blank(item.supplier())) {
            errors.put("supplier", "platform.supply.error.supplier");
        }
        if (item.supplier() != null && item.supplier().strip().length() > 300) {
            errors.put("supplier", "platform.supply.error.supplier");
        }
        if (item.description() != null && item.description().length() > 1000) {
            errors.put("description", "platform.supply.error.description");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.supply.error.invalid", errors);
        }
        String name = item.name().strip();
        String version = strippedOrNull(item.version());
        long id;
        try {
            id = items.insertProposed(actor.orgId(), item.kind(), name, version, strippedOrNull(item.supplier()),
                    strippedOrNull(item.description()), clock.now(), actor.username());
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("A5.5", "platform.supply.error.duplicate");
        }
        events.publishEvent(new SupplyItemProposed(id, Provider.platform(actor), clock.instant(), SupplyItem.itemType(item.kind())));
        audit.record(AuditEvent.success("platform.supply.propose", "supply-item:" + id, item.kind() + " " + name
                + (version == null ? "" : " " + version)));
        return item(id, actor);
    }

    /** The risk assessment (A5.5): its conclusion decides whether the item may be used. */
    @Transactional
    public SupplyItem assess(Actor by, long id, Assessment a) {
        Actor actor = provider(by);
        SupplyItem item = item(id, actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (a.riskLevel() == null || !SupplyItem.RISK_LEVELS.contains(a.riskLevel())) {
            errors.put("riskLevel", "platform.supply.error.riskLevel");
        }
        if (a.conclusion() == null || !SupplyItem.CONCLUSIONS.containsKey(a.conclusion())) {
            errors.put("conclusion", "platform.supply.error.conclusion");
        }
        if ("整改后使用".equals(a.conclusion()) && blank(a.conditions())) {
            errors.put("conditions", "platform.supply.error.conditions");
        }
        if (a.conditions() != null && a.conditions().length() > 2000) {
            errors.put("conditions", "platform.supply.error.conditionsLength");
        }
        if (blank(a.assessor()) || a.assessor().strip().length() > 100) {
            errors.put("assessor", "platform.supply.error.assessor");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.supply.error.invalid", errors);
        }
        items.assessed(id, SupplyItem.decidedBy(a.conclusion()), a.riskLevel(), a.conclusion(), strippedOrNull(a.conditions()),
                a.assessor().strip(), clock.now(), actor.username());
        audit.record(AuditEvent.success("platform.supply.assess", "supply-item:" + id,
                item.name() + " " + (item.version() == null ? "" : item.version()) + ": " + a.riskLevel() + " / " + a.conclusion()));
        SupplyItem after = item(id, actor);
        closeDuties(after);
        return after;
    }

    /** The signed security agreement with the subcontractor or supplier (A5.5; not owed for open source). */
    @Transactional
    public SupplyItem agreement(Actor by, long id, Agreement g) {
        Actor actor = provider(by);
        SupplyItem item = item(id, actor);
        item.requireAgreementOwed();
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(g.counterparty()) || g.counterparty().strip().length() > 300) {
            errors.put("counterparty", "platform.supply.error.counterparty");
        }
        if (g.signedOn() == null || g.signedOn().isAfter(clock.today())) {
            errors.put("signedOn", "platform.supply.error.signedOn");
        }
        if (g.validUntil() != null && g.signedOn() != null && !g.validUntil().isAfter(g.signedOn())) {
            errors.put("validUntil", "platform.supply.error.validUntil");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.supply.error.invalid", errors);
        }
        items.agreement(id, g.counterparty().strip(), g.signedOn(), g.validUntil(), actor.username());
        audit.record(AuditEvent.success("platform.supply.agreement", "supply-item:" + id,
                item.name() + ": " + g.counterparty().strip() + " signed " + g.signedOn()));
        SupplyItem after = item(id, actor);
        closeDuties(after);
        return after;
    }

    /** A5.5: a proposed item is put into use only after an approving assessment (and the agreement, when one is owed). */
    @Transactional
    public SupplyItem putInUse(Actor by, long id) {
        Actor actor = provider(by);
        SupplyItem item = item(id, actor);
        item.requireUsable(clock.today());
        items.inUse(id);
        audit.record(AuditEvent.success("platform.supply.inUse", "supply-item:" + id, item.name()));
        return item(id, actor);
    }

    /** A manual item's own duty is done once decided (and signed); an import's when its last new component is assessed. */
    private void closeDuties(SupplyItem item) {
        if ("MANUAL".equals(item.source())) {
            if (item.proposalSettled()) {
                duties.fulfil("supply-item:" + item.id(), "assessed " + item.conclusion());
            }
            return;
        }
        Long firstImport = items.firstImport(item.id()).orElse(null);
        if (firstImport != null && item.state() != State.PENDING && items.pendingOfImport(firstImport) == 0) {
            duties.fulfil("sbom-import:" + firstImport, "every new component assessed");
        }
    }
}
