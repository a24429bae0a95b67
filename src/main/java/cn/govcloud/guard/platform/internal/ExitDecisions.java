package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A5.6 "云服务商终止服务，应提前90天向主管部门提交申请" (issue 17 point 14): the application goes to the competent
 * department, the big-data centre, which decides — accepts it, or objects with a reason (e.g. the migration
 * plan leaves systems without a target). The decision fulfils the supervisor's {@code A5.6-exit-decision}
 * duty and is told to the provider. An objection may later turn into acceptance once resolved; an
 * acceptance is final. Whatever the decision, the units' migrations stay due at the planned end of service.
 */
@Service
public class ExitDecisions {
    // ProviderExit publishes ExitDecisionRequested with the application; the catalog's A5.6-exit-decision waits for it
    public static final List<String> DECISIONS = List.of("ACCEPTED", "OBJECTED");

    private final Exits exits;
    private final Duties duties;
    private final Inbox inbox;
    private final AuditLog audit;
    private final PlatformClock clock;

    ExitDecisions(Exits exits, Duties duties, Inbox inbox, AuditLog audit, PlatformClock clock) {
        this.exits = exits;
        this.duties = duties;
        this.inbox = inbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Exit decide(Actor actor, long exitId, boolean accept, String reason) {
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("the competent department decides on an exit application (A5.6)");
        }
        Exit exit = exits.find(exitId, actor, clock.today()).orElseThrow(() -> new NotFound("exit " + exitId));
        String why = Fields.strippedOrNull(reason);
        if ((!accept && why == null) || (why != null && why.length() > 2000)) {
            throw new InvalidInput("platform.exit.error.invalid", Map.of("reason", "platform.exit.decision.error.reason"));
        }
        exit.requireDecidable();
        String decision = accept ? "ACCEPTED" : "OBJECTED";
        exits.decided(exitId, decision, why, actor.username(), clock.now());
        duties.fulfil("exit:" + exitId + ":decision", (accept ? "同意终止服务申请" : "对终止服务申请提出异议") + (why == null ? "" : "：" + why));
        audit.record(AuditEvent.success("platform.exit.decide", "exit:" + exitId, decision + (why == null ? "" : " " + why)));
        inbox.deliver(new Notice("exit:" + exitId + ":decision:" + decision, exit.providerOrgId(), Set.of(Role.PROVIDER_OPERATOR),
                "platform.exit.notice." + decision, List.of(exit.endDate().toString(), why == null ? "—" : why), "/platform/exits/" + exitId,
                accept ? Notice.Severity.INFO : Notice.Severity.WARNING, clock.instant()));
        return exits.find(exitId, actor, clock.today()).orElseThrow();
    }

    /** For the pages: whether this actor may decide now. */
    public boolean mayDecide(Exit exit, Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR) && exit.decidable();
    }
}
