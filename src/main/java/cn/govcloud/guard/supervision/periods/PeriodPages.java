package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.supervision.scheduling.PageMessages;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import cn.govcloud.guard.systems.Systems;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * The period pages (A4, 第四条（二）): the list with its state (未开始/进行中/已结束), the supervisor's declaration form, and the
 * detail with the participants, the exercise's findings and the zero-report compliance per unit and day. A unit and the
 * provider see the periods they take part in. Refused input comes back after the redirect beside its field.
 */
@Controller
@AllowParties
class PeriodPages {
    /** The periods' list: keyword, participating unit, state, end within a week / ended (issue 23 point 11). */
    static final ListPages.Offers OFFERS = new ListPages.Offers(true, true);
    private final Periods periods;
    private final OrganisationDirectory organisations;
    private final Systems systems;
    private final PageMessages pages;
    private final ListPages lists;

    PeriodPages(Periods periods, OrganisationDirectory organisations, Systems systems, PageMessages pages, ListPages lists) {
        this.lists = lists;
        this.periods = periods;
        this.organisations = organisations;
        this.systems = systems;
        this.pages = pages;
    }

    /** A period with its state, for the list. */
    public record Row(Periods.Period period, Periods.State state) {
    }

    /** Issue 23 point 11: keyword, unit, state, end within a week / ended and page size in the URL; a bad value is refused (400). */
    @GetMapping("/supervision/periods")
    String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        cn.govcloud.guard.shared.Page<Periods.Period> page = lists.show(model, response, params, Periods.STATES, "periods.state.",
                OFFERS, "/supervision/periods", f -> periods.search(actor, f));
        model.addAttribute("rows", page.rows().stream().map(p -> new Row(p, periods.stateOf(p))).toList());
        boolean mayDeclare = Periods.mayDeclare(actor);
        model.addAttribute("mayDeclare", mayDeclare);
        Map<Long, String> orgLabels = new LinkedHashMap<>();
        if (mayDeclare) {
            organisations.ofKind(OrgKind.PROVIDER).forEach(o -> orgLabels.put(o.id(), o.name()));
            organisations.ofKind(OrgKind.UNIT).forEach(o -> orgLabels.put(o.id(), o.name()));
        }
        model.addAttribute("orgLabels", orgLabels);
        model.addAttribute("kinds", java.util.Arrays.stream(Periods.Kind.values()).map(Enum::name).toList());
        return "supervision/periods/list";
    }

    @PostMapping("/supervision/periods")
    @AllowSupervisor
    String declare(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDateTime start = dateTime(form.getFirst("startsAt"), "startsAt", errors);
        LocalDateTime end = dateTime(form.getFirst("endsAt"), "endsAt", errors);
        List<Long> ids = form.getOrDefault("participantIds", List.of()).stream().filter(v -> v != null && v.matches("\\d{1,18}"))
                .map(Long::parseLong).toList();
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInput("periods.error.invalid", errors);
            }
            Periods.Period p = periods.declare(new Periods.NewPeriod(form.getFirst("kind"), form.getFirst("name"), start, end, ids,
                    form.getFirst("redTeam"), form.getFirst("note")));
            redirect.addFlashAttribute("done", pages.text("periods.done.declared"));
            return "redirect:/supervision/periods/" + p.id();
        } catch (InvalidInput e) {
            Map<String, String> all = new LinkedHashMap<>(errors);
            all.putAll(e.fieldErrors());
            return refused(redirect, form, all, "/supervision/periods");
        } catch (Periods.DatesRefused e) {
            return refused(redirect, form, Map.of(e.field(), e.getMessage()), "/supervision/periods");
        }
    }

    @GetMapping("/supervision/periods/{id}")
    String detail(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        Periods.Period p = periods.visible(id, actor);
        model.addAttribute("p", p);
        model.addAttribute("state", periods.stateOf(p));
        List<Periods.Participant> participants = periods.participants(id);
        model.addAttribute("participants", participants);
        model.addAttribute("findings", periods.findings(id, actor));
        List<Periods.ZeroReportRow> zero = periods.zeroReports(id, actor);
        model.addAttribute("zeroReports", zero);
        model.addAttribute("days", zero.isEmpty() ? List.of() : zero.get(0).days().stream().map(Periods.DayCell::day).toList());
        boolean mayDeclare = Periods.mayDeclare(actor);
        model.addAttribute("mayDeclare", mayDeclare);
        List<Systems.SystemRef> findingSystems = new ArrayList<>();
        if (mayDeclare && p.kind() == Periods.Kind.EXERCISE) {
            participants.stream().filter(x -> x.kind() == OrgKind.UNIT)
                    .forEach(x -> systems.ofOrganisation(x.orgId()).stream().filter(s -> !"EXITED".equals(s.state())).forEach(findingSystems::add));
        }
        model.addAttribute("findingSystems", findingSystems);
        Map<Long, String> findingSystemLabels = new LinkedHashMap<>();
        findingSystems.forEach(sys -> findingSystemLabels.put(sys.id(), sys.name()));
        model.addAttribute("findingSystemLabels", findingSystemLabels);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        return "supervision/periods/detail";
    }

    @PostMapping("/supervision/periods/{id}/cancel")
    @AllowSupervisor
    String cancel(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        String back = "/supervision/periods/" + id;
        try {
            periods.cancel(id, form.getFirst("reason"));
            redirect.addFlashAttribute("done", pages.text("periods.done.cancelled"));
            return "redirect:" + back;
        } catch (InvalidInput e) {
            return refused(redirect, form, e.fieldErrors(), back);
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + "：" + pages.text(e.getMessage()));
            return "redirect:" + back;
        }
    }

    @PostMapping("/supervision/periods/{id}/findings")
    @AllowSupervisor
    String finding(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        String back = "/supervision/periods/" + id;
        String system = form.getFirst("systemId");
        try {
            periods.recordFinding(id, new Periods.NewFinding(system != null && system.matches("\\d{1,18}") ? Long.valueOf(system) : null,
                    form.getFirst("title"), form.getFirst("severity"), form.getFirst("description")));
            redirect.addFlashAttribute("done", pages.text("periods.done.finding"));
            return "redirect:" + back + "#findings";
        } catch (InvalidInput e) {
            return refused(redirect, form, e.fieldErrors(), back);
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + "：" + pages.text(e.getMessage()));
            return "redirect:" + back;
        }
    }

    /** Back to the form with each message beside its field and what was typed. */
    private String refused(RedirectAttributes redirect, MultiValueMap<String, String> form, Map<String, String> errors, String back) {
        Map<String, String> texts = new LinkedHashMap<>();
        errors.forEach((field, key) -> texts.put(field, pages.text(key)));
        Map<String, Object> typed = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (!"_csrf".equals(k)) {
                typed.put(k, "participantIds".equals(k) ? v : (v.isEmpty() ? "" : v.get(0)));
            }
        });
        redirect.addFlashAttribute("fieldErrors", texts);
        redirect.addFlashAttribute("form", typed);
        redirect.addFlashAttribute("error", pages.text("periods.error.invalid"));
        // the fields fragments' maps (templates/fragments/fields.html, issue 23 point 9)
        Map<String, String> all = new LinkedHashMap<>(texts);
        all.put("form", pages.text("periods.error.invalid"));
        redirect.addFlashAttribute("errors", all);
        redirect.addFlashAttribute("values", PageMessages.typed(form));
        redirect.addFlashAttribute("checkedParticipants", List.copyOf(form.getOrDefault("participantIds", List.of())));
        return "redirect:" + back;
    }

    private static LocalDateTime dateTime(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put(field, "periods.error." + field);
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "periods.error." + field);
            return null;
        }
    }
}
