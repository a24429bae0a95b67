package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.Incidents.Criteria;
import cn.govcloud.guard.incidents.Incidents.NewIncident;
import cn.govcloud.guard.incidents.Incidents.Reported;
import cn.govcloud.guard.incidents.internal.CiiReports;
import cn.govcloud.guard.incidents.internal.Classification;
import cn.govcloud.guard.incidents.internal.Grading;
import cn.govcloud.guard.incidents.internal.IncidentService;
import cn.govcloud.guard.incidents.internal.Incident;
import cn.govcloud.guard.incidents.internal.IncidentFilter;
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
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
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
    static final int PAGE_SIZE = 20;
    private static final List<Role> REPORTERS = List.of(Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF);

    private final IncidentService incidents;
    private final PlanService plans;
    private final ReportPdf pdf;
    private final MessageSource messages;
    private final Clock clock;
    private final CiiReports ciiReports;
    private final OrganisationDirectory organisations;

    private final cn.govcloud.guard.rules.RuleCatalog catalog;

    IncidentPages(IncidentService incidents, PlanService plans, ReportPdf pdf, MessageSource messages, Clock clock,
                  cn.govcloud.guard.rules.RuleCatalog catalog, CiiReports ciiReports, OrganisationDirectory organisations) {
        this.organisations = organisations;
        this.catalog = catalog;
        this.ciiReports = ciiReports;
        this.incidents = incidents;
        this.plans = plans;
        this.pdf = pdf;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- incidents -----------------------------------------------------------------------------

    /**
     * The list (issue 23 point 11): keyword, grade, state, unit, time range and page size from the URL, with the owning
     * unit by name; a value that cannot be read is shown beside its filter (400) instead of meaning "any".
     */
    @GetMapping("/incidents")
    String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        ListPages.listed(model, response, params, p -> IncidentListQuery.parse(p, PAGE_SIZE, 0), IncidentListQuery.none(PAGE_SIZE),
                q -> incidents.page(actor, q.filter(), q.page(), q.size()));
        Map<Long, String> orgNames = new HashMap<>();
        organisations.all().forEach(o -> orgNames.put(o.id(), o.name()));
        model.addAttribute("orgNames", orgNames);
        model.addAttribute("units", actor.orgKind() == OrgKind.UNIT ? List.of() : organisations.ofKind(OrgKind.UNIT));
        model.addAttribute("grades", IncidentFilter.GRADES);
        model.addAttribute("statuses", IncidentFilter.STATUSES);
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
            Instant confirmed = FormValues.localTime(form, "confirmedAt", errors);
            Instant discovered = FormValues.localTime(form, "discoveredAt", errors);
            if (discovered == null && !errors.containsKey("discoveredAt")) {
                errors.put("discoveredAt", "incidents.error.required");
            }
            Long systemId = FormValues.number(form, "systemId", errors);
            Criteria criteria = new Criteria(FormValues.decimal(form, "portalOutageHours", errors), FormValues.decimal(form, "criticalOutageHours", errors),
                    FormValues.number(form, "peopleAffected", errors), FormValues.number(form, "recordsLeaked", errors),
                    blank(form.get("dataAffected")) ? "NONE" : form.get("dataAffected"), FormValues.decimal(form, "directLossWan", errors));
            if (!errors.isEmpty()) {
                throw new InvalidInput("incidents.error.invalid", errors);
            }
            Reported reported = incidents.report(new NewIncident(systemId, form.get("title"), form.get("category"), form.get("subType"),
                    form.get("grade"), discovered, confirmed, form.get("description"), form.get("impact"), criteria));
            // issue 23 point 9: the step says what happens next — the 30-minute initial report, or none for grade IV
            redirect.addFlashAttribute("created", reported.reportDueAt() == null ? text("incidents.created")
                    : message("incidents.created.clock", at(reported.reportDueAt())));
            return "redirect:/incidents/" + reported.id();
        } catch (InvalidInput | Unprocessable | RuleViolation e) {
            showForm(model, form, FormValues.refusals(e, this::text));
            return "incidents/form";
        }
    }

    private void showForm(Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("platform", actor.orgKind() == OrgKind.PROVIDER);
        // the unit's systems for fields.html selectField: id, labelled by name
        Map<String, String> systemLabels = new LinkedHashMap<>();
        if (actor.orgKind() == OrgKind.UNIT) {
            plans.systemsOf(actor.orgId()).forEach(sys -> systemLabels.put(String.valueOf(sys.id()), sys.name()));
        }
        model.addAttribute("systemIds", List.copyOf(systemLabels.keySet()));
        model.addAttribute("systemLabels", systemLabels);
        model.addAttribute("categories", Classification.CATEGORIES);
        model.addAttribute("subTypes", Classification.CATEGORIES.values().stream().flatMap(List::stream).toList());
        model.addAttribute("grades", Grading.GRADES);
        List<Grading.Threshold> thresholds = Grading.thresholds(catalog);
        model.addAttribute("thresholds", thresholds.stream().collect(Collectors.toMap(Grading.Threshold::name, t -> t,
                (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("dataLevels", Grading.DATA_LEVELS);
        // the catalog's grading for incidents.js's suggestion (A10.4-grading-thresholds, A10.4-grading-data), mirroring Grading.suggest:
        // "criterion=I,II,III;…" (an empty place: no such threshold) and "level=grade;…"
        model.addAttribute("thresholdData", thresholds.stream().map(t -> t.name() + "=" + plain(t.grade1()) + "," + plain(t.grade2()) + ","
                + plain(t.grade3())).collect(Collectors.joining(";")));
        Map<String, String> dataGrades = catalog.parameter(Grading.DATA_PARAMETER).grades();
        model.addAttribute("dataGradeData", Grading.DATA_LEVELS.stream().map(d -> d + "=" + (dataGrades.get(d) == null ? "" : dataGrades.get(d)))
                .collect(Collectors.joining(";")));
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
                form.get("lessons"), form.get("reporter"))), "reported", String.valueOf(form.get("kind")), form);
    }

    /** Issue 22 point 3: the unit records one of the two 1-hour reports on a 关基 system's incident. */
    @PostMapping("/incidents/{id}/cii-reports")
    @AllowUnitPeople
    String ciiReport(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant at = FormValues.localTime(form, "reportedAt", errors);
        if (!errors.isEmpty()) {
            return act(id, redirect, () -> {
                throw new InvalidInput("incidents.error.invalid", errors);
            }, "ciiReported", "cii", form);
        }
        return act(id, redirect, () -> ciiReports.record(id, new CiiReports.NewCiiReport(form.get("recipient"), form.get("recipientName"), at,
                form.get("means"), form.get("reporter")), Actor.require()), "ciiReported", "cii", form);
    }

    @PostMapping("/incidents/{id}/grade")
    @AllowProviderAndUnits
    String grade(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.changeGrade(id, form.get("grade"), form.get("reason")), "graded", "grade", form);
    }

    @PostMapping("/incidents/{id}/resolution")
    @AllowProviderAndUnits
    String resolve(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.resolve(id, form.get("note")), "resolved", "resolve", form);
    }

    @PostMapping("/incidents/{id}/cooperation")
    @AllowProvider
    String cooperate(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.cooperate(id, form.get("note")), "cooperated", "cooperation", form);
    }

    @PostMapping("/incidents/{id}/reports/{reportId}/acknowledgement")
    @Allow(Role.REGULATOR)
    String acknowledge(@PathVariable long id, @PathVariable long reportId, RedirectAttributes redirect) {
        return act(id, redirect, () -> incidents.acknowledge(id, reportId), "acknowledged", "acknowledgement", Map.of());
    }

    @GetMapping("/incidents/{id}/reports/{reportId}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, @PathVariable long reportId) {
        return IncidentApiController.pdfOf(incidents, pdf, id, reportId);
    }

    /**
     * Runs a write and says what happens next. Bad input comes back to the detail page (post/redirect/get) with each
     * reason beside its field of the form that was sent ({@code formKey}) and what was typed kept (issue 23 point 9); a
     * refusal by rule as one message at the top. Nothing is saved either way.
     */
    private String act(long id, RedirectAttributes redirect, Runnable action, String done, String formKey, Map<String, String> values) {
        try {
            action.run();
            redirect.addFlashAttribute("done", nextStep(id, done));
        } catch (InvalidInput e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            redirect.addFlashAttribute("error", text(e.getMessage()));
            redirect.addFlashAttribute("errorForm", formKey);
            redirect.addFlashAttribute("formErrors", errors);
            redirect.addFlashAttribute("formValues", new HashMap<>(values));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + "：" + text(e.getMessage()));
        } catch (Unprocessable e) {
            redirect.addFlashAttribute("error", text(e.getMessage()));
        }
        return "redirect:/incidents/" + id;
    }

    /** The done message with the next report owed (the catalog's progress or analysis report duty), when one is. */
    private String nextStep(long id, String done) {
        if (done.equals("reported") || done.equals("resolved")) {
            String rule = done.equals("reported") ? "-progress-report" : "-final-report";
            Incident incident = incidents.visible(id, Actor.require());
            java.util.Optional<Instant> next = incidents.dutiesOf(incident).stream()
                    .filter(d -> d.ruleId().endsWith(rule) && !d.state().closed()).map(d -> d.dueAt()).min(Instant::compareTo);
            if (next.isPresent()) {
                return message("incidents.done." + done + ".next", at(next.get()));
            }
        }
        return text("incidents.done." + done);
    }

    private static String at(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(instant.atZone(WorkingCalendar.ZONE));
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
