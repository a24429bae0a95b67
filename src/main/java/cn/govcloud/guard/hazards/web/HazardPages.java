package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.hazards.HazardFigures;
import cn.govcloud.guard.hazards.Hazards.NewHazard;
import cn.govcloud.guard.hazards.Hazards.Severity;
import cn.govcloud.guard.hazards.internal.BackdatedNotices;
import cn.govcloud.guard.hazards.internal.Extensions;
import cn.govcloud.guard.hazards.internal.HazardNotification;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.internal.HazardRetests;
import cn.govcloud.guard.hazards.internal.Rectification;
import cn.govcloud.guard.hazards.internal.HazardVerification;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardState;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The hazard pages (A10.1, A10.2): the list, the notice form, one hazard with its timeline and actions, the figures and the 通报. */
@Controller
@AllowParties
class HazardPages {
    static final int PAGE_SIZE = 20;

    private final HazardQueries hazards;
    private final HazardNotification notification;
    private final BackdatedNotices backdated;
    private final Rectification rectification;
    private final HazardVerification verification;
    private final Extensions extensions;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final MessageSource messages;
    private final Clock clock;
    private final WorkingCalendar calendar;
    private final FormRefusals refusals;

    HazardPages(HazardQueries hazards, HazardNotification notification, BackdatedNotices backdated, Rectification rectification,
                HazardVerification verification, Extensions extensions, Systems systems, OrganisationDirectory organisations,
                MessageSource messages, Clock clock, WorkingCalendar calendar, FormRefusals refusals) {
        this.refusals = refusals;
        this.hazards = hazards;
        this.notification = notification;
        this.backdated = backdated;
        this.rectification = rectification;
        this.verification = verification;
        this.extensions = extensions;
        this.systems = systems;
        this.organisations = organisations;
        this.messages = messages;
        this.clock = clock;
        this.calendar = calendar;
    }

    /**
     * The list (issue 23 point 11): keyword, filters, time range and page size from the URL; a value that cannot be read is
     * shown beside its filter (400) with an empty list rather than quietly ignored.
     */
    @GetMapping("/hazards")
    String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        HazardListQuery query;
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            query = HazardListQuery.page(params);
            model.addAttribute("page", hazards.page(actor, query.filter(), query.page(), query.size()));
        } catch (InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.put("form", text(e.getMessage()));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            query = HazardListQuery.none();
            model.addAttribute("page", new Page<>(List.of(), 0, 0, PAGE_SIZE));
        }
        model.addAttribute("query", query);
        model.addAttribute("values", params);
        model.addAttribute("errors", errors);
        model.addAttribute("sizes", HazardListQuery.SIZES);
        model.addAttribute("states", HazardState.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("units", actor.orgKind() == OrgKind.UNIT ? List.of() : organisations.ofKind(OrgKind.UNIT));
        model.addAttribute("ages", HazardFigures.Age.values());
        model.addAttribute("mayRaise", mayRaise(actor));
        model.addAttribute("zone", WorkingCalendar.ZONE);
        return "hazards/list";
    }

    @GetMapping("/hazards/new")
    @AllowParties
    String form(Model model) {
        showForm(model, Map.of(), Map.of());
        return "hazards/form";
    }

    @PostMapping("/hazards")
    @AllowParties
    String raise(@RequestParam Map<String, String> form, @RequestParam(name = "noticeDocument", required = false) MultipartFile notice,
                 Model model, RedirectAttributes redirect) throws IOException {
        try {
            Map<String, String> errors = new LinkedHashMap<>();
            long systemId = HazardInput.systemId(form.get("systemId"), errors);
            Severity severity = HazardInput.severity(form.get("severity"), errors);
            // <input type="datetime-local"> sends Beijing wall-clock time without an offset
            Instant notifiedAt = HazardInput.localInstant("notifiedAt", form.get("notifiedAt"), errors);
            if (!errors.isEmpty()) {
                throw new InvalidInput("hazards.error.invalid", errors);
            }
            // issue 17 point 3: a notice dated before the record comes with its paper notice, for the supervisor to confirm
            boolean file = notice != null && !notice.isEmpty();
            HazardView v = backdated.raiseWithNotice(new NewHazard(systemId, form.get("title"), severity, form.get("description"), notifiedAt,
                    form.get("source"), form.get("sourceRef")), file ? notice.getOriginalFilename() : null, file ? notice.getInputStream() : null,
                    Actor.require());
            // issue 23 point 9: the step says what happens next — the unit's working days to feed back
            redirect.addFlashAttribute("done", messages.getMessage("hazards.done.raised", new Object[] {v.orgName(),
                    workingDaysUntil(v.notifiedAt(), v.effectiveDueDate()), v.effectiveDueDate()},
                    org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            return "redirect:/hazards/" + v.id();
        } catch (InvalidInput e) {
            // the paper notice is refused by the service as "file"; on this form its field is noticeDocument
            Map<String, String> errors = new LinkedHashMap<>(refusals.fieldErrors(e, Map.of("file", "noticeDocument")));
            errors.putIfAbsent("form", refusals.text(e.getMessage()));
            showForm(model, form, errors);
            return "hazards/form";
        } catch (cn.govcloud.guard.shared.NotFound e) {
            showForm(model, form, Map.of("systemId", text("hazards.error.systemUnknown")));
            return "hazards/form";
        } catch (cn.govcloud.guard.shared.Unprocessable e) {
            showForm(model, form, Map.of("form", text(e.getMessage())));
            return "hazards/form";
        }
    }

    @GetMapping("/hazards/{id}")
    String detail(@PathVariable long id, Model model) {
        show(id, model, Map.of(), model.getAttribute("refusal") instanceof String refusal ? Map.of("form", refusal) : Map.of());
        return "hazards/hazard";
    }

    @PostMapping("/hazards/{id}/acknowledge")
    @AllowUnitPeople
    String acknowledge(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return step(id, "acknowledge", form, model, redirect, "hazards.done.acknowledged",
                () -> rectification.acknowledge(id, form.get("handlerName"), form.get("firstMeasures"), Actor.require()));
    }

    @PostMapping("/hazards/{id}/start")
    @AllowUnitPeople
    String start(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return step(id, "start", Map.of(), model, redirect, "hazards.done.started", () -> rectification.start(id, Actor.require()));
    }

    @PostMapping("/hazards/{id}/feedback")
    @AllowUnitPeople
    String feedback(@PathVariable long id, @RequestParam Map<String, String> form,
                    @RequestParam(name = "documents", required = false) List<MultipartFile> documents, Model model,
                    RedirectAttributes redirect) {
        return step(id, "feedback", form, model, redirect, "hazards.done.feedback", () -> {
            try {
                return rectification.feedback(id, form.get("measures"), form.get("residualRisk"),
                        HazardInput.date("completedOn", form.get("completedOn")), HazardInput.uploads(documents), Actor.require());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @PostMapping("/hazards/{id}/close")
    @AllowOversightAndProvider
    String close(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return step(id, "close", form, model, redirect, "hazards.done.closed", () -> verification.close(id, form.get("note"), Actor.require()));
    }

    /** Issue 17 point 3: the warner attaches the paper notice of a hazard recorded after the fact. */
    @PostMapping("/hazards/{id}/notice-document")
    @AllowParties
    String attachNotice(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file, Model model,
                        RedirectAttributes redirect) {
        return step(id, "notice", Map.of(), model, redirect, "hazards.backdating.attached", () -> {
            boolean present = file != null && !file.isEmpty();
            try {
                backdated.attach(id, present ? file.getOriginalFilename() : null, present ? file.getInputStream() : null, Actor.require());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
    }

    /** Issue 17 point 3: the supervisor confirms or rejects the backdating (the clock then runs from the notice's date). */
    @PostMapping("/hazards/{id}/backdating")
    @AllowSupervisor
    String decideBackdating(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        boolean confirm = "true".equals(form.get("confirm"));
        return step(id, "backdating", form, model, redirect, confirm ? "hazards.backdating.confirmed" : "hazards.backdating.rejected", () -> {
            backdated.decide(id, confirm, form.get("reason"), Actor.require());
            return null;
        });
    }

    /** A10.2 (issue 17 point 4): the warner records a re-test (复测) of the unit's feedback. */
    @PostMapping("/hazards/{id}/retests")
    @AllowOversightAndProvider
    String retest(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return step(id, "retest", form, model, redirect, "hazards.retest.done", () -> {
            verification.retest(id, form.get("testedBy"), HazardInput.localInstant("testedAt", form.get("testedAt")), form.get("result"),
                    form.get("note"), Actor.require());
            return null;
        });
    }

    @PostMapping("/hazards/{id}/return")
    @AllowOversightAndProvider
    String returnFeedback(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return step(id, "return", form, model, redirect, "hazards.done.returned", () -> verification.returnFeedback(id, form.get("reason"), Actor.require()));
    }

    @PostMapping("/hazards/{id}/extension")
    @AllowUnitPeople
    String extension(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return step(id, "extension", form, model, redirect, "hazards.done.requested", () -> {
            extensions.requestExtension(id, HazardInput.date("proposedDueDate", form.get("proposedDueDate")), form.get("reason"),
                    Actor.require());
            return null;
        });
    }

    @PostMapping("/hazards/{id}/risk-acceptance")
    @AllowUnitPeople
    String riskAcceptance(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return step(id, "risk", form, model, redirect, "hazards.done.requested", () -> {
            extensions.requestRiskAcceptance(id, form.get("reason"), Actor.require());
            return null;
        });
    }

    @PostMapping("/hazards/{id}/requests/{requestId}/decision")
    @AllowSupervisor
    String decide(@PathVariable long id, @PathVariable long requestId, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes redirect) {
        boolean approve = "true".equals(form.get("approve"));
        return step(id, "decision-" + requestId, form, model, redirect, approve ? "hazards.done.approved" : "hazards.done.rejected",
                () -> extensions.decide(id, requestId, approve, form.get("reason"), Actor.require()));
    }

    @GetMapping("/hazards/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId) {
        var stored = hazards.document(id, documentId, Actor.require());
        return Downloads.attachment(stored, hazards.documentContent(documentId));
    }

    // ---- internals ----------------------------------------------------------------------------

    interface Step {
        HazardView run();
    }

    /**
     * Runs one step of the form {@code formKey} (issue 23 point 9, issue 18 point 5). Done: post/redirect/get with a message
     * saying what happens next. Bad input: the hazard again with each refusal beside its field of THAT form (several forms
     * on the page share field names such as {@code reason}; the page scopes {@code errors}/{@code values} by
     * {@code errorForm}) and what was typed kept; nothing was saved. A refused step (the rule): back to the page (GET).
     */
    private String step(long id, String formKey, Map<String, String> form, Model model, RedirectAttributes redirect, String doneKey,
                        Step step) {
        try {
            step.run();
            redirect.addFlashAttribute("done", text(doneKey));
            return "redirect:/hazards/" + id;
        } catch (InvalidInput e) {
            Map<String, String> errors = new LinkedHashMap<>(refusals.fieldErrors(e));
            errors.putIfAbsent("form", refusals.text(e.getMessage()));
            show(id, model, form, errors);
            model.addAttribute("errorForm", formKey);
            return "hazards/hazard";
        } catch (RuleViolation e) {
            // issue 23 point 3: a refusal goes back to the hazard's page (GET) with its rule, so a refresh never resubmits
            redirect.addFlashAttribute("refusal", refusals.ruleViolation(e));
            return "redirect:/hazards/" + id;
        }
    }

    private void show(long id, Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        HazardView h = hazards.visible(id, actor);
        Instant now = clock.instant();
        model.addAttribute("h", h);
        model.addAttribute("timeline", hazards.timeline(id));
        model.addAttribute("feedbacks", hazards.feedbacks(id));
        model.addAttribute("deliveries", hazards.deliveries(id));
        model.addAttribute("requests", hazards.requests(id));
        model.addAttribute("actions", hazards.actionsOf(h, actor).stream().map(Enum::name).toList());
        model.addAttribute("maySupervise", hazards.maySupervise(actor));
        model.addAttribute("countdown", countdown(h, now));
        model.addAttribute("retests", hazards.retests(id));
        model.addAttribute("backdating", backdated.of(id).orElse(null));
        model.addAttribute("mayConfirmBackdating", actor.has(Role.SUPERVISOR));
        model.addAttribute("mayAttachNotice", hazards.isWarnerOf(h, actor));
        model.addAttribute("retestRequired", h.open() && hazards.retestRequired(h));
        model.addAttribute("retestResults", HazardRetests.RESULTS);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("today", now.atZone(WorkingCalendar.ZONE).toLocalDate());
        model.addAttribute("zone", WorkingCalendar.ZONE);
    }

    /** "还剩 2 天 5 小时" / "已逾期 1 天 3 小时" / closed on time or late. */
    private String countdown(HazardView h, Instant now) {
        if (!h.open()) {
            return text(h.closedLate() ? "hazards.countdown.closedLate" : "hazards.countdown.closedOnTime");
        }
        if (h.awaitingVerification()) {
            // A10.2: the unit's clock stopped at its feedback; the warner's verification has its own due time
            return messages.getMessage(h.overdue() ? "hazards.countdown.awaitingLate" : "hazards.countdown.awaiting",
                    new Object[] {h.followupDueAt() == null ? "—" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                            .format(h.followupDueAt().atZone(WorkingCalendar.ZONE))},
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
        }
        Duration left = Duration.between(now, h.effectiveDueAt());
        boolean overdue = left.isNegative() || left.isZero();
        Duration d = left.abs();
        return messages.getMessage(overdue ? "hazards.countdown.overdue" : "hazards.countdown.left",
                new Object[] {d.toDays(), d.toHoursPart()}, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    private void showForm(Model model, Map<String, String> values, Map<String, String> errors) {
        Map<Long, String> orgNames = new HashMap<>();
        organisations.all().forEach(o -> orgNames.put(o.id(), o.name()));
        Actor actor = Actor.require();
        // a unit records findings on its own systems only (issue 17 point 2, A4)
        List<Long> ids = systems.addresses().stream().filter(a -> actor.orgKind() != OrgKind.UNIT || a.orgId() == actor.orgId())
                .map(Systems.Address::systemId).distinct().toList();
        // the system's choices in the unit's then the system's order, each labelled "unit · system" (fields.html selectField)
        Map<String, String> labels = new LinkedHashMap<>();
        systems.find(ids).stream()
                .sorted(Comparator.comparing((Systems.SystemRef s) -> orgNames.getOrDefault(s.orgId(), "")).thenComparing(Systems.SystemRef::name))
                .forEach(s -> labels.put(String.valueOf(s.id()), orgNames.getOrDefault(s.orgId(), "") + " · " + s.name()));
        model.addAttribute("systemIds", List.copyOf(labels.keySet()));
        model.addAttribute("systemLabels", labels);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("sources", HazardNotification.SOURCES);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
    }

    /** Working days after the notice's day up to and including the due day (A10.2 counts working days). */
    private long workingDaysUntil(Instant notifiedAt, java.time.LocalDate due) {
        java.time.LocalDate day = notifiedAt.atZone(WorkingCalendar.ZONE).toLocalDate();
        return day.plusDays(1).datesUntil(due.plusDays(1)).filter(calendar::isWorkingDay).count();
    }

    private static boolean mayRaise(Actor actor) {
        return HazardNotification.mayWarn(actor);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }
}
