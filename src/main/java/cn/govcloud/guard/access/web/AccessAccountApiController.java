package cn.govcloud.guard.access.web;

import org.springdoc.core.annotations.ParameterObject;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;

import cn.govcloud.guard.access.internal.AccessAccounts;
import cn.govcloud.guard.access.internal.AccessAccounts.Account;
import cn.govcloud.guard.access.internal.AccessAccounts.NewAccount;
import cn.govcloud.guard.access.internal.AccessAccounts.Responsible;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

    record AccountBody(Long systemId, String kind, @Size(max = 100) String accountName, @Size(max = 100) String holder,
                       @Size(max = 1000) String privileges, @Size(max = 1000) String leastPrivilege, LocalDate createdOn, LocalDate expiresOn) {
    }

    /** A review: {@code decision} REVOKE revokes (with a reason), anything else confirms. */
    record ReviewBody(String decision, @Size(max = 1000) String reason) {
    }

    record ResponsibleBody(@Size(max = 100) String person, @Size(max = 1000) String passwordPolicy) {
    }

    record ResponsibleView(long systemId, String person, String passwordPolicy, Instant updatedAt, String updatedBy) {

        static ResponsibleView of(Responsible r) {
            return new ResponsibleView(r.systemId(), r.person(), r.passwordPolicy(), r.updatedAt(), r.updatedBy());
        }
    }

    record AccountView(long id, String rule, long orgId, long systemId, String kind, String accountName, String holder, String privileges,
                       String leastPrivilege, LocalDate createdOn, LocalDate expiresOn, Instant lastReviewedAt, String lastReviewedBy,
                       Instant revokedAt, String revokedReason, boolean expired, boolean unreviewed) {

        static AccountView of(Account a) {
            return new AccountView(a.id(), "A7.3", a.orgId(), a.systemId(), a.kind(), a.accountName(), a.holder(), a.privileges(),
                    a.leastPrivilege(), a.createdOn(), a.expiresOn(), a.lastReviewedAt(), a.lastReviewedBy(), a.revokedAt(), a.revokedReason(),
                    a.expired(), a.unreviewed());
        }
    }

    @GetMapping("/accounts")
    @Operation(summary = "Accounts (scoped), with `expired` and `unreviewed` (not reviewed since this quarter began) flags")
    List<AccountView> list(@RequestParam(required = false) Long systemId, @ParameterObject ListParams params) {
        Actor actor = Actor.require();
        return Lists.answer(params, params.filter(AccessAccounts.STATES), f -> accounts.search(actor, systemId, f)).stream()
                .map(AccountView::of).toList();
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    @Operation(summary = "Register an account", description = "`{\"systemId\", \"kind\": OPS_TERMINAL|RELATED_TERMINAL|VPN|ZERO_TRUST|ADMIN|OTHER, "
            + "\"accountName\", \"holder\", \"privileges\", \"leastPrivilege\", \"createdOn\", \"expiresOn\"?}`; passwords are never stored")
    AccountView register(@RequestBody(required = false) @Valid AccountBody body) {
        AccountBody b = body == null ? new AccountBody(null, null, null, null, null, null, null, null) : body;
        long id = accounts.register(new NewAccount(b.systemId(), b.kind(), b.accountName(), b.holder(), b.privileges(), b.leastPrivilege(),
                b.createdOn(), b.expiresOn()));
        return AccountView.of(accounts.visible(id, Actor.require()));
    }

    @GetMapping("/accounts/{id}")
    AccountView get(@PathVariable long id) {
        return AccountView.of(accounts.visible(id, Actor.require()));
    }

    @PostMapping("/accounts/{id}/review")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    @Operation(summary = "Review: `{\"decision\": \"CONFIRM\"|\"REVOKE\", \"reason\"}` (a revocation needs a reason)")
    AccountView review(@PathVariable long id, @RequestBody(required = false) @Valid ReviewBody body) {
        ReviewBody b = body == null ? new ReviewBody(null, null) : body;
        accounts.review(id, !"REVOKE".equals(b.decision()), b.reason());
        return AccountView.of(accounts.visible(id, Actor.require()));
    }

    @GetMapping("/systems/{systemId}/responsible")
    ResponsibleView responsible(@PathVariable long systemId) {
        return ResponsibleView.of(accounts.responsible(systemId, Actor.require()).orElseThrow(() -> new NotFound("responsible of system " + systemId)));
    }

    @PutMapping("/systems/{systemId}/responsible")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    @Operation(summary = "Name the one person responsible for a system's access and the password policy in force: `{\"person\", \"passwordPolicy\"}`")
    ResponsibleView setResponsible(@PathVariable long systemId, @RequestBody(required = false) @Valid ResponsibleBody body) {
        ResponsibleBody b = body == null ? new ResponsibleBody(null, null) : body;
        return ResponsibleView.of(accounts.setResponsible(systemId, b.person(), b.passwordPolicy()));
    }
}
