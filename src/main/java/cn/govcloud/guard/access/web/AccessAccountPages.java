package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.access.internal.AccessAccounts;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.access.internal.AccessAccounts.Account;
import cn.govcloud.guard.access.internal.AccessAccounts.NewAccount;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The per-system account register (A7.3): type, holder, privileges, least-privilege reason, created / expires,
 * last review; expired and unreviewed accounts flagged; the unit's security officer (the responsible person's
 * side) confirms or revokes in the review and names the responsible person with the password policy.
 */
@Controller
@AllowOversightAndUnits
class AccessAccountPages {
    static final List<String> KINDS = List.of("OPS_TERMINAL", "RELATED_TERMINAL", "VPN", "ZERO_TRUST", "ADMIN", "OTHER");
    private static final Lists.Register REGISTER = new Lists.Register("/access/accounts", "accounts", AccessAccounts.STATES,
            "access.account.state.");

    private final AccessAccounts accounts;
    private final AccessForms forms;
    private final Lists lists;

    AccessAccountPages(AccessAccounts accounts, AccessForms forms, Lists lists) {
        this.lists = lists;
        this.forms = forms;
        this.accounts = accounts;
    }

    @GetMapping("/access/accounts")
    String list(@RequestParam(required = false) Long systemId, ListParams params, Model model) {
        show(model, systemId, params.filter(AccessAccounts.STATES), Map.of(), Map.of(), (String) model.getAttribute("actionError")); // a refusal flashed by a POST (issue 23 point 3)
        return "access/accounts";
    }

    @PostMapping("/access/accounts")
    @AllowUnitPeople
    String register(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = forms.id(form.get("systemId"), "systemId", "access.account.error.system", errors);
        LocalDate created = forms.date(form.get("createdOn"), "createdOn", errors);
        LocalDate expires = forms.date(form.get("expiresOn"), "expiresOn", errors);
        Long accountSystem = systemId;
        Optional<Long> id = forms.refusals().submit(errors, "access.account.error.invalid", field -> field, () -> accounts.register(
                new NewAccount(accountSystem, form.get("kind"), form.get("accountName"), form.get("holder"), form.get("privileges"),
                        form.get("leastPrivilege"), created, expires)));
        if (id.isPresent()) {
            redirect.addFlashAttribute("notice", text("access.accounts.submitted")); // issue 23 point 9: what happens next
            return "redirect:/access/accounts" + (systemId == null ? "" : "?systemId=" + systemId);
        }
        show(model, null, ListFilter.none(), form, errors, null);
        return "access/accounts";
    }

    @PostMapping("/access/accounts/{id}/review")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    String review(@PathVariable long id, @RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        return act(redirect, () -> accounts.review(id, !"revoke".equals(decision), reason));
    }

    @PostMapping("/access/systems/{systemId}/responsible")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    String responsible(@PathVariable long systemId, @RequestParam(required = false) String person,
                       @RequestParam(required = false) String passwordPolicy, RedirectAttributes redirect) {
        // issue 23 point 9: a refusal stands beside its field ("responsible" maps: the register form below has fields of its own)
        forms.submit(redirect, "responsible", AccessForms.typed("person", person, "passwordPolicy", passwordPolicy), field -> field,
                "access.account.responsible.notice", () -> accounts.setResponsible(systemId, person, passwordPolicy));
        return "redirect:/access/accounts?systemId=" + systemId;
    }

    /** Does it and goes back to the register; a refusal is flashed there (post/redirect/get, issue 23 point 3). */
    private String act(RedirectAttributes redirect, Runnable action) {
        forms.attempt(redirect, action);
        return "redirect:/access/accounts";
    }

    private void show(Model model, Long systemId, ListFilter filter, Map<String, String> values, Map<String, String> errors,
                      String actionError) {
        Actor actor = Actor.require();
        boolean unit = actor.orgKind() == OrgKind.UNIT;
        List<Systems.SystemRef> mine = forms.mySystems(model, actor);
        Map<Long, String> names = lists.register(model, actor, REGISTER, filter, accounts.search(actor, systemId, filter),
                Account::systemId, Stream.empty(), values, errors);
        mine.forEach(s -> names.put(s.id(), s.name()));
        if (systemId != null) { // the system chosen above the search stays chosen in the pager and the export
            String query = filter.query();
            model.addAttribute("listQuery", "systemId=" + systemId + (query.isEmpty() ? "" : "&" + query));
        }
        model.addAttribute("mySystems", mine);
        model.addAttribute("systemId", systemId);
        model.addAttribute("responsible", systemId == null ? null : accounts.responsible(systemId, actor).orElse(null));
        model.addAttribute("mayRegister", unit);
        model.addAttribute("mayReview", actor.has(Role.UNIT_SECURITY_OFFICER));
        model.addAttribute("kinds", KINDS);
        model.addAttribute("actionError", actionError);
        model.addAttribute("responsibleErrors", AccessForms.flashed(model, "responsibleErrors"));
        model.addAttribute("responsibleValues", AccessForms.flashed(model, "responsibleValues"));
    }

    private String text(String key) {
        return forms.text(key);
    }
}
