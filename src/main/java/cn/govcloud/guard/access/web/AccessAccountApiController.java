package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import static cn.govcloud.guard.access.web.RemoteChannelApiController.longValue;
import static cn.govcloud.guard.access.web.RemoteChannelApiController.string;
import static cn.govcloud.guard.access.web.VisitApiController.date;

import cn.govcloud.guard.access.internal.AccessAccounts;
import cn.govcloud.guard.access.internal.AccessAccounts.Account;
import cn.govcloud.guard.access.internal.AccessAccounts.NewAccount;
import cn.govcloud.guard.access.internal.AccessAccounts.Responsible;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A7.3 account register and its periodic review. */
@RestController
@RequestMapping("/api/v1/access")
@Tag(name = "Account register (A7.3)")
@AllowOversightAndUnits
class AccessAccountApiController {
    private final AccessAccounts accounts;

    AccessAccountApiController(AccessAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/accounts")
    @Operation(summary = "Accounts (scoped), with `expired` and `unreviewed` (not reviewed since this quarter began) flags")
    List<Map<String, Object>> list(@RequestParam(required = false) Long systemId) {
        return accounts.list(Actor.require(), systemId).stream().map(AccessAccountApiController::json).toList();
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    @Operation(summary = "Register an account", description = "`{\"systemId\", \"kind\": OPS_TERMINAL|RELATED_TERMINAL|VPN|ZERO_TRUST|ADMIN|OTHER, "
            + "\"accountName\", \"holder\", \"privileges\", \"leastPrivilege\", \"createdOn\", \"expiresOn\"?}`; passwords are never stored")
    Map<String, Object> register(@RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = longValue(b, "systemId", errors);
        LocalDate created = date(b, "createdOn", errors);
        LocalDate expires = date(b, "expiresOn", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.account.error.invalid", errors);
        }
        long id = accounts.register(new NewAccount(systemId, string(b, "kind"), string(b, "accountName"), string(b, "holder"),
                string(b, "privileges"), string(b, "leastPrivilege"), created, expires));
        return json(accounts.visible(id, Actor.require()));
    }

    @GetMapping("/accounts/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return json(accounts.visible(id, Actor.require()));
    }

    @PostMapping("/accounts/{id}/review")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    @Operation(summary = "Review: `{\"decision\": \"CONFIRM\"|\"REVOKE\", \"reason\"}` (a revocation needs a reason)")
    Map<String, Object> review(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        accounts.review(id, !"REVOKE".equals(string(b, "decision")), string(b, "reason"));
        return json(accounts.visible(id, Actor.require()));
    }

    @GetMapping("/systems/{systemId}/responsible")
    Map<String, Object> responsible(@PathVariable long systemId) {
        return json(accounts.responsible(systemId, Actor.require()).orElseThrow(() -> new NotFound("responsible of system " + systemId)));
    }

    @PutMapping("/systems/{systemId}/responsible")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    @Operation(summary = "Name the one person responsible for a system's access and the password policy in force: `{\"person\", \"passwordPolicy\"}`")
    Map<String, Object> setResponsible(@PathVariable long systemId, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        return json(accounts.setResponsible(systemId, string(b, "person"), string(b, "passwordPolicy")));
    }

    static Map<String, Object> json(Responsible r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("systemId", r.systemId());
        m.put("person", r.person());
        m.put("passwordPolicy", r.passwordPolicy());
        m.put("updatedAt", r.updatedAt());
        m.put("updatedBy", r.updatedBy());
        return m;
    }

    static Map<String, Object> json(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("rule", "A7.3");
        m.put("orgId", a.orgId());
        m.put("systemId", a.systemId());
        m.put("kind", a.kind());
        m.put("accountName", a.accountName());
        m.put("holder", a.holder());
        m.put("privileges", a.privileges());
        m.put("leastPrivilege", a.leastPrivilege());
        m.put("createdOn", a.createdOn());
        m.put("expiresOn", a.expiresOn());
        m.put("lastReviewedAt", a.lastReviewedAt());
        m.put("lastReviewedBy", a.lastReviewedBy());
        m.put("revokedAt", a.revokedAt());
        m.put("revokedReason", a.revokedReason());
        m.put("expired", a.expired());
        m.put("unreviewed", a.unreviewed());
        return m;
    }
}
