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
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    // ProviderExit raises "exit.decision-requested" with the application; the catalog's A5.6-exit-decision waits for it
    public static final List<String> DECISIONS = List.of("ACCEPTED", "OBJECTED");

    private final JdbcClient jdbc;
    private final ProviderExit exits;
    private final Duties duties;
    private final Inbox inbox;
    private final AuditLog audit;
    private final Clock clock;

    ExitDecisions(JdbcClient jdbc, ProviderExit exits, Duties duties, Inbox inbox, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.exits = exits;
        this.duties = duties;
        this.inbox = inbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ProviderExit.Exit decide(long exitId, boolean accept, String reason) {
        Actor actor = Actor.require();
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("the competent department decides on an exit application (A5.6)");
        }
        ProviderExit.Exit exit = exits.find(exitId, actor).orElseThrow(() -> new NotFound("exit " + exitId));
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if ((!accept && why == null) || (why != null && why.length() > 2000)) {
            throw new InvalidInput("platform.exit.error.invalid", Map.of("reason", "platform.exit.decision.error.reason"));
        }
        if (!"OPEN".equals(exit.state())) {
            throw new RuleViolation("A5.6", "platform.exit.error.closed");
        }
        if (exit.decision() != null && "ACCEPTED".equals(exit.decision().decision())) {
            throw new RuleViolation("A5.6", "platform.exit.decision.error.decided");
        }
        String decision = accept ? "ACCEPTED" : "OBJECTED";
        jdbc.sql("update platform_exit set decision = :d, decision_reason = :r, decided_by = :by, decided_at = :at where id = :id")
                .param("d", decision).param("r", why).param("by", actor.username()).param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", exitId).update();
        duties.fulfil("exit:" + exitId + ":decision", (accept ? "同意终止服务申请" : "对终止服务申请提出异议") + (why == null ? "" : "：" + why));
        audit.record(AuditEvent.success("platform.exit.decide", "exit:" + exitId, decision + (why == null ? "" : " " + why)));
        inbox.deliver(new Notice("exit:" + exitId + ":decision:" + decision, exit.providerOrgId(), Set.of(Role.PROVIDER_OPERATOR),
                "platform.exit.notice." + decision, List.of(exit.endDate().toString(), why == null ? "—" : why), "/platform/exits/" + exitId,
                accept ? Notice.Severity.INFO : Notice.Severity.WARNING, clock.instant()));
        return exits.find(exitId, actor).orElseThrow();
    }

    /** For the pages: whether this actor may decide now. */
    public boolean mayDecide(ProviderExit.Exit exit, Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR) && "OPEN".equals(exit.state())
                && (exit.decision() == null || !"ACCEPTED".equals(exit.decision().decision()));
    }
}
