package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.access.internal.Visits;
import cn.govcloud.guard.access.internal.Visits.NewVisitor;
import cn.govcloud.guard.access.internal.Visits.Visit;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The on-site visit pages (A9.1): the owning unit issues the authorisation letter with the visitors
 * registered by real name; the provider assigns the escort (陪同旁站), signs in (refused 409 A9.1 without
 * a valid letter or an escort — the message is shown on the page) and signs out. No scripts needed.
 */
@Controller
@AllowParties
class VisitPages {
    /** Visitor rows on the letter form. */
    static final int VISITOR_ROWS = 3;
    private static final Lists.Register REGISTER = new Lists.Register("/access/visits", "visits", Visits.STATES, "access.visit.status.");

    private final Visits visits;
    private final AccessForms forms;
    private final Lists lists;

    VisitPages(Visits visits, AccessForms forms, Lists lists) {
        this.lists = lists;
        this.forms = forms;
        this.visits = visits;
    }

    @GetMapping("/access/visits")
    String list(ListParams params, Model model) {
        show(model, params.filter(Visits.STATES), Map.of(), Map.of());
        return "access/visits";
    }

    @PostMapping("/access/visits")
    @AllowUnitPeople
    String authorise(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long visitedSystem = forms.id(form.get("systemId"), "systemId", "access.visit.error.system", errors);
        LocalDate from = forms.date(form.get("validFrom"), "validFrom", errors);
        LocalDate until = forms.date(form.get("validUntil"), "validUntil", errors);
        List<NewVisitor> visitors = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int i = 0; i < VISITOR_ROWS; i++) {
            String name = form.get("realName" + i);
            String id = form.get("idNumber" + i);
            String mobile = form.get("mobile" + i);
            if (blank(name) && blank(id) && blank(mobile)) {
                continue; // an empty row is no visitor
            }
            visitors.add(new NewVisitor(name, id, mobile));
            rowOf.add(i);
        }
        Optional<Long> id = forms.refusals().submit(errors, "access.visit.error.invalid", field -> row(field, rowOf),
                () -> visits.authorise(visitedSystem, form.get("purpose"), form.get("letterNumber"), from, until, visitors));
        if (id.isPresent()) {
            redirect.addFlashAttribute("notice", text("access.visits.submitted")); // issue 23 point 9: what happens next
            return "redirect:/access/visits/" + id.get();
        }
        Map<String, String> kept = new HashMap<>(form);
        kept.keySet().removeIf(name -> name.startsWith("idNumber")); // an ID number is never echoed back (A9.1, personal information)
        show(model, ListFilter.none(), kept, errors);
        return "access/visits";
    }

    @GetMapping("/access/visits/{id}")
    String detail(@PathVariable long id, Model model) {
        detail(id, model, (String) model.getAttribute("actionError")); // a refusal flashed by a POST (issue 23 point 3)
        return "access/visit";
    }

    @PostMapping("/access/visits/{id}/escort")
    @AllowProvider
    String escort(@PathVariable long id, @RequestParam(required = false) String escort, RedirectAttributes redirect) {
        forms.submit(redirect, "", AccessForms.typed("escort", escort), field -> field, "access.visit.escort.notice",
                () -> visits.assignEscort(id, escort));
        return "redirect:/access/visits/" + id;
    }

    @PostMapping("/access/visits/{id}/sign-in")
    @AllowProvider
    String signIn(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> visits.signIn(id));
    }

    @PostMapping("/access/visits/{id}/sign-out")
    @AllowProvider
    String signOut(@PathVariable long id, @RequestParam(required = false) String workDone, RedirectAttributes redirect) {
        forms.submit(redirect, "", AccessForms.typed("workDone", workDone), field -> field, "access.visit.signedOut.notice",
                () -> visits.signOut(id, workDone));
        return "redirect:/access/visits/" + id;
    }

    /** Does it and goes back to the page; a refusal (409 in the API, with its rule) is flashed there (post/redirect/get, issue 23 point 3). */
    private String act(long id, RedirectAttributes redirect, Runnable action) {
        forms.attempt(redirect, action);
        return "redirect:/access/visits/" + id;
    }

    private void detail(long id, Model model, String error) {
        Actor actor = Actor.require();
        Visit v = visits.visible(id, actor);
        lists.detail(model, "v", v, v.systemId(), error);
        boolean provider = actor.has(Role.PROVIDER_OPERATOR);
        boolean open = "AUTHORISED".equals(v.status()) || "ON_SITE".equals(v.status());
        model.addAttribute("mayEscort", provider && open);
        model.addAttribute("maySignIn", provider && "AUTHORISED".equals(v.status()));
        model.addAttribute("maySignOut", provider && "ON_SITE".equals(v.status()));
    }

    private void show(Model model, ListFilter filter, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        lists.register(model, actor, REGISTER, filter, visits.search(actor, filter), Visit::systemId, Stream.empty(), values, errors);
        model.addAttribute("mayAuthorise", actor.orgKind() == OrgKind.UNIT);
        forms.mySystems(model, actor);
        model.addAttribute("rows", java.util.stream.IntStream.range(0, VISITOR_ROWS).boxed().toList());
    }

    /** The service's {@code visitors[i].realName} error key as the form's field ({@code realName2}: row of the i-th filled row). */
    private static String row(String field, List<Integer> rowOf) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^visitors\\[(\\d+)]\\.(\\w+)$").matcher(field);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            return m.group(2) + (i < rowOf.size() ? rowOf.get(i) : i);
        }
        return field;
    }

    private static boolean blank(String s) {
        return AccessForms.blank(s);
    }

    private String text(String key) {
        return forms.text(key);
    }
}
