package cn.govcloud.guard.duties.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.internal.ComplianceExport;
import cn.govcloud.guard.duties.internal.ComplianceMatrix;
import cn.govcloud.guard.duties.internal.DutyReads;
import cn.govcloud.guard.duties.internal.DutyReviews;
import cn.govcloud.guard.duties.internal.EvidenceFiling;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The duty pages: my duties, one duty with its evidence form and history, and the compliance matrix. */
@Controller
@AllowParties
class DutyPages {

    private final DutyReads duties;
    private final EvidenceFiling filing;
    private final DutyReviews reviews;
    private final RuleCatalog catalog;
    private final ComplianceMatrix matrix;
    private final ComplianceExport export;
    private final OrganisationDirectory organisations;
    private final FormRefusals refusals;
    private final Clock clock;

    DutyPages(DutyReads duties, EvidenceFiling filing, DutyReviews reviews, RuleCatalog catalog, ComplianceMatrix matrix, ComplianceExport export,
              OrganisationDirectory organisations, FormRefusals refusals, Clock clock) {
        this.duties = duties;
        this.filing = filing;
        this.reviews = reviews;
        this.catalog = catalog;
        this.matrix = matrix;
        this.export = export;
        this.organisations = organisations;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/duties")
    String list(@RequestParam Map<String, String> params, Model model) {
        Actor actor = Actor.require();
        common(model, actor);
        model.addAttribute("sizes", ListParameters.SIZES);
        model.addAttribute("listPath", "/duties");
        // what was asked stays in the form, read or refused
        model.addAttribute("state", params.get("state"));
        model.addAttribute("rule", params.get("rule"));
        model.addAttribute("q", params.get("q"));
        DutyListQuery query;
        try {
            query = DutyListQuery.read(params, catalog.rules());
        } catch (InvalidInput e) {
            // a filter the list cannot read is refused beside it, never read as "any" (issue 23 point 11): no rows are shown
            model.addAttribute("errors", refusals.fieldErrors(e));
            model.addAttribute("org", null);
            model.addAttribute("size", DutyListQuery.PAGE);
            model.addAttribute("page", new Page<Duty>(List.of(), 0, 0, DutyListQuery.PAGE));
            model.addAttribute("listQuery", "");
            return "duties/list";
        }
        long total = duties.count(actor, query.filter());
        int last = (int) Math.max(0, (total - 1) / query.size());
        int pageNo = Math.min(query.page(), last);
        List<Duty> rows = duties.page(actor, query.filter(), pageNo * query.size(), query.size());
        model.addAttribute("errors", Map.of());
        model.addAttribute("page", new Page<>(rows, total, pageNo, query.size()));
        model.addAttribute("org", query.filter().orgId());
        model.addAttribute("size", query.size());
        model.addAttribute("listQuery", query.query());
        return "duties/list";
    }

    @GetMapping("/duties/{id}")
    String detail(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        Duty duty = duties.visible(id, actor);
        show(duty, actor, model, Map.of(), Map.of(), null);
        return "duties/detail";
    }

    @PostMapping("/duties/{id}/submit")
    String submit(@PathVariable long id, HttpServletRequest request, Model model, RedirectAttributes redirect)
            throws IOException {
        Actor actor = Actor.require();
        Map<String, String> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (name.startsWith("f.")) {
                fields.put(name.substring(2), values.length == 0 ? "" : values[0]);
            }
        });
        List<EvidenceFiling.Upload> uploads = Evidence.uploads(request, "d.");
        try {
            filing.submit(id, fields, uploads, actor);
        } catch (InvalidInput e) {
            // refused: nothing was filed; the form again with what was typed and each refusal beside its field (issue 23 point 9)
            Duty duty = duties.visible(id, actor);
            java.util.Set<String> slots = new java.util.HashSet<>();
            duties.ruleOf(duty).evidence().documents().forEach(slot -> slots.add(slot.name()));
            Map<String, String> values = new LinkedHashMap<>();
            fields.forEach((name, value) -> values.put("f." + name, value));
            show(duty, actor, model, values, refusals.fieldErrors(e, field -> slots.contains(field) ? "d." + field : "f." + field), "evidence");
            return "duties/detail";
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("actionError", refusals.ruleViolation(e));
            return "redirect:/duties/" + id;
        }
        redirect.addFlashAttribute("done", "duties.done.submitted");
        return "redirect:/duties/" + id;
    }

    @PostMapping("/duties/{id}/review")
    @AllowSupervisor
    String review(@PathVariable long id, @RequestParam String decision, @RequestParam(required = false) String comment, Model model,
                  RedirectAttributes redirect) {
        Actor actor = Actor.require();
        try {
            reviews.review(id, "ACCEPT".equals(decision), comment, actor);
            redirect.addFlashAttribute("done", "ACCEPT".equals(decision) ? "duties.done.accepted" : "duties.done.returned");
        } catch (InvalidInput e) {
            // e.g. a return without a comment: the review form again, the refusal beside the comment, nothing decided
            show(duties.visible(id, actor), actor, model, comment == null ? Map.of() : Map.of("comment", comment), refusals.fieldErrors(e), "review");
            return "duties/detail";
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("actionError", refusals.ruleViolation(e));
        }
        return "redirect:/duties/" + id;
    }

    @PostMapping("/duties/{id}/waive")
    @AllowSupervisor
    String waive(@PathVariable long id, @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
        Actor actor = Actor.require();
        try {
            reviews.waive(id, reason, actor);
            redirect.addFlashAttribute("done", "duties.done.waived");
        } catch (InvalidInput e) {
            show(duties.visible(id, actor), actor, model, reason == null ? Map.of() : Map.of("reason", reason), refusals.fieldErrors(e), "waive");
            return "duties/detail";
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("actionError", refusals.ruleViolation(e));
        }
        return "redirect:/duties/" + id;
    }

    @GetMapping("/duties/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId) {
        StoredDocument stored = duties.document(id, documentId, Actor.require());
        return cn.govcloud.guard.documents.Downloads.attachment(stored, duties.documentContent(documentId));
    }

    @GetMapping("/compliance")
    String compliance(@RequestParam(required = false) String rule, @RequestParam(required = false) ComplianceMatrix.Status status,
                      @RequestParam(required = false) Long org, @RequestParam(required = false) SubjectKind subjectKind,
                      @RequestParam(required = false) String after, Model model) {
        Actor actor = Actor.require();
        String ruleId = rule == null || rule.isBlank() ? null : rule;
        // the next page starts after this page's last row (keyset, issue 19 point 3): any depth costs what the first page does
        ComplianceMatrix.Page page = matrix.page(actor, new ComplianceMatrix.Filter(ruleId, status, org, subjectKind),
                ComplianceMatrix.Key.parse(after), 200);
        model.addAttribute("rows", page.rows());
        model.addAttribute("total", page.total());
        model.addAttribute("next", page.next());
        model.addAttribute("summary", page.summary());
        model.addAttribute("statuses", ComplianceMatrix.Status.values());
        model.addAttribute("subjectKinds", SubjectKind.values());
        model.addAttribute("rule", ruleId);
        model.addAttribute("status", status);
        model.addAttribute("org", org);
        model.addAttribute("subjectKind", subjectKind);
        common(model, actor);
        return "duties/compliance";
    }

    @GetMapping("/compliance/export.xlsx")
    void exportCompliance(@RequestParam(required = false) String rule, @RequestParam(required = false) ComplianceMatrix.Status status,
                          @RequestParam(required = false) Long org, @RequestParam(required = false) SubjectKind subjectKind,
                          Locale locale, HttpServletResponse response) throws IOException {
        String ruleId = rule == null || rule.isBlank() ? null : rule;
        List<ComplianceMatrix.Row> rows = matrix.rows(Actor.require(), new ComplianceMatrix.Filter(ruleId, status, org, subjectKind));
        Downloads.excel(response, "compliance-matrix.xlsx");
        export.write(rows, locale, response.getOutputStream());
    }

    /** The duty's page; {@code form}: which of its forms was refused (evidence, review, waive), its refusal shown at its top. */
    private void show(Duty duty, Actor actor, Model model, Map<String, String> values, Map<String, String> errors, String form) {
        Rule rule = duties.ruleOf(duty);
        model.addAttribute("duty", duty);
        model.addAttribute("ruleDef", rule);
        model.addAttribute("submissions", duties.submissionsOf(duty));
        model.addAttribute("waiverReason", duties.waiverReason(duty).orElse(null));
        model.addAttribute("mayAct", duties.mayAct(duty, actor) && duty.state().awaitsSubmission());
        model.addAttribute("mayReview", duties.mayReview(duty, actor));
        model.addAttribute("mayWaive", actor.has(Role.SUPERVISOR) && !duty.state().closed());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("late", !clock.instant().isBefore(duty.dueAt()));
        model.addAttribute("orgName", organisations.byId(duty.orgId()).map(OrganisationView::name).orElse(""));
        model.addAttribute("zone", WorkingCalendar.ZONE);
    }

    private void common(Model model, Actor actor) {
        model.addAttribute("zone", WorkingCalendar.ZONE);
        model.addAttribute("states", DutyState.values());
        model.addAttribute("rules", catalog.rules());
        boolean english = "en".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
        Map<String, String> titles = new HashMap<>();
        catalog.rules().forEach(r -> titles.put(r.id(), english ? r.titleEn() : r.title()));
        model.addAttribute("titles", titles);
        model.addAttribute("catalogVersion", catalog.version());
        model.addAttribute("today", LocalDate.now(clock.withZone(WorkingCalendar.ZONE)));
        model.addAttribute("now", clock.instant());
        OrgScope scope = OrgScope.of(actor);
        Map<Long, String> orgNames = new LinkedHashMap<>();
        organisations.all().stream().filter(o -> scope.allows(o.id())).forEach(o -> orgNames.put(o.id(), o.name()));
        model.addAttribute("orgNames", orgNames);
        model.addAttribute("oversight", scope.everything());
    }
}
