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
    private final Sessions sessions;
    private final Actions actions;
    private final Closing closing;
    private final Documents documents;
    private final OrganisationDirectory organisations;
    private final PageMessages pages;
    private final Systems systems;

    SchedulingPages(Sessions sessions, Actions actions, Closing closing, Documents documents, OrganisationDirectory organisations,
                    PageMessages pages, Systems systems) {
        this.systems = systems;
        this.sessions = sessions;
        this.actions = actions;
        this.closing = closing;
        this.documents = documents;
        this.organisations = organisations;
        this.pages = pages;
    }

    @GetMapping("/supervision/scheduling")
    String list(Model model) {
        YearMonth current = sessions.month(null);
        model.addAttribute("sessions", sessions.list());
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
        model.addAttribute("assignees", organisations.all().stream().filter(o -> o.kind() == OrgKind.UNIT || o.kind() == OrgKind.PROVIDER).toList());
        return "supervision/scheduling/session";
    }

    @PostMapping("/supervision/scheduling/{id}/agenda")
    @AllowSupervisor
    String addItem(@PathVariable long id, @RequestParam(required = false) String title, @RequestParam(required = false) String details,
                   RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/scheduling/" + id, "scheduling.done.saved", () -> {
            sessions.addItem(id, title, details);
            return null;
        });
    }

    @PostMapping("/supervision/scheduling/{id}/agenda/{itemId}")
    @AllowSupervisor
    String editItem(@PathVariable long id, @PathVariable long itemId, @RequestParam(required = false) String title,
                    @RequestParam(required = false) String details, RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/scheduling/" + id, "scheduling.done.saved", () -> {
            sessions.editItem(id, itemId, title, details);
            return null;
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
    String meeting(@PathVariable long id, @RequestParam(required = false) String meetingDate, @RequestParam(required = false) String participants,
                   RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/scheduling/" + id, "scheduling.done.saved", () -> {
            sessions.recordMeeting(id, date(meetingDate), participants);
            return null;
        });
    }

    @PostMapping("/supervision/scheduling/{id}/decisions")
    @AllowSupervisor
    String decision(@PathVariable long id, @RequestParam(required = false) String text, RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/scheduling/" + id, "scheduling.done.saved", () -> {
            sessions.addDecision(id, text);
            return null;
        });
    }

    @PostMapping("/supervision/scheduling/{id}/actions")
    @AllowSupervisor
    String action(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/scheduling/" + id, "scheduling.done.assigned", () -> {
            actions.assign(id, new Actions.NewAction(form.get("kind"), form.get("title"), form.get("description"), number(form.get("orgId")),
                    number(form.get("systemId")), date(form.get("dueDate")), form.get("severity")));
            return null;
        });
    }

    /**
     * The systems a hazard action may name, for the unit chosen in the action form (htmx swaps these
     * options in when the unit changes): one unit's systems on the platform, never the whole city's.
     */
    @GetMapping("/supervision/scheduling/systems")
    @AllowSupervisor
    String systemOptions(@RequestParam(required = false) Long orgId, Model model) {
        Set<String> onPlatform = Set.of("ADMITTED", "SUSPENDED", "EXIT_ORDERED");
        model.addAttribute("systems", orgId == null ? List.of()
                : systems.ofOrganisation(orgId).stream().filter(s -> onPlatform.contains(s.state())).toList());
        model.addAttribute("chosen", orgId != null);
        return "supervision/scheduling/system-options";
    }

    @PostMapping("/supervision/scheduling/{id}/close")
    @AllowSupervisor
    String close(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/scheduling/" + id, "scheduling.done.closed", () -> {
            closing.close(id, reason);
            return null;
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

    static Long number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new cn.govcloud.guard.shared.InvalidInput("scheduling.error.invalid", Map.of("id", "scheduling.error.number"));
        }
    }

}
