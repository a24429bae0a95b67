package cn.govcloud.guard.hazards.intake.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisorAndProvider;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.intake.internal.Filter;
import cn.govcloud.guard.hazards.intake.internal.IntakeItem.Kind;
import cn.govcloud.guard.hazards.intake.internal.IntakeQueries;
import cn.govcloud.guard.hazards.intake.internal.IntakeService;
import cn.govcloud.guard.hazards.intake.internal.ScanImports;
import cn.govcloud.guard.hazards.intake.internal.Triage;
import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.OrgKind;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The intake pages (A10.1): findings and alerts with filters, a scan report upload, the triage queue,
 * and on a finding or alert the supervisor's or provider's "发出隐患通知" (A10.2).
 */
@Controller
class IntakePages {
    static final int PAGE_SIZE = 50;
    private final IntakeQueries intake;
    private final Triage triage;
    private final ScanImports scans;
    private final MessageSource messages;
    private final OrganisationDirectory organisations;
    private final FormRefusals refusals;

    IntakePages(IntakeQueries intake, Triage triage, ScanImports scans, MessageSource messages, OrganisationDirectory organisations,
                FormRefusals refusals) {
        this.refusals = refusals;
        this.organisations = organisations;
        this.intake = intake;
        this.triage = triage;
        this.scans = scans;
        this.messages = messages;
    }

    @GetMapping("/intake")
    @AllowParties
    String home() {
        return "redirect:/intake/findings";
    }

    @GetMapping("/intake/findings")
    @AllowParties
    String findings(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        return list("findings", params, model, response, f -> intake.findings(Actor.require(), f));
    }

    @GetMapping("/intake/alerts")
    @AllowParties
    String alerts(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        return list("alerts", params, model, response, f -> intake.alerts(Actor.require(), f));
    }

    /**
     * Issue 23 point 11: keyword, filters, time range and page size from the URL; a value that cannot be read is shown
     * beside its filter (400) with an empty list rather than quietly meaning "any".
     */
    private String list(String which, Map<String, String> params, Model model, HttpServletResponse response,
                        java.util.function.Function<Filter, IntakeService.Page<?>> query) {
        Actor actor = Actor.require();
        Map<String, String> errors = new LinkedHashMap<>();
        IntakeListQuery q;
        try {
            q = IntakeListQuery.parse(params, PAGE_SIZE, 0);
            model.addAttribute("page", query.apply(q.filter()));
        } catch (InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.put("form", text(e.getMessage()));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            q = IntakeListQuery.none(PAGE_SIZE);
            model.addAttribute("page", new IntakeService.Page<>(List.of(), null));
        }
        model.addAttribute("query", q);
        model.addAttribute("path", "/intake/" + which);
        model.addAttribute("values", params);
        model.addAttribute("errors", errors);
        model.addAttribute("sizes", IntakeListQuery.SIZES);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("states", IntakeListQuery.STATES);
        model.addAttribute("systems", intake.assignableSystems().stream()
                .filter(s -> !actor.isUnitUser() || s.orgId() == actor.orgId()).toList());
        model.addAttribute("units", actor.isUnitUser() ? List.of() : organisations.ofKind(OrgKind.UNIT));
        Map<Long, String> orgNames = new java.util.HashMap<>();
        organisations.all().forEach(o -> orgNames.put(o.id(), o.name()));
        model.addAttribute("orgNames", orgNames);
        model.addAttribute("mayTriage", mayTriage(actor));
        model.addAttribute("which", which);
        return "hazards/intake/list";
    }

    @GetMapping("/intake/findings/{id}")
    @AllowParties
    String finding(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        model.addAttribute("f", intake.finding(actor, id).orElseThrow(() -> new NotFound("finding " + id)));
        detail(model, actor);
        return "hazards/intake/finding";
    }

    @GetMapping("/intake/alerts/{id}")
    @AllowParties
    String alert(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        model.addAttribute("a", intake.alert(actor, id).orElseThrow(() -> new NotFound("alert " + id)));
        model.addAttribute("burst", intake.burst(actor, id));
        detail(model, actor);
        return "hazards/intake/alert";
    }

    private void detail(Model model, Actor actor) {
        boolean triage = mayTriage(actor);
        model.addAttribute("mayTriage", triage);
        systemChoices(model, triage);
    }

    /** The assign forms' choices for fields.html selectField: the system's id, labelled by its name (none for who may not triage). */
    private void systemChoices(Model model, boolean triage) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (triage) {
            intake.assignableSystems().forEach(s -> labels.put(String.valueOf(s.id()), s.name()));
        }
        model.addAttribute("systemIds", List.copyOf(labels.keySet()));
        model.addAttribute("systemLabels", labels);
    }

    @GetMapping("/intake/triage")
    @AllowSupervisorAndProvider
    String triage(Model model) {
        IntakeQueries.Queue queue = intake.triage(Actor.require(), 200);
        model.addAttribute("queue", queue);
        systemChoices(model, true);
        // issue 17 point 5: each item's time left under the catalog's A10.1-triage, or how long it is overdue
        IntakeQueries.TriageDue due = intake.triageDue(queue);
        java.time.Instant now = intake.now();
        model.addAttribute("findingLeft", TriageLeft.of(due.findings(), now));
        model.addAttribute("alertLeft", TriageLeft.of(due.alerts(), now));
        model.addAttribute("overdue", TriageLeft.overdue(due, now));
        return "hazards/intake/triage";
    }

    @GetMapping("/intake/imports")
    @AllowOversightAndProvider
    String imports(@RequestParam(required = false) Long before, Model model) {
        show(model, before);
        return "hazards/intake/imports";
    }

    /** One import: its progress while it runs (the page polls itself), then its counts or why it was refused. */
    @GetMapping("/intake/imports/{id}")
    @AllowOversightAndProvider
    String importPage(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        model.addAttribute("i", intake.importRecord(actor, id).orElseThrow(() -> new NotFound("import " + id)));
        model.addAttribute("mayImport", actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.SUPERVISOR));
        return "hazards/intake/import";
    }

    private void show(Model model, Long before) {
        Actor actor = Actor.require();
        model.addAttribute("page", intake.imports(actor, before, 50));
        model.addAttribute("mayImport", actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.SUPERVISOR));
        model.addAttribute("maxMb", scans.maxScanBytes() / (1024 * 1024));
    }

    /**
     * The upload (issue 24 point 7): imported in the background, whole or not at all; the browser goes at once to
     * the import's page, which shows its progress and then its outcome — a refused file with the reason.
     */
    @PostMapping("/intake/imports")
    @AllowSupervisorAndProvider
    String upload(@RequestPart(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes redirect) throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("hazards.intake.error.noFile");
            }
            if (file.getSize() > scans.maxScanBytes()) {
                throw new Unprocessable(text("hazards.intake.error.tooLarge", scans.maxScanBytes() / (1024 * 1024)));
            }
            long id = IntakeApiController.submit(scans, file);
            redirect.addFlashAttribute("done", text("hazards.intake.import.started"));
            return "redirect:/intake/imports/" + id;
        } catch (InvalidInput | Unprocessable e) {
            // issue 23 point 9: the reason beside the file field, the page's alert says nothing was imported
            show(model, null);
            model.addAttribute("error", text("hazards.intake.error.uploadRefused"));
            model.addAttribute("errors", Map.of("file", refusals.text(e.getMessage())));
            return "hazards/intake/imports";
        }
    }

    @PostMapping("/intake/findings/{id}/hazard")
    @AllowSupervisorAndProvider
    String raiseFromFinding(@PathVariable long id, RedirectAttributes redirect) {
        return raise(Kind.FINDING, id, redirect);
    }

    @PostMapping("/intake/alerts/{id}/hazard")
    @AllowSupervisorAndProvider
    String raiseFromAlert(@PathVariable long id, RedirectAttributes redirect) {
        return raise(Kind.ALERT, id, redirect);
    }

    @PostMapping("/intake/findings/{id}/assign")
    @AllowSupervisorAndProvider
    String assignFinding(@PathVariable long id, @RequestParam(required = false) Long systemId, @RequestParam(required = false) String back,
                         RedirectAttributes redirect) {
        return assign(Kind.FINDING, id, systemId, back, redirect);
    }

    @PostMapping("/intake/alerts/{id}/assign")
    @AllowSupervisorAndProvider
    String assignAlert(@PathVariable long id, @RequestParam(required = false) Long systemId, @RequestParam(required = false) String back,
                       RedirectAttributes redirect) {
        return assign(Kind.ALERT, id, systemId, back, redirect);
    }

    @PostMapping("/intake/findings/{id}/dismiss")
    @AllowSupervisorAndProvider
    String dismissFinding(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
                          RedirectAttributes redirect) {
        return dismiss(Kind.FINDING, id, reason, back, redirect);
    }

    @PostMapping("/intake/alerts/{id}/dismiss")
    @AllowSupervisorAndProvider
    String dismissAlert(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
                        RedirectAttributes redirect) {
        return dismiss(Kind.ALERT, id, reason, back, redirect);
    }

    /** The item's path segment and page: findings or alerts. */
    private static String path(Kind kind) {
        return kind == Kind.FINDING ? "findings" : "alerts";
    }

    private String raise(Kind kind, long id, RedirectAttributes redirect) {
        try {
            Hazards.Raised raised = triage.raiseHazard(Actor.require(), kind, id);
            redirect.addFlashAttribute("done", text("hazards.intake.raised", raised.id(), String.valueOf(raised.dueDate())));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + ": " + text(e.getMessage()));
        } catch (Unprocessable e) {
            redirect.addFlashAttribute("error", text(e.getMessage()));
        }
        return "redirect:/intake/" + path(kind) + "/" + id;
    }

    private String assign(Kind kind, long id, Long systemId, String back, RedirectAttributes redirect) {
        return act(kind, id, "assign", () -> triage.assign(Actor.require(), kind, id, systemId), "hazards.intake.assigned", back,
                Map.of("systemId", systemId == null ? "" : String.valueOf(systemId)), redirect);
    }

    private String dismiss(Kind kind, long id, String reason, String back, RedirectAttributes redirect) {
        return act(kind, id, "dismiss", () -> triage.dismiss(Actor.require(), kind, id, reason), "hazards.intake.dismissed", back,
                Map.of("reason", reason == null ? "" : reason), redirect);
    }

    /**
     * A triage step (post/redirect/get). Refused input goes back to the page with the item ({@code errorItem}, e.g.
     * {@code findings-12}) and the form's name ({@code errorForm}), each refusal under its field ({@code formErrors}) and what
     * was typed ({@code formValues}): the finding's and alert's pages (hazards/intake/actions.html) and the triage queue's
     * rows (hazards/intake/tabs.html triageCells) show it beside the field of that form; {@code error} says it in one line.
     */
    private String act(Kind kind, long id, String formKey, Runnable action, String doneKey, String back, Map<String, String> values,
                       RedirectAttributes redirect) {
        try {
            action.run();
            redirect.addFlashAttribute("done", text(doneKey));
        } catch (InvalidInput e) {
            Map<String, String> errors = refusals.fieldErrors(e);
            redirect.addFlashAttribute("error", String.join("；", errors.values()));
            redirect.addFlashAttribute("errorItem", path(kind) + "-" + id);
            redirect.addFlashAttribute("errorForm", formKey);
            redirect.addFlashAttribute("formErrors", errors);
            redirect.addFlashAttribute("formValues", values);
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + ": " + text(e.getMessage()));
        }
        return "redirect:" + back(back, "/intake/" + path(kind) + "/" + id);
    }

    /** Only back to our own triage page, never to an address from the form (no open redirect). */
    private static String back(String back, String otherwise) {
        return "triage".equals(back) ? "/intake/triage" : otherwise;
    }

    private boolean mayTriage(Actor actor) {
        return intake.mayTriage(actor);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
