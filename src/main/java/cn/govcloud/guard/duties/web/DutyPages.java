package cn.govcloud.guard.duties.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.internal.ComplianceExport;
import cn.govcloud.guard.duties.internal.ComplianceMatrix;
import cn.govcloud.guard.duties.internal.DutyService;
import cn.govcloud.guard.duties.internal.DutyStore;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
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
import org.springframework.context.MessageSource;
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
    private static final int PAGE = 50;
    static final List<Integer> PAGE_SIZES = List.of(20, 50, 100);

    private final DutyService duties;
    private final RuleCatalog catalog;
    private final ComplianceMatrix matrix;
    private final ComplianceExport export;
    private final OrganisationDirectory organisations;
    private final MessageSource messages;
    private final Clock clock;

    DutyPages(DutyService duties, RuleCatalog catalog, ComplianceMatrix matrix, ComplianceExport export,
              OrganisationDirectory organisations, MessageSource messages, Clock clock) {
        this.duties = duties;
        this.catalog = catalog;
        this.matrix = matrix;
        this.export = export;
        this.organisations = organisations;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/duties")
    String list(@RequestParam(required = false) DutyState state, @RequestParam(required = false) String rule,
                @RequestParam(required = false) Long org, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer size, @RequestParam(required = false) String cursor, Model model) {
        Actor actor = Actor.require();
        String ruleId = rule == null || rule.isBlank() ? null : rule;
        DutyStore.Filter filter = new DutyStore.Filter(state, ruleId, org, null, null, null, null).matching(q, catalog.rules());
        int pageSize = pageSize(size);
        List<Duty> page = duties.page(actor, filter, DutyStore.Cursor.parse(cursor), pageSize);
        model.addAttribute("duties", page);
        model.addAttribute("total", duties.count(actor, filter));
        model.addAttribute("nextCursor", page.size() == pageSize ? DutyStore.Cursor.of(page.get(pageSize - 1)) : null);
        model.addAttribute("state", state);
        model.addAttribute("rule", ruleId);
        model.addAttribute("org", org);
        model.addAttribute("q", filter.keyword());
        model.addAttribute("size", pageSize);
        model.addAttribute("sizes", PAGE_SIZES);
        common(model, actor);
        return "duties/list";
    }

    /** Issue 23 point 11: the page sizes offered, kept in the URL; anything else reads as the default. */
    static int pageSize(Integer size) {
        return size != null && PAGE_SIZES.contains(size) ? size : PAGE;
    }

    @GetMapping("/duties/{id}")
    String detail(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        Duty duty = duties.visible(id, actor);
        show(duty, actor, model, Map.of(), Map.of());
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
        List<DutyService.Upload> uploads = Evidence.uploads(request, "d.");
        try {
            duties.submit(id, fields, uploads, actor);
        } catch (InvalidInput e) {
            Duty duty = duties.visible(id, actor);
            Map<String, String> errors = new HashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
            show(duty, actor, model, fields, errors);
            return "duties/detail";
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("actionError", e.rule() + ": " + text(e.getMessage()));
            return "redirect:/duties/" + id;
        }
        redirect.addFlashAttribute("done", "duties.done.submitted");
        return "redirect:/duties/" + id;
    }

    @PostMapping("/duties/{id}/review")
    @AllowSupervisor
    String review(@PathVariable long id, @RequestParam String decision, @RequestParam(required = false) String comment,
                  RedirectAttributes redirect) {
        try {
            duties.review(id, "ACCEPT".equals(decision), comment, Actor.require());
            redirect.addFlashAttribute("done", "ACCEPT".equals(decision) ? "duties.done.accepted" : "duties.done.returned");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("actionError", text(e.getMessage()));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("actionError", e.rule() + ": " + text(e.getMessage()));
        }
        return "redirect:/duties/" + id;
    }

    @PostMapping("/duties/{id}/waive")
    @AllowSupervisor
    String waive(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            duties.waive(id, reason, Actor.require());
            redirect.addFlashAttribute("done", "duties.done.waived");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("actionError", text(e.getMessage()));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("actionError", e.rule() + ": " + text(e.getMessage()));
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

    private void show(Duty duty, Actor actor, Model model, Map<String, String> values, Map<String, String> errors) {
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

    private String text(String keyOrText) {
        return messages.getMessage(keyOrText, null, keyOrText, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }
}
