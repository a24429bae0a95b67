package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.access.Grants.Purpose;
import cn.govcloud.guard.access.internal.DataAccessGrants;
import cn.govcloud.guard.access.internal.GrantQueries;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.access.internal.DataAccessGrants.Access;
import cn.govcloud.guard.access.internal.DataAccessGrants.Grant;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The provider's access to unit data (A8.1): the provider asks (purpose, scope view/copy/modify/move, window),
 * the owning unit grants or refuses, accesses are recorded under the grant, and an access without an active
 * grant is shown as a violation (the supervisor sees every one).
 */
@Controller
@AllowParties
class GrantPages {
    private static final Lists.Register REGISTER = new Lists.Register("/access/grants", "grants", GrantQueries.STATES, "access.grant.status.");
    private final DataAccessGrants grants;
    private final GrantQueries queries;
    private final Systems systems;
    private final AccessForms forms;
    private final Lists lists;

    GrantPages(DataAccessGrants grants, GrantQueries queries, Systems systems, AccessForms forms, Lists lists) {
        this.queries = queries;
        this.lists = lists;
        this.forms = forms;
        this.grants = grants;
        this.systems = systems;
    }

    @GetMapping("/access/grants")
    String list(ListParams params, Model model) {
        show(model, params.filter(GrantQueries.STATES), Map.of(), Map.of(), (String) model.getAttribute("actionError")); // a refusal flashed by a POST (issue 23 point 3)
        return "access/grants";
    }

    @PostMapping("/access/grants")
    @AllowProvider
    String request(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = forms.id(form.getFirst("systemId"), "systemId", "access.grant.error.system", errors);
        Instant starts = forms.instant(form.getFirst("startsAt"), "startsAt", errors);
        Instant ends = forms.instant(form.getFirst("endsAt"), "endsAt", errors);
        Set<Purpose> scope = EnumSet.noneOf(Purpose.class);
        for (String s : form.getOrDefault("scope", List.of())) {
            try {
                scope.add(Purpose.valueOf(s));
            } catch (IllegalArgumentException e) {
                errors.put("scope", text("access.grant.error.scope"));
            }
        }
        if (systemId == null) {
            errors.putIfAbsent("systemId", text("access.grant.error.system"));
        }
        Long grantedSystem = systemId;
        Optional<Long> id = forms.refusals().submit(errors, "access.grant.error.invalid", field -> field,
                () -> grants.request(grantedSystem, form.getFirst("purpose"), scope, starts, ends));
        if (id.isPresent()) {
            redirect.addFlashAttribute("notice", text("access.grants.submitted")); // issue 23 point 9: what happens next
            return "redirect:/access/grants";
        }
        show(model, ListFilter.none(), form.toSingleValueMap(), errors, null);
        model.addAttribute("checkedScope", form.getOrDefault("scope", List.of()));
        return "access/grants";
    }

    @PostMapping("/access/grants/{id}/decision")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    String decide(@PathVariable long id, @RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        return act(redirect, () -> grants.decide(id, !"refuse".equals(decision), reason));
    }

    @PostMapping("/access/grants/{id}/revocation")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    String revoke(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(redirect, () -> grants.revoke(id, reason));
    }

    @PostMapping("/access/grants/accesses")
    @AllowProvider
    String record(@RequestParam(required = false) String systemId, @RequestParam(required = false) String purpose,
                  @RequestParam(required = false) String detail, RedirectAttributes redirect) {
        // issue 23 point 9: a refusal stands beside the access form's own field ("access" maps: the request form has a system too)
        forms.submit(redirect, "access", AccessForms.typed("systemId", systemId, "purpose", purpose, "detail", detail),
                field -> field, "access.grants.recorded.notice", () -> {
            Long system = forms.id(systemId, "systemId", "access.grant.error.system", new LinkedHashMap<>());
            Purpose p = null;
            try {
                p = purpose == null ? null : Purpose.valueOf(purpose);
            } catch (IllegalArgumentException e) {
                p = null;
            }
            if (system == null || p == null) {
                throw new InvalidInput("access.grant.error.invalid", Map.of(system == null ? "systemId" : "purpose",
                        system == null ? "access.grant.error.system" : "access.grant.error.scope"));
            }
            grants.recordAccess(system, p, detail);
        });
        return "redirect:/access/grants";
    }

    /** Does it and goes back to the list; a refusal is flashed there (post/redirect/get, issue 23 point 3). */
    private String act(RedirectAttributes redirect, Runnable action) {
        forms.attempt(redirect, action);
        return "redirect:/access/grants";
    }

    private void show(Model model, ListFilter filter, Map<String, String> values, Map<String, String> errors, String actionError) {
        Actor actor = Actor.require();
        List<Access> accesses = queries.accesses(actor);
        model.addAttribute("accesses", accesses);
        boolean provider = actor.has(Role.PROVIDER_OPERATOR);
        List<Systems.SystemRef> platform = provider ? systems.onPlatform() : List.of();
        Map<Long, String> names = lists.register(model, actor, REGISTER, filter, queries.search(actor, filter), Grant::systemId,
                accesses.stream().map(Access::systemId), values, errors);
        platform.forEach(s -> names.putIfAbsent(s.id(), s.name()));
        Map<Long, String> platformNames = new LinkedHashMap<>();
        platform.forEach(s -> platformNames.put(s.id(), s.name()));
        model.addAttribute("platformSystems", platform);
        model.addAttribute("platformSystemIds", platformNames.keySet());
        model.addAttribute("platformSystemNames", platformNames);
        model.addAttribute("checkedScope", List.of());
        model.addAttribute("mayRequest", provider);
        model.addAttribute("mayDecide", actor.has(Role.UNIT_SECURITY_OFFICER));
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("actionError", actionError);
        model.addAttribute("maxGrantDays", grants.maxGrant().toDays());
        model.addAttribute("accessErrors", AccessForms.flashed(model, "accessErrors"));
        model.addAttribute("accessValues", AccessForms.flashed(model, "accessValues"));
    }

    private String text(String key) {
        return forms.text(key);
    }
}
