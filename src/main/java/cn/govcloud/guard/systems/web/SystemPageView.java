package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.internal.Lifecycle;
import cn.govcloud.guard.systems.internal.Admission;
import cn.govcloud.guard.systems.internal.Contractors;
import cn.govcloud.guard.systems.internal.Protections;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.Verification;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.internal.CriticalInfrastructure;
import cn.govcloud.guard.systems.internal.WorkOrderQueries;
import cn.govcloud.guard.systems.internal.WorkOrders;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A system's page as the pages show it (its model, timeline labels and what the actor may do), and how a refused action re-renders it. */
@Component
class SystemPageView {
    private final SystemQueries systems;
    private final Admission admission;
    private final Verification verification;
    private final Protections protections;
    private final Contractors contractors;
    private final WorkOrders workOrders;
    private final WorkOrderQueries pendingOrders;
    private final CriticalInfrastructure cii;
    private final cn.govcloud.guard.systems.internal.Classification classification;
    private final cn.govcloud.guard.systems.internal.ExposureChanges exposureChanges;
    private final MessageSource messages;
    private final Clock clock;

    SystemPageView(SystemQueries systems, Admission admission, Verification verification, Protections protections, Contractors contractors,
                   WorkOrders workOrders, WorkOrderQueries pendingOrders, CriticalInfrastructure cii, MessageSource messages, Clock clock,
                   cn.govcloud.guard.systems.internal.Classification classification,
                   cn.govcloud.guard.systems.internal.ExposureChanges exposureChanges) {
        this.classification = classification;
        this.exposureChanges = exposureChanges;
        this.systems = systems;
        this.admission = admission;
        this.verification = verification;
        this.protections = protections;
        this.contractors = contractors;
        this.workOrders = workOrders;
        this.pendingOrders = pendingOrders;
        this.cii = cii;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Does the work and goes back to the system's page saying what happens next ({@code systems.done.<step>}, issue 23
     * point 9); a refusal of the input re-renders the page with each reason beside its field in the form that was posted
     * ({@code formId}: the page holds several forms sharing field names such as file or reason) and what was typed,
     * nothing saved.
     */
    String act(long id, String step, String formId, Model model, RedirectAttributes redirect, Map<String, String> form, Supplier<?> work) {
        try {
            work.get();
            redirect.addFlashAttribute("done", "systems.done." + step);
            return "redirect:/systems/" + id;
        } catch (InvalidInput e) {
            show(id, model, form, errors(e)); // a field error: the form re-rendered with what was typed (PRG's one exception)
            model.addAttribute("posted", formId);
            return "systems/system";
        } catch (Lifecycle.StateRefused e) {
            redirect.addFlashAttribute(REFUSAL, e.rule() + ": " + text("systems.action." + e.action()) + " — "
                    + text("systems.state." + e.current()) + " (" + e.getMessage() + ")");
        } catch (RuleViolation e) {
            redirect.addFlashAttribute(REFUSAL, e.rule() + ": " + text(e.getMessage()));
        }
        // issue 23 point 3: a refusal goes back to the page (GET) with its reason, so a refresh never resubmits
        return "redirect:/systems/" + id;
    }

    /** A step whose form is named after it. */
    String act(long id, String step, Model model, RedirectAttributes redirect, Map<String, String> form, Supplier<?> work) {
        return act(id, step, step, model, redirect, form, work);
    }

    /** The flash attribute carrying a refusal to the system's page. */
    static final String REFUSAL = "refusal";

    /** The errors to show on a GET of the page: the refusal a POST flashed, if any. */
    static Map<String, String> flashed(Model model) {
        return model.getAttribute(REFUSAL) instanceof String refusal ? Map.of("form", refusal) : Map.of();
    }

    void show(long id, Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        HostedSystem system = systems.readable(id, actor);
        model.addAttribute("system", system);
        model.addAttribute("agreement", admission.agreement(id).orElse(null));
        model.addAttribute("items", verification.items(id));
        model.addAttribute("itemKinds", ItemKind.values());
        model.addAttribute("passed", verification.verificationPassed(id));
        model.addAttribute("protections", protections.protections(id));
        model.addAttribute("contractors", contractors.contractors(id));
        model.addAttribute("contractorRoles", Contractors.ContractorRole.values());
        model.addAttribute("measures", Protections.Measure.values());
        model.addAttribute("mayDeclare", actor.isUnitUser() && system.state() != SystemState.EXITED);
        List<SystemQueries.Transition> timeline = systems.timeline(id);
        Map<Long, String> labels = new HashMap<>();
        timeline.forEach(t -> labels.put(t.id(), label(t.action())));
        model.addAttribute("timeline", timeline);
        model.addAttribute("labels", labels);
        model.addAttribute("duties", systems.duties(id));
        // issue 17 point 6: the provider's work orders for this system, and the switches they have still to set
        model.addAttribute("workOrders", workOrders.page(actor, new WorkOrders.Filter(id, null, null, null),
                null, 50));
        model.addAttribute("pending", pendingOrders.pending(id));
        model.addAttribute("cii", cii.of(id));
        model.addAttribute("declaration", classification.declaration(id)); // A2, issue 22 point 3
        model.addAttribute("exposureChanges", exposureChanges.of(id)); // issue 23 point 8
        model.addAttribute("documents", systems.documents(id));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        boolean unit = actor.isUnitUser();
        boolean supervisor = actor.has(Role.SUPERVISOR);
        SystemState state = system.state();
        model.addAttribute("mayEditGates", unit && Arrays.asList(SystemState.DRAFT, SystemState.AWAITING_AGREEMENT).contains(state));
        model.addAttribute("mayUploadItems", unit && Arrays.asList(SystemState.DRAFT, SystemState.AWAITING_AGREEMENT,
                SystemState.AWAITING_VERIFICATION).contains(state));
        model.addAttribute("maySubmit", unit && Lifecycle.SUBMIT.allowedFrom(state));
        model.addAttribute("mayEdit", unit && state == SystemState.DRAFT);
        model.addAttribute("mayRequest", unit && Lifecycle.REQUEST_ADMISSION.allowedFrom(state));
        model.addAttribute("mayReview", supervisor && state == SystemState.AWAITING_VERIFICATION);
        model.addAttribute("mayRecordCii", supervisor && state != SystemState.EXITED);
        model.addAttribute("mayDeclareNonClassified", unit && state != SystemState.EXITED);
        model.addAttribute("mayRequestExposureChange", unit && state != SystemState.EXITED && state != SystemState.DRAFT);
        model.addAttribute("mayDecideExposureChange", supervisor);
        model.addAttribute("exposures", HostedSystem.Exposure.values());
        model.addAttribute("mayAdmit", supervisor && Lifecycle.ADMIT.allowedFrom(state));
        model.addAttribute("maySwitch", supervisor && state == SystemState.ADMITTED);
        model.addAttribute("maySuspend", supervisor && Lifecycle.SUSPEND.allowedFrom(state));
        model.addAttribute("mayResume", supervisor && Lifecycle.RESUME.allowedFrom(state));
        model.addAttribute("mayOrderExit", supervisor && Lifecycle.ORDER_EXIT.allowedFrom(state));
        model.addAttribute("mayCompleteExit", (unit || supervisor) && Lifecycle.COMPLETE_EXIT.allowedFrom(state));
        model.addAttribute("today", LocalDate.now(clock.withZone(WorkingCalendar.ZONE)));
        model.addAttribute("levels", levels()); // the 等保 levels by name, for the certificate's level
        model.addAttribute("zone", WorkingCalendar.ZONE);
    }

    /** "ITEM_RETURNED:PENETRATION_TEST" → "退回：渗透测试报告", "INTERNET_ACCESS:ON" → "开通：互联网访问". */
    private String label(String action) {
        int colon = action.indexOf(':');
        if (colon < 0) {
            return text("systems.action." + action);
        }
        String head = action.substring(0, colon);
        String tail = action.substring(colon + 1);
        return switch (head) {
            case "PROTECTION" -> text("systems.protections") + "：" + text("systems.measure." + tail);
            case "CONTRACTOR" -> text("systems.contractors") + "：" + text("systems.contractorRole." + tail);
            case "ITEM_UPLOADED" -> text("systems.item.upload") + "：" + text("systems.item." + tail);
            case "ITEM_ACCEPTED" -> text("systems.item.accept") + "：" + text("systems.item." + tail);
            case "ITEM_RETURNED" -> text("systems.item.return") + "：" + text("systems.item." + tail);
            case "INTERNET_ACCESS" -> text("ON".equals(tail) ? "systems.switch.on" : "systems.switch.off") + "：" + text("systems.field.internetAccess");
            case "EXTERNAL_EXCHANGE" -> text("ON".equals(tail) ? "systems.switch.on" : "systems.switch.off") + "："
                    + text("systems.field.externalExchange");
            case "ORDERED" -> text("systems.workOrder.ordered") + "：" + text("systems.workOrder.kind." + tail);
            case "EXECUTED" -> text("systems.workOrder.executed") + "：" + text("systems.workOrder.kind." + tail);
            default -> action;
        };
    }

    /** The 等保 levels 1–5 by name (第三级), for the level selects. */
    Map<Integer, String> levels() {
        Map<Integer, String> levels = new java.util.LinkedHashMap<>();
        for (int l = 1; l <= 5; l++) {
            levels.put(l, messages.getMessage("systems.level", new Object[] {l}, LocaleContextHolder.getLocale()));
        }
        return levels;
    }

    Map<String, String> errors(InvalidInput e) {
        Map<String, String> errors = new HashMap<>();
        e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
        // the addresses that did not parse are named in the addresses field's own message, beside it
        if (errors.containsKey("addresses") && errors.containsKey("invalidAddresses")) {
            errors.put("addresses", errors.get("addresses") + "：" + errors.remove("invalidAddresses"));
        }
        errors.putIfAbsent("form", text(e.getMessage()));
        return errors;
    }

    String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
