package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.incidents.Incidents.NewDrill;
import cn.govcloud.guard.incidents.internal.DrillService;
import cn.govcloud.guard.incidents.internal.DrillService.Drill;
import cn.govcloud.guard.incidents.internal.PlanService;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The emergency plan and drill pages (A10.3): the plans' compliance list with a new version's form, and the drills
 * with the half-years of the provider's comprehensive drills, the form to record one and the units' confirmation.
 */
@Controller
@AllowParties
class PlanAndDrillPages {
    private static final List<Role> REPORTERS = List.of(Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF);

    private final PlanService plans;
    private final DrillService drills;
    private final MessageSource messages;
    private final Clock clock;

    PlanAndDrillPages(PlanService plans, DrillService drills, MessageSource messages, Clock clock) {
        this.plans = plans;
        this.drills = drills;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- plans ---------------------------------------------------------------------------------

    @GetMapping("/incidents/plans")
    String plans(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        // issue 23 point 11: keyword, unit, whether a plan is in force and page size from the URL
        Page<PlanService.Row> page = ListPages.listed(model, response, params, p -> PlanListQuery.parse(p, PlanListQuery.PAGE_SIZE, 0),
                PlanListQuery.none(), q -> plans.search(Actor.require(), q.filter(), q.page(), q.size()));
        model.addAttribute("rows", page.rows());
        showPlans(model, Map.of(), Map.of());
        return "incidents/plans";
    }

    @PostMapping("/incidents/plans")
    @AllowProviderAndUnits
    String recordPlan(@RequestParam Map<String, String> form, @RequestPart(name = "file", required = false) MultipartFile file, Model model,
                      RedirectAttributes redirect) throws IOException {
        try {
            boolean present = file != null && !file.isEmpty();
            plans.record(PlanApiController.plan(form), present ? file.getOriginalFilename() : null, present ? file.getInputStream() : null);
            redirect.addFlashAttribute("done", "plan");
            return "redirect:/incidents/plans";
        } catch (InvalidInput | Unprocessable | RuleViolation e) {
            showPlans(model, form, FormValues.refusals(e, this::text));
            return "incidents/plans";
        }
    }

    @GetMapping("/incidents/plans/{id}/document")
    ResponseEntity<byte[]> planDocument(@PathVariable long id) {
        PlanService.Plan plan = plans.visible(id, Actor.require());
        return Downloads.attachment(plans.describe(plan).orElseThrow(() -> new NotFound("plan document " + id)), plans.content(plan));
    }

    private void showPlans(Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        if (!model.containsAttribute("page")) { // a refused recording shows the first page again
            model.addAttribute("rows", ListPages.listed(model, null, Map.of(), p -> PlanListQuery.none(), PlanListQuery.none(),
                    q -> plans.search(actor, q.filter(), 0, q.size())).rows());
        }
        boolean sees = actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
        model.addAttribute("filterUnits", sees ? java.util.stream.Stream.concat(drills.providers().stream(), drills.units().stream()).toList()
                : List.of());
        model.addAttribute("mayRecord", REPORTERS.stream().anyMatch(actor::has));
        model.addAttribute("platform", actor.orgKind() == OrgKind.PROVIDER);
        // the unit's systems for fields.html selectField: id, labelled by name
        Map<String, String> systemLabels = new java.util.LinkedHashMap<>();
        if (actor.orgKind() == OrgKind.UNIT) {
            plans.systemsOf(actor.orgId()).forEach(sys -> systemLabels.put(String.valueOf(sys.id()), sys.name()));
        }
        model.addAttribute("systemIds", List.copyOf(systemLabels.keySet()));
        model.addAttribute("systemLabels", systemLabels);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
    }

    // ---- drills --------------------------------------------------------------------------------

    @GetMapping("/incidents/drills")
    String drills(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        // issue 23 point 11: keyword, invited unit, year, the dashboard's half-year (A10.3) and page size from the URL
        model.addAttribute("drills", ListPages.listed(model, response, params, p -> DrillListQuery.parse(p, DrillListQuery.PAGE_SIZE, 0),
                DrillListQuery.none(), q -> drills.search(Actor.require(), q.filter(), q.page(), q.size())).rows());
        showDrills(model, Map.of(), Map.of(), Map.of());
        return "incidents/drills";
    }

    @PostMapping("/incidents/drills")
    @AllowProvider
    String recordDrill(@RequestParam MultiValueMap<String, String> form, @RequestPart(name = "report", required = false) MultipartFile report,
                       Model model, RedirectAttributes redirect) throws IOException {
        try {
            boolean present = report != null && !report.isEmpty();
            NewDrill drill = DrillApiController.drill(form);
            drills.record(drill, DrillApiController.findings(form), present ? report.getOriginalFilename() : null,
                    present ? report.getInputStream() : null);
            redirect.addFlashAttribute("done", "drill");
            return "redirect:/incidents/drills";
        } catch (InvalidInput | Unprocessable | RuleViolation e) {
            showDrills(model, form.toSingleValueMap(), FormValues.refusals(e, this::text), form);
            return "incidents/drills";
        }
    }

    @PostMapping("/incidents/drills/{id}/participation")
    @AllowUnitPeople
    String confirm(@PathVariable long id, RedirectAttributes redirect) {
        try {
            drills.confirm(id);
            redirect.addFlashAttribute("done", "confirmed");
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + "：" + text(e.getMessage()));
        }
        return "redirect:/incidents/drills";
    }

    @GetMapping("/incidents/drills/{id}/report")
    ResponseEntity<byte[]> drillReport(@PathVariable long id) {
        Drill drill = drills.visible(id, Actor.require());
        return Downloads.attachment(drills.describe(drill.documentId()).orElseThrow(() -> new NotFound("drill report " + id)),
                drills.document(drill));
    }

    /** {@code chosen}: the checkboxes ticked on a refused recording (scenarios, invitedUnitIds), kept. */
    private void showDrills(Model model, Map<String, String> values, Map<String, String> errors, Map<String, List<String>> chosen) {
        Actor actor = Actor.require();
        boolean provider = actor.orgKind() == OrgKind.PROVIDER;
        boolean oversight = actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
        if (!model.containsAttribute("page")) { // a refused recording shows the first page again
            model.addAttribute("drills", ListPages.listed(model, null, Map.of(), p -> DrillListQuery.none(), DrillListQuery.none(),
                    q -> drills.search(actor, q.filter(), 0, q.size())).rows());
        }
        model.addAttribute("half", ((DrillListQuery) model.getAttribute("query")).half());
        model.addAttribute("mayRecord", actor.has(Role.PROVIDER_OPERATOR));
        model.addAttribute("myOrg", actor.orgId());
        model.addAttribute("mayConfirm", actor.has(Role.UNIT_SECURITY_OFFICER) || actor.has(Role.UNIT_STAFF));
        model.addAttribute("halfYears", provider || oversight ? drills.providers().stream()
                .filter(p -> oversight || p.id() == actor.orgId()).flatMap(p -> drills.halfYears(p.id(), 4).stream()).toList() : List.of());
        Map<Long, String> unitLabels = new LinkedHashMap<>();
        if (provider) {
            drills.units().forEach(u -> unitLabels.put(u.id(), u.name()));
        }
        model.addAttribute("unitLabels", unitLabels);
        model.addAttribute("scenarios", DrillApiController.SCENARIOS);
        model.addAttribute("chosen", chosen);
        model.addAttribute("filterUnits", provider || oversight ? drills.units() : List.of());
        model.addAttribute("today", LocalDate.now(clock.withZone(WorkingCalendar.ZONE)));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
