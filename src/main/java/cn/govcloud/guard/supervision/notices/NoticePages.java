package cn.govcloud.guard.supervision.notices;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.supervision.inspections.Inspections;
import cn.govcloud.guard.supervision.scheduling.Actions;
import cn.govcloud.guard.supervision.scheduling.PageMessages;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The notice pages (通报, A11.3): the supervisor issues and tracks, a unit reads those addressed to it
 * and confirms receipt; and the page where a unit or the provider sees what the supervision assigned it.
 */
@Controller
@AllowOversightAndUnits
class NoticePages {
    /** The notices' list: keyword, receiving unit (a unit: its own), state; no due filter (issue 23 point 11). */
    static final ListPages.Offers OFFERS = new ListPages.Offers(true, false);
    private final Notices notices;
    private final NoticeDraft draft;
    private final Actions actions;
    private final Inspections inspections;
    private final OrganisationDirectory organisations;
    private final PageMessages pages;
    private final ListPages lists;

    NoticePages(Notices notices, NoticeDraft draft, Actions actions, Inspections inspections, OrganisationDirectory organisations,
                PageMessages pages, ListPages lists) {
        this.lists = lists;
        this.notices = notices;
        this.draft = draft;
        this.actions = actions;
        this.inspections = inspections;
        this.organisations = organisations;
        this.pages = pages;
    }

    /** Issue 23 point 11: keyword, unit, state and page size in the URL; a bad value is refused beside its filter (400). */
    @GetMapping("/supervision/notices")
    String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        boolean mayIssue = Notices.mayIssue(actor);
        boolean oversight = Notices.oversees(actor);
        Page<Notices.IssuedNotice> page = lists.show(model, response, params, Notices.STATES, oversight ? "scheduling.notice.listState."
                : "scheduling.notice.ownState.", OFFERS, "/supervision/notices", f -> notices.search(actor, f));
        List<Notices.IssuedNotice> list = page.rows();
        model.addAttribute("notices", list);
        // acknowledgement progress for the overseers, one grouped query for the page (A11.3 "跟踪督促")
        model.addAttribute("progress", oversight ? notices.progress(list.stream().map(Notices.IssuedNotice::id).toList()) : Map.of());
        model.addAttribute("mayIssue", mayIssue);
        model.addAttribute("mayDraft", actor.has(Role.SUPERVISOR));
        model.addAttribute("oversight", oversight);
        Map<Long, String> unitLabels = new LinkedHashMap<>();
        if (mayIssue) {
            organisations.ofKind(OrgKind.UNIT).forEach(u -> unitLabels.put(u.id(), u.name()));
        }
        model.addAttribute("unitLabels", unitLabels);
        if (!model.containsAttribute("values")) {
            NoticeDraft.Draft d = actor.has(Role.SUPERVISOR) && params.get("draftOverdue") != null ? draft.overdueRectifications(actor)
                    : new NoticeDraft.Draft("", "", "", List.of());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("kind", d.kind());
            values.put("title", d.title());
            values.put("body", d.body());
            model.addAttribute("values", values);
            model.addAttribute("checkedUnits", d.unitIds().stream().map(String::valueOf).toList());
        }
        return "supervision/notices/list";
    }

    /** Issue 23 point 9: a refusal comes back with each message beside its field and what was typed; nothing is issued. */
    @PostMapping("/supervision/notices")
    @AllowOversight
    String issue(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        List<String> chosen = List.copyOf(form.getOrDefault("unitIds", List.of()));
        redirect.addFlashAttribute("checkedUnits", chosen);
        return pages.runForm(redirect, "/supervision/notices#notice-form", "scheduling.done.issued", PageMessages.typed(form), () -> {
            Notices.IssuedNotice issued = notices.issue(new Notices.NewNotice(form.getFirst("kind"), form.getFirst("title"), form.getFirst("body"),
                    chosen.stream().filter(v -> v != null && v.matches("\\d{1,18}")).map(Long::parseLong).toList()));
            return "/supervision/notices/" + issued.id();
        });
    }

    @GetMapping("/supervision/notices/{id}")
    String detail(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        model.addAttribute("n", notices.visible(id, actor));
        boolean oversight = Notices.oversees(actor);
        model.addAttribute("oversight", oversight);
        model.addAttribute("tracking", oversight ? notices.tracking(id) : List.of());
        model.addAttribute("mine", oversight ? null : notices.recipientOf(id, actor).orElse(null));
        return "supervision/notices/detail";
    }

    @PostMapping("/supervision/notices/{id}/acknowledge")
    @AllowUnitPeople
    String acknowledge(@PathVariable long id, @RequestParam(required = false) String reply, RedirectAttributes redirect) {
        notices.visible(id, Actor.require());
        Map<String, String> typed = new LinkedHashMap<>();
        if (reply != null) {
            typed.put("reply", reply);
        }
        // issue 23 point 9: a refusal beside the reply field, what was typed kept
        return pages.runForm(redirect, "/supervision/notices/" + id, "scheduling.done.acknowledged", typed, () -> {
            notices.acknowledge(id, reply);
            return null;
        });
    }

    /** What the supervision asked of the actor's own organisation: scheduling actions and inspection items (never another unit's). */
    @GetMapping("/supervision/mine")
    @AllowProviderAndUnits
    String mine(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("actions", actions.ofOrganisation(actor.orgId()));
        model.addAttribute("items", actor.orgKind() == OrgKind.UNIT ? inspections.itemsOfOrganisation(actor.orgId()) : List.of());
        model.addAttribute("notices", actor.orgKind() == OrgKind.UNIT ? notices.list(actor) : List.of());
        return "supervision/mine";
    }
}
