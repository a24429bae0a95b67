package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.incidents.Incidents.Criteria;
import cn.govcloud.guard.incidents.Incidents.NewIncident;
import cn.govcloud.guard.incidents.Incidents.Reported;
import cn.govcloud.guard.incidents.internal.CiiReports;
import cn.govcloud.guard.incidents.internal.Classification;
import cn.govcloud.guard.incidents.internal.Grading;
import cn.govcloud.guard.incidents.internal.IncidentService;
import cn.govcloud.guard.incidents.internal.Incident;
import cn.govcloud.guard.incidents.internal.IncidentService.NewReport;
import cn.govcloud.guard.incidents.internal.PlanService;
import cn.govcloud.guard.incidents.internal.ReportPdf;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The incident pages (A10.4, A10.5; plans and drills are {@link PlanAndDrillPages}). Chinese first; the countdown is static/js/incidents.js. */
@Controller
@AllowParties
class IncidentPages {
    private static final List<Role> REPORTERS = List.of(Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF);

    private final IncidentService incidents;
    private final PlanService plans;
    private final ReportPdf pdf;
    private final MessageSource messages;
    private final Clock clock;
    private final CiiReports ciiReports;

    private final cn.govcloud.guard.rules.RuleCatalog catalog;

    IncidentPages(IncidentService incidents, PlanService plans, ReportPdf pdf, MessageSource messages, Clock clock,
                  cn.govcloud.guard.rules.RuleCatalog catalog, CiiReports ciiReports) {
        this.catalog = catalog;
        this.ciiReports = ciiReports;
        this.incidents = incidents;
        this.plans = plans;
        this.pdf = pdf;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- incidents -----------------------------------------------------------------------------

    @GetMapping("/incidents")
    String list(@RequestParam(required = false) String grade, @RequestParam(required = false) String month, Model model) {
        Actor actor = Actor.require();
        // the dashboard's drill-down (A10.4/A10.5): grade I–IV and the month confirmed; unknown values mean any
        String g = grade != null && List.of("I", "II", "III", "IV").contains(grade) ? grade : null;
        java.time.YearMonth m = null;
        try {
            m = month == null || month.isBlank() ? null : java.time.YearMonth.parse(month.strip());
        } catch (java.time.format.DateTimeParseException e) {
            m = null;
        }
        model.addAttribute("incidents", incidents.list(actor, g, m));
        model.addAttribute("grade", g == null ? "" : g);
        model.addAttribute("month", m == null ? "" : m.toString());
        model.addAttribute("mayReport", REPORTERS.stream().anyMatch(actor::has));
        model.addAttribute("zone", WorkingCalendar.ZONE);
        return "incidents/list";
    }

    @GetMapping("/incidents/new")
    @AllowProviderAndUnits
    String form(Model model) {
        showForm(model, Map.of(), Map.of());
        return "incidents/form";
    }

    @PostMapping("/incidents")
    @AllowProviderAndUnits
    String create(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        try {
            Map<String, String> errors = new LinkedHashMap<>();
            if (blank(form.get("title"))) {
                errors.put("title", "incidents.error.required");
            }
            if (blank(form.get("description"))) {
                errors.put("description", "incidents.error.required");
            }
            if (blank(form.get("impact"))) {
                errors.put("impact", "incidents.error.required");
            }
            if (!"true".equals(form.get("gradeConfirmed")) && !"on".equals(form.get("gradeConfirmed"))) {
                errors.put("gradeConfirmed", "incidents.error.required");
            }
            Instant confirmed = localTime(form, "confirmedAt", errors);
            Instant discovered = localTime(form, "discoveredAt", errors);
            if (discovered == null && !errors.containsKey("discoveredAt")) {
                errors.put("discoveredAt", "incidents.error.required");
            }
            Long systemId = longValue(form, "systemId", errors);
            Criteria criteria = new Criteria(decimal(form, "portalOutageHours", errors), decimal(form, "criticalOutageHours", errors),
                    longValue(form, "peopleAffected", errors), longValue(form, "recordsLeaked", errors),
                    blank(form.get("dataAffected")) ? "NONE" : form.get("dataAffected"), decimal(form, "directLossWan", errors));
            if (!errors.isEmpty()) {
                throw new InvalidInput("incidents.error.invalid", errors);
            }
            Reported reported = incidents.report(new NewIncident(systemId, form.get("title"), form.get("category"), form.get("subType"),
                    form.get("grade"), discovered, confirmed, form.get("description"), form.get("impact"), criteria));
            redirect.addFlashAttribute("created", "true");
            return "redirect:/incidents/" + reported.id();
        } catch (InvalidInput e) {
            Map<String, String> errors = new HashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
            showForm(model, form, errors);
            return "incidents/form";
        } catch (Unprocessable | RuleViolation e) {
            showForm(model, form, Map.of("form", text(e.getMessage())));
            return "incidents/form";
        }
    }

    private void showForm(Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("platform", actor.orgKind() == OrgKind.PROVIDER);
        model.addAttribute("systems", actor.orgKind() == OrgKind.UNIT ? plans.systemsOf(actor.orgId()) : List.of());
        model.addAttribute("categories", Classification.CATEGORIES);
        model.addAttribute("grades", Grading.GRADES);
        model.addAttribute("dataGrades", catalog.parameter(Grading.DATA_PARAMETER).grades());
        model.addAttribute("thresholds", Grading.thresholds(catalog).stream().collect(Collectors.toMap(Grading.Threshold::name, t -> t,
                (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("dataLevels", Grading.DATA_LEVELS);
    }

    @GetMapping("/incidents/{id}")
    String detail(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        Incident incident = incidents.visible(id, actor);
        model.addAttribute("incident", incident);
        model.addAttribute("timeline", incidents.timeline(id));
        model.addAttribute("reports", incidents.reports(id));
        model.addAttribute("gradeChanges", incidents.gradeChanges(id));
        model.addAttribute("duties", incidents.dutiesOf(incident));
        // issue 22 point 3: the 1-hour report to the 保护工作部门 and to 公安 of an incident on a 关基 system
        List<CiiReports.CiiReport> cii = ciiReports.of(id);
        model.addAttribute("ciiDuties", ciiReports.duties(incident));
        model.addAttribute("ciiReports", cii);
        model.addAttribute("ciiMissing", java.util.Arrays.stream(CiiReports.Recipient.values())
                .filter(r -> cii.stream().noneMatch(c -> c.recipient() == r)).toList());
        model.addAttribute("mayAct", incidents.mayAct(incident, actor));
        model.addAttribute("mayAcknowledge", actor.has(Role.REGULATOR));
        model.addAttribute("myOrg", actor.orgId());
        model.addAttribute("cooperation", incidents.hasCooperationTask(incident, actor));
        model.addAttribute("grades", Grading.GRADES);
        model.addAttribute("zone", WorkingCalendar.ZONE);
        model.addAttribute("now", clock.instant());
        return "incidents/detail";
    }

    @PostMapping("/incidents/{id}/reports")
    @AllowProviderAndUnits
    String report(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.submitReport(id, new NewReport(form.get("kind"), form.get("summary"), form.get("measures"),
                "true".equals(form.get("contained")) || "on".equals(form.get("contained")), form.get("rootCause"), form.get("timeline"),
                form.get("lessons"), form.get("reporter"))), "reported");
    }

    /** Issue 22 point 3: the unit records one of the two 1-hour reports on a 关基 system's incident. */
    @PostMapping("/incidents/{id}/cii-reports")
    @AllowUnitPeople
    String ciiReport(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant at = localTime(form, "reportedAt", errors);
        if (!errors.isEmpty()) {
            return act(id, redirect, () -> {
                throw new InvalidInput("incidents.error.invalid", errors);
            }, "ciiReported");
        }
        return act(id, redirect, () -> ciiReports.record(id, new CiiReports.NewCiiReport(form.get("recipient"), form.get("recipientName"), at,
                form.get("means"), form.get("reporter")), Actor.require()), "ciiReported");
    }

    @PostMapping("/incidents/{id}/grade")
    @AllowProviderAndUnits
    String grade(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.changeGrade(id, form.get("grade"), form.get("reason")), "graded");
    }

    @PostMapping("/incidents/{id}/resolution")
    @AllowProviderAndUnits
    String resolve(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.resolve(id, form.get("note")), "resolved");
    }

    @PostMapping("/incidents/{id}/cooperation")
    @AllowProvider
    String cooperate(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.cooperate(id, form.get("note")), "cooperated");
    }

    @PostMapping("/incidents/{id}/reports/{reportId}/acknowledgement")
    @Allow(Role.REGULATOR)
    String acknowledge(@PathVariable long id, @PathVariable long reportId, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.acknowledge(id, reportId), "acknowledged");
    }

    @GetMapping("/incidents/{id}/reports/{reportId}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, @PathVariable long reportId) {
        return IncidentApiController.pdfOf(incidents, pdf, id, reportId);
    }

    /** Runs a write; refusals come back to the detail page as one message, nothing having been saved. */
    private String act(long id, RedirectAttributes redirect, Runnable action, String done) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
        } catch (InvalidInput e) {
            String fields = e.fieldErrors().entrySet().stream().map(f -> field(f.getKey()) + "：" + text(f.getValue()))
                    .collect(Collectors.joining("；"));
            redirect.addFlashAttribute("error", text(e.getMessage()) + (fields.isEmpty() ? "" : " " + fields));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + "：" + text(e.getMessage()));
        } catch (Unprocessable e) {
            redirect.addFlashAttribute("error", text(e.getMessage()));
        }
        return "redirect:/incidents/" + id;
    }

    private String field(String name) {
        String key = switch (name) {
            case "summary" -> "incidents.report.summary.INITIAL";
            case "measures", "rootCause", "timeline", "lessons" -> "incidents.report." + name;
            case "reason" -> "incidents.gradeChange.reason";
            case "recipient", "recipientName", "reportedAt", "means" -> "incidents.cii." + name;
            default -> "incidents.field." + name;
        };
        return messages.getMessage(key, null, name, LocaleContextHolder.getLocale());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A {@code datetime-local} value, in Beijing time. */
    private static Instant localTime(Map<String, String> form, String field, Map<String, String> errors) {
        String v = form.get(field);
        if (blank(v)) {
            return null;
        }
        try {
            return LocalDateTime.parse(v.strip()).atZone(WorkingCalendar.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "incidents.error.instant");
            return null;
        }
    }

    private static Long longValue(Map<String, String> form, String field, Map<String, String> errors) {
        String v = form.get(field);
        if (blank(v)) {
            return null;
        }
        try {
            return Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "incidents.error.number");
            return null;
        }
    }

    private static BigDecimal decimal(Map<String, String> form, String field, Map<String, String> errors) {
        String v = form.get(field);
        if (blank(v)) {
            return null;
        }
        try {
            return new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "incidents.error.number");
            return null;
        }
    }
}
