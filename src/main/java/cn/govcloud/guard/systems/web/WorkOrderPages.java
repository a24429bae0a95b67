package cn.govcloud.guard.systems.web;

import jakarta.servlet.http.HttpServletResponse;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.SystemRegister;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.internal.WorkOrders;
import cn.govcloud.guard.systems.internal.WorkOrders.Confirmation;
import cn.govcloud.guard.systems.internal.WorkOrders.Kind;
import cn.govcloud.guard.systems.internal.WorkOrders.State;
import cn.govcloud.guard.systems.internal.WorkOrders.WorkOrder;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Work-order pages (issue 17 point 6): the provider's list with due times and the confirmation form (errors beside each
 * field); the unit and the supervisor see the same orders (the unit its own) here and on the system's page. The provider's
 * read-only register view is here too.
 */
@Controller
class WorkOrderPages {
    private final WorkOrders orders;
    private final SystemRegister register;
    private final SystemQueries systems;
    private final MessageSource messages;

    WorkOrderPages(WorkOrders orders, SystemRegister register, SystemQueries systems, MessageSource messages) {
        this.orders = orders;
        this.systems = systems;
        this.register = register;
        this.messages = messages;
    }

    @GetMapping("/work-orders")
    @AllowParties
    String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        ListParams.show(model, response, params, "orders", "/work-orders", ListParams::workOrders,
                (filter, before, limit) -> orders.page(actor, filter, before, limit), WorkOrder::id);
        model.addAttribute("units", systems.units(actor));
        model.addAttribute("states", State.values());
        model.addAttribute("kinds", Kind.values());
        model.addAttribute("zone", WorkingCalendar.ZONE);
        return "systems/work-orders";
    }

    @GetMapping("/work-orders/{id}")
    @AllowParties
    String show(@PathVariable long id, Model model) {
        return show(id, model, Map.of(), model.getAttribute("refusal") instanceof String refusal ? Map.of("form", refusal) : Map.of());
    }

    @PostMapping("/work-orders/{id}/confirmation")
    @AllowProvider
    String confirm(@PathVariable long id, @RequestParam Map<String, String> form, @RequestParam(required = false) MultipartFile file,
                   Model model, RedirectAttributes redirect) throws IOException {
        try {
            Upload upload = Upload.of(file);
            orders.confirm(id, new Confirmation(form.get("executedBy"), WorkOrderApiController.instant(form.get("executedAt")), form.get("changes")),
                    upload.name(), upload.content());
            redirect.addFlashAttribute("done", "systems.workOrder.confirmed");
            return "redirect:/work-orders/" + id;
        } catch (InvalidInput e) {
            Map<String, String> errors = new HashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.put("form", text(e.getMessage()));
            return show(id, model, form, errors);
        } catch (RuleViolation e) {
            // issue 23 point 3: a refusal goes back to the order's page (GET) with its rule
            redirect.addFlashAttribute("refusal", e.rule() + ": " + text(e.getMessage()));
            return "redirect:/work-orders/" + id;
        }
    }

    @GetMapping("/work-orders/{id}/evidence")
    @AllowParties
    ResponseEntity<byte[]> evidence(@PathVariable long id) {
        StoredDocument doc = orders.evidence(id, Actor.require());
        return Downloads.attachment(doc, orders.evidenceContent(doc.id()));
    }

    /** The provider's read-only view of the register's metadata (A8.1: no unit data). */
    @GetMapping("/system-register")
    @AllowProvider
    String register(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        ListParams.show(model, response, params, "entries", "/system-register", ListParams::register,
                (filter, before, limit) -> register.page(actor, filter, before, limit), SystemRegister.Entry::id);
        model.addAttribute("units", register.units());
        model.addAttribute("states", SystemState.values());
        model.addAttribute("exposures", Exposure.values());
        return "systems/register";
    }

    private String show(long id, Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        WorkOrder order = orders.visible(id, actor);
        model.addAttribute("order", order);
        model.addAttribute("mayConfirm", actor.has(Role.PROVIDER_OPERATOR) && order.open());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", WorkingCalendar.ZONE);
        return "systems/work-order";
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
