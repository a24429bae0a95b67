package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.clip;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.intake.internal.IntakeItem.Kind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The triage of A10.1 and the step to A10.2: the provider or the supervisor assigns what matched no system,
 * dismisses a false positive with a reason, or raises a hazard notice from a matched finding or alert.
 * Each step locks the item, lets the {@link IntakeItem} judge it, saves it and settles the triage clock;
 * the audit entry follows the commit.
 */
@Service
public class Triage {
    private final IntakeItems items;
    private final Systems systems;
    private final Hazards hazards;
    private final AlertNotices alertNotices;
    private final FindingNotices findingNotices;
    private final TriageClock triageClock;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    Triage(IntakeItems items, Systems systems, Hazards hazards, AlertNotices alertNotices, FindingNotices findingNotices, TriageClock triageClock,
           AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.items = items;
        this.systems = systems;
        this.hazards = hazards;
        this.alertNotices = alertNotices;
        this.findingNotices = findingNotices;
        this.triageClock = triageClock;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A10.1: the provider or supervisor assigns an unmatched finding or alert to a system. */
    public void assign(Actor actor, Kind kind, long id, Long systemId) {
        IntakeAccess.requireTriager(actor);
        if (systemId == null) {
            throw new InvalidInput("hazards.intake.error.invalid", Map.of("systemId", "hazards.intake.error.system"));
        }
        Systems.SystemRef system = systems.find(systemId).orElseThrow(() -> new InvalidInput("hazards.intake.error.invalid",
                Map.of("systemId", "hazards.intake.error.unknownSystem")));
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            items.assigned(items.lock(kind, id).assign(), system.id(), system.orgId(), actor.username(), now);
            if (kind == Kind.ALERT) {
                alertNotices.matched(id, now); // A10.1: assigned from triage, its unit hears of it now
            } else {
                findingNotices.matched(id, now); // issue 17 point 5: a vulnerability follows the same path
            }
            triageClock.settle(now);
        });
        audit.record(AuditEvent.success("intake.triage.assign", kind.ref + ":" + id, "assigned to system:" + system.id() + " " + system.name()));
    }

    /** A10.1: a false positive or an address outside the cloud is dismissed with a reason. */
    public void dismiss(Actor actor, Kind kind, long id, String reason) {
        IntakeAccess.requireTriager(actor);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInput("hazards.intake.error.invalid", Map.of("reason", "hazards.intake.error.reason"));
        }
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            items.dismissed(items.lock(kind, id).dismiss(), reason.strip(), actor.username(), now);
            triageClock.settle(now);
        });
        audit.record(AuditEvent.success("intake.triage.dismiss", kind.ref + ":" + id, clip(reason.strip(), 500)));
    }

    /**
     * A10.2: a hazard notice (风险隐患通知) from a matched finding or alert, through {@link Hazards#raise}
     * as the signed-in supervisor or provider; the record then points at the hazard.
     */
    public Hazards.Raised raiseHazard(Actor actor, Kind kind, long id) {
        IntakeAccess.requireTriager(actor);
        Hazards.Raised raised = tx.execute(status -> {
            IntakeItem item = items.lock(kind, id);
            Hazards.Raised r = hazards.raise(item.hazard());
            items.raised(item, r.id(), actor.username(), clock.instant());
            return r;
        });
        audit.record(AuditEvent.success("intake.hazard.raise", kind.ref + ":" + id, "hazard:" + raised.id() + " due " + raised.dueDate()));
        return raised;
    }
}
