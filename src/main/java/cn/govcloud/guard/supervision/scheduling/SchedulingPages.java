package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The monthly scheduling pages (A11.3): the sessions, one session's agenda, meeting, decisions, actions and minutes. */
@Controller
@AllowOversight
class SchedulingPages {
    /** The sessions' list: keyword and state, no unit or due filter (issue 23 point 11). */
    static final ListPages.Offers OFFERS = new ListPages.Offers(false, false);
    private final Sessions sessions;
    private final Actions actions;
    private final Closing closing;
    private final Documents documents;
    private final OrganisationDirectory organisations;
    private final PageMessages pages;
    private final Systems systems;
    private final ListPages lists;
    private final cn.govcloud.guard.shared.FormRefusals refusals;

    SchedulingPages(Sessions sessions, Actions actions, Closing closing, Documents documents, OrganisationDirectory organisations,
                    PageMessages pages, Systems systems, ListPages lists, cn.govcloud.guard.shared.FormRefusals refusals) {
        this.refusals = refusals;
        this.lists = lists;
        this.systems = systems;
        this.sessions = sessions;
        this.actions = actions;
        this.closing = closing;
        this.documents = documents;
        this.organisations = organisations;
        this.pages = pages;
    }

    /** Issue 23 point 11: keyword, state and page size in the URL; a bad value is refused beside its filter (400). */
    @GetMapping("/supervision/scheduling")
    String list(@RequestParam Map<String, String> params, Model model, jakarta.servlet.http.HttpServletResponse response) {
        YearMonth current = sessions.month(null);
        model.addAttribute("sessions", lists.show(model, response, params, Sessions.STATES, "scheduling.state.", OFFERS,
                "/supervision/scheduling", sessions::search).rows());
        model.addAttribute("currentMonth", current.toString());
        model.addAttribute("current", sessions.find(current).orElse(null));
        model.addAttribute("maySchedule", Actor.require().has(Role.SUPERVISOR));
        return "supervision/scheduling/list";
    }

    @PostMapping("/supervision/scheduling")
    @AllowSupervisor
    String open(@RequestParam(required = false) String month, RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/scheduling", "scheduling.done.opened",
                () -> "/supervision/scheduling/" + sessions.open(sessions.month(month)).id());
    }

    @GetMapping("/supervision/scheduling/{id}")
    String session(@PathVariable long id, Model model) {
        Sessions.Session session = sessions.require(id);
        model.addAttribute("s", session);
        model.addAttribute("agenda", sessions.agenda(id));
        model.addAttribute("decisions", sessions.decisions(id));
        model.addAttribute("actions", actions.ofSession(id));
        model.addAttribute("mayEdit", session.open() && Actor.require().has(Role.SUPERVISOR));
        Map<Long, String> assignees = new java.util.LinkedHashMap<>();
        organisations.all().stream().filter(o -> o.kind() == OrgKind.UNIT || o.kind() == OrgKind.PROVIDER).forEach(o -> assignees.put(o.id(), o.name()));
        model.addAttribute("assignees", assignees);
        // a refused action form comes back with the chosen unit's systems, so the chosen system stays chosen
        Map<Long, String> actionSystems = new java.util.LinkedHashMap<>();
        Object typed = model.getAttribute("formValues");
        if ("action".equals(model.getAttribute("refusedForm")) && typed instanceof Map<?, ?> v && v.get("orgId") instanceof String org
                && org.matches("\\d{1,18}")) {
            onPlatform(Long.parseLong(org)).forEach(sys -> actionSystems.put(sys.id(), sys.name()));
        }
        model.addAttribute("actionSystems", actionSystems);
        model.addAttribute("actionKinds", List.of("DUTY", "HAZARD"));
        model.addAttribute("actionSeverities", List.of("HIGH", "MEDIUM", "LOW", "CRITICAL"));
        return "supervision/scheduling/session";
    }

    @PostMapping("/supervision/scheduling/{id}/agenda")
    @AllowSupervisor
    String addItem(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return form(redirect, id, "agenda", "section-agenda", "scheduling.done.saved", form, f -> f, () -> sessions.addItem(id, form.get("title"),
                form.get("details")));
    }

    @PostMapping("/supervision/scheduling/{id}/agenda/{itemId}")
    @AllowSupervisor
    String editItem(@PathVariable long id, @PathVariable long itemId, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return form(redirect, id, "item-" + itemId, "section-agenda", "scheduling.done.saved", form, f -> f, () -> {
            sessions.editItem(id, itemId, form.get("title"), form.get("details"));
            return itemId;
        });
    }

    @PostMapping("/supervision/scheduling/{id}/agenda/{itemId}/remove")
    @AllowSupervisor
    String removeItem(@PathVariable long id, @PathVariable long itemId, RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/scheduling/" + id, "scheduling.done.removed", () -> {
            sessions.removeItem(id, itemId);
            return null;
        });
    }

    @PostMapping("/supervision/scheduling/{id}/meeting")
    @AllowSupervisor
    String meeting(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return form(redirect, id, "meeting", "section-meeting", "scheduling.done.meeting", form, f -> f, () -> {
            sessions.recordMeeting(id, date(form.get("meetingDate")), form.get("participants"));
            return id;
        });
    }

    @PostMapping("/supervision/scheduling/{id}/decisions")
    @AllowSupervisor
    String decision(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return form(redirect, id, "decision", "section-decisions", "scheduling.done.decision", form,
                f -> "decision".equals(f) ? "text" : f, () -> sessions.addDecision(id, form.get("text")));
    }

    @PostMapping("/supervision/scheduling/{id}/actions")
    @AllowSupervisor
    String action(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return form(redirect, id, "action", "section-actions", "scheduling.done.assigned", form, f -> f, () -> actions.assign(id,
                new Actions.NewAction(form.get("kind"), form.get("title"), form.get("description"), number(form.get("orgId"), "orgId"),
                        number(form.get("systemId"), "systemId"), date(form.get("dueDate")), form.get("severity"))));
    }

    /**
     * Issue 23 point 9: one of the session page's forms, post/redirect/get. A refusal comes back beside the fields of that
     * form only ({@code refusedForm}; its {@code formErrors} and {@code formValues}), nothing saved; success says what
     * happens next.
     */
    private String form(RedirectAttributes redirect, long id, String formName, String anchor, String done, Map<String, String> typed,
                        java.util.function.UnaryOperator<String> pageField, java.util.function.Supplier<?> action) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (refusals.submit(errors, "scheduling.error.invalid", pageField, () -> {
            action.get();
            return Boolean.TRUE;
        }).isPresent()) {
            redirect.addFlashAttribute("done", pages.text(done));
            return "redirect:/supervision/scheduling/" + id + "#" + anchor;
        }
        Map<String, String> values = new java.util.LinkedHashMap<>(typed);
        values.remove("_csrf");
        values.remove("reason");
        redirect.addFlashAttribute("refusedForm", formName);
        redirect.addFlashAttribute("formErrors", errors);
        redirect.addFlashAttribute("formValues", values);
        return "redirect:/supervision/scheduling/" + id + "#" + anchor;
    }

    /**
     * The systems a hazard action may name, for the unit chosen in the action form (htmx swaps these
     * options in when the unit changes): one unit's systems on the platform, never the whole city's.
     */
    @GetMapping("/supervision/scheduling/systems")
    @AllowSupervisor
    String systemOptions(@RequestParam(required = false) Long orgId, Model model) {
        model.addAttribute("systems", orgId == null ? List.of() : onPlatform(orgId));
        model.addAttribute("chosen", orgId != null);
        return "supervision/scheduling/system-options";
    }

    /**
     * 结束调度并生成纪要 (issue 23 point 8: asked in a confirmation dialog with a reason). Refused while the meeting is not
     * recorded: the reasons come back beside the meeting's fields and the close button, nothing closed.
     */
    @PostMapping("/supervision/scheduling/{id}/close")
    @AllowSupervisor
    String close(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return form(redirect, id, "close", "close-session", "scheduling.done.closed", Map.of(), f -> f, () -> {
            closing.close(id, reason);
            return id;
        });
    }

    /** The minutes: the filed PDF once closed, a preview rendered from the current state while open. */
    @GetMapping("/supervision/scheduling/{id}/minutes")
    ResponseEntity<byte[]> minutes(@PathVariable long id) {
        Sessions.Session session = sessions.require(id);
        if (session.minutesDocumentId() != null) {
            return Downloads.attachment(documents, session.minutesDocumentId());
        }
        byte[] pdf = closing.minutes(session);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition(session.month() + "-调度纪要（草稿）.pdf"))
                .header("X-Content-Type-Options", "nosniff").body(pdf);
    }

    private List<Systems.SystemRef> onPlatform(long orgId) {
        Set<String> onPlatform = Set.of("ADMITTED", "SUSPENDED", "EXIT_ORDERED");
        return systems.ofOrganisation(orgId).stream().filter(s -> onPlatform.contains(s.state())).toList();
    }

    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Long number(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new cn.govcloud.guard.shared.InvalidInput("scheduling.error.invalid", Map.of(field, "scheduling.error.number"));
        }
    }

}
