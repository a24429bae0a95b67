package cn.govcloud.guard.systems.web;

import jakarta.servlet.http.HttpServletResponse;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.systems.internal.Lifecycle;
import cn.govcloud.guard.systems.internal.SystemImport;
import cn.govcloud.guard.systems.internal.SystemImport.ImportRefused;
import cn.govcloud.guard.systems.internal.Classification;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.SystemRegistration;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemRegistration.Registration;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.internal.WorkOrderQueries;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The systems pages: the list with filters and the Excel import, the registration form and each system's page (its forms post to {@link SystemActionPages}). */
@Controller
@AllowOversightAndUnits
class SystemPages {
    private final SystemQueries systems;
    private final SystemRegistration registration;
    private final SystemImport imports;
    private final WorkOrderQueries pendingOrders;
    private final SystemPageView view;
    private final Classification classification;

    SystemPages(SystemQueries systems, SystemRegistration registration, SystemImport imports, WorkOrderQueries pendingOrders,
                SystemPageView view, Classification classification) {
        this.classification = classification;
        this.systems = systems;
        this.registration = registration;
        this.imports = imports;
        this.pendingOrders = pendingOrders;
        this.view = view;
    }

    @GetMapping("/systems")
    String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        List<Long> ids = ListParams.show(model, response, params, "systems", "/systems", ListParams::systems,
                (filter, before, limit) -> systems.page(actor, filter, before, limit), HostedSystem::id).stream().map(HostedSystem::id).toList();
        model.addAttribute("pending", pendingOrders.pending(ids));
        model.addAttribute("flags", classification.flags(ids));
        model.addAttribute("units", systems.units(actor));
        model.addAttribute("states", SystemState.values());
        model.addAttribute("exposures", Exposure.values());
        model.addAttribute("mayRegister", actor.isUnitUser());
        return "systems/list";
    }

    /** Issue 4: the upload form on the list; all rows or none, the errors shown as a table. */
    @PostMapping("/systems/import")
    @AllowUnitPeople
    String importFile(@RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect,
                      HttpServletResponse response) throws IOException {
        try {
            List<Long> ids = imports.importFile(file == null || file.isEmpty() ? null : file.getInputStream());
            redirect.addFlashAttribute("imported", ids.size());
            return "redirect:/systems";
        } catch (ImportRefused e) {
            model.addAttribute("importErrors", e.errors().stream().map(r -> Map.of("row", r.row(), "column", r.column(),
                    "message", r.detail() == null ? text(r.messageKey()) : text(r.messageKey()) + "：" + r.detail())).toList());
        } catch (InvalidInput e) {
            model.addAttribute("importError", text(e.getMessage()));
        }
        return list(new HashMap<>(), model, response);
    }

    @GetMapping("/systems/new")
    @AllowUnitPeople
    String form(Model model) {
        model.addAttribute("values", Map.of());
        model.addAttribute("exposureValues", List.of());
        model.addAttribute("errors", Map.of());
        model.addAttribute("exposures", Exposure.values());
        model.addAttribute("levels", view.levels());
        return "systems/form";
    }

    @PostMapping("/systems")
    @AllowUnitPeople
    String create(@RequestParam MultiValueMap<String, String> form, Model model) {
        List<String> exposure = form.getOrDefault("exposure", List.of());
        try {
            Integer level = intOrNull(form.getFirst("mlpsLevel"));
            Registration r = new Registration(form.getFirst("name"), form.getFirst("purpose"), level,
                    form.getFirst("filingNumber"), form.getFirst("responsibleName"), form.getFirst("responsibleMobile"), exposure,
                    addresses(form.getFirst("addresses")));
            // A2 (issue 22 point 3): the 非涉密 declaration made with the registration, checked with it so a bad one saves nothing
            Boolean declared = "true".equals(form.getFirst("nonClassified")) ? Boolean.TRUE : null;
            String declarant = form.getFirst("nonClassifiedDeclarant");
            boolean declaring = declared != null || (declarant != null && !declarant.isBlank());
            Map<String, String> errors = new java.util.LinkedHashMap<>(registration.check(r));
            if (declaring) {
                errors.putAll(Classification.declarationErrors(declared, declarant));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput("systems.error.invalid", errors);
            }
            HostedSystem created = registration.register(r);
            if (declaring) {
                classification.declare(created.id(), declared, declarant, Actor.require());
            }
            return "redirect:/systems/" + created.id();
        } catch (InvalidInput e) {
            model.addAttribute("errors", view.errors(e));
        } catch (NumberFormatException e) {
            model.addAttribute("errors", Map.of("mlpsLevel", text("systems.error.mlpsLevel"), "form", text("systems.error.invalid")));
        }
        model.addAttribute("values", form.toSingleValueMap());
        model.addAttribute("exposureValues", exposure);
        model.addAttribute("exposures", Exposure.values());
        model.addAttribute("levels", view.levels());
        return "systems/form";
    }

    /** The registration form again, while the system is a draft. */
    @GetMapping("/systems/{id}/edit")
    @AllowUnitPeople
    String editForm(@PathVariable long id, Model model) {
        HostedSystem s = systems.visible(id, Actor.require());
        Map<String, String> values = new HashMap<>();
        values.put("name", s.name());
        values.put("mlpsLevel", String.valueOf(s.mlpsLevel()));
        values.put("purpose", s.purpose());
        values.put("filingNumber", s.filingNumber());
        values.put("responsibleName", s.responsibleName());
        values.put("addresses", String.join("\n", s.assets().stream().map(HostedSystem.Asset::address).toList()));
        model.addAttribute("values", values);
        model.addAttribute("exposureValues", s.exposure().stream().map(Enum::name).toList());
        model.addAttribute("errors", Map.of());
        model.addAttribute("exposures", Exposure.values());
        model.addAttribute("levels", view.levels());
        model.addAttribute("editing", s);
        return "systems/form";
    }

    @PostMapping("/systems/{id}/edit")
    @AllowUnitPeople
    String edit(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, Model model) {
        HostedSystem s = systems.visible(id, Actor.require());
        List<String> exposure = form.getOrDefault("exposure", List.of());
        try {
            registration.update(id, new Registration(form.getFirst("name"), form.getFirst("purpose"), intOrNull(form.getFirst("mlpsLevel")),
                    form.getFirst("filingNumber"), form.getFirst("responsibleName"), form.getFirst("responsibleMobile"), exposure,
                    addresses(form.getFirst("addresses"))));
            return "redirect:/systems/" + id;
        } catch (InvalidInput e) {
            model.addAttribute("errors", view.errors(e));
        } catch (NumberFormatException e) {
            model.addAttribute("errors", Map.of("mlpsLevel", text("systems.error.mlpsLevel"), "form", text("systems.error.invalid")));
        } catch (Lifecycle.StateRefused e) {
            model.addAttribute("errors", Map.of("form", e.rule() + ": " + text("systems.state." + e.current()) + " (" + e.getMessage() + ")"));
        }
        model.addAttribute("values", form.toSingleValueMap());
        model.addAttribute("exposureValues", exposure);
        model.addAttribute("exposures", Exposure.values());
        model.addAttribute("levels", view.levels());
        model.addAttribute("editing", s);
        return "systems/form";
    }

    /** The provider reads a unit's system only under the unit's grant (A8.1, checked and recorded by the access module). */
    @GetMapping("/systems/{id}")
    @AllowParties
    String page(@PathVariable long id, Model model) {
        view.show(id, model, Map.of(), SystemPageView.flashed(model));
        return "systems/system";
    }

    @GetMapping("/systems/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId) {
        StoredDocument doc = systems.document(id, documentId, Actor.require());
        return Downloads.attachment(doc, systems.documentContent(documentId));
    }

    static List<String> addresses(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,;，；]+")).filter(s -> !s.isBlank()).toList();
    }

    private static Integer intOrNull(String value) {
        return value == null || value.isBlank() ? null : Integer.parseInt(value.strip());
    }

    private String text(String key) {
        return view.text(key);
    }
}
