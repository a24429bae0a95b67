package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.internal.Lifecycle;
import cn.govcloud.guard.systems.internal.SystemImport;
import cn.govcloud.guard.systems.internal.SystemImport.ImportRefused;
import cn.govcloud.guard.systems.internal.Admission;
import cn.govcloud.guard.systems.internal.Contractors;
import cn.govcloud.guard.systems.internal.Protections;
import cn.govcloud.guard.systems.internal.Suspensions;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.SystemRegistration;
import cn.govcloud.guard.systems.internal.Verification;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemQueries.Filter;
import cn.govcloud.guard.systems.internal.Verification.ItemDetails;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.SystemRegistration.Registration;
import cn.govcloud.guard.systems.internal.HostedSystem.Switch;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.SystemState;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The systems pages: the list with filters, the registration form and each system's page with its gates and timeline. */
@Controller
@AllowOversightAndUnits
class SystemPages {
    private static final int PAGE = 50;
    private final SystemQueries systems;
    private final SystemRegistration registration;
    private final Admission admission;
    private final Verification verification;
    private final Protections protections;
    private final Contractors contractors;
    private final Suspensions suspensions;
    private final SystemImport imports;
    private final MessageSource messages;
    private final Clock clock;

    private final cn.govcloud.guard.systems.internal.WorkOrders workOrders;
    private final cn.govcloud.guard.systems.internal.WorkOrderQueries pendingOrders;

    private final cn.govcloud.guard.systems.internal.CriticalInfrastructure cii;

    SystemPages(SystemQueries systems, SystemRegistration registration, Admission admission, Verification verification,
                Protections protections, Contractors contractors, Suspensions suspensions, SystemImport imports, MessageSource messages, Clock clock,
                cn.govcloud.guard.systems.internal.WorkOrders workOrders, cn.govcloud.guard.systems.internal.WorkOrderQueries pendingOrders,
                cn.govcloud.guard.systems.internal.CriticalInfrastructure cii) {
        this.cii = cii;
        this.workOrders = workOrders;
        this.pendingOrders = pendingOrders;
        this.systems = systems;
        this.registration = registration;
        this.admission = admission;
        this.verification = verification;
        this.protections = protections;
        this.contractors = contractors;
        this.suspensions = suspensions;
        this.imports = imports;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/systems")
    String list(@RequestParam Map<String, String> params, Model model) {
        Actor actor = Actor.require();
        Filter filter;
        try {
            filter = new Filter(longOrNull(params.get("unit")), intOrNull(params.get("level")),
                    SystemApiController.parse(SystemState.class, "state", params.get("state")),
                    SystemApiController.parse(Exposure.class, "exposure", params.get("exposure")), "true".equals(params.get("overdue")) ? true : null);
        } catch (InvalidInput | NumberFormatException e) {
            filter = Filter.none();
        }
        List<HostedSystem> page = systems.page(actor, filter, longOrNull(params.get("before")), PAGE + 1);
        model.addAttribute("systems", page.stream().limit(PAGE).toList());
        model.addAttribute("pending", pendingOrders.pending(page.stream().map(HostedSystem::id).toList()));
        model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("params", params);
        model.addAttribute("units", systems.units(actor));
        model.addAttribute("states", SystemState.values());
        model.addAttribute("exposures", Exposure.values());
        model.addAttribute("mayRegister", actor.isUnitUser());
        return "systems/list";
    }

    /** Issue 4: the upload form on the list; all rows or none, the errors shown as a table. */
    @PostMapping("/systems/import")
    @AllowUnitPeople
    String importFile(@RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect) throws IOException {
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
        return list(new HashMap<>(), model);
    }

    @GetMapping("/systems/new")
    @AllowUnitPeople
    String form(Model model) {
        model.addAttribute("values", Map.of());
        model.addAttribute("exposureValues", List.of());
        model.addAttribute("errors", Map.of());
        model.addAttribute("exposures", Exposure.values());
        return "systems/form";
    }

    @PostMapping("/systems")
    @AllowUnitPeople
    String create(@RequestParam MultiValueMap<String, String> form, Model model) {
        List<String> exposure = form.getOrDefault("exposure", List.of());
        try {
            Integer level = intOrNull(form.getFirst("mlpsLevel"));
            HostedSystem created = registration.register(new Registration(form.getFirst("name"), form.getFirst("purpose"), level,
                    form.getFirst("filingNumber"), form.getFirst("responsibleName"), form.getFirst("responsibleMobile"), exposure,
                    addresses(form.getFirst("addresses"))));
            return "redirect:/systems/" + created.id();
        } catch (InvalidInput e) {
            model.addAttribute("errors", errors(e));
        } catch (NumberFormatException e) {
            model.addAttribute("errors", Map.of("mlpsLevel", text("systems.error.mlpsLevel"), "form", text("systems.error.invalid")));
        }
        model.addAttribute("values", form.toSingleValueMap());
        model.addAttribute("exposureValues", exposure);
        model.addAttribute("exposures", Exposure.values());
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
            model.addAttribute("errors", errors(e));
        } catch (NumberFormatException e) {
            model.addAttribute("errors", Map.of("mlpsLevel", text("systems.error.mlpsLevel"), "form", text("systems.error.invalid")));
        } catch (Lifecycle.StateRefused e) {
            model.addAttribute("errors", Map.of("form", e.rule() + ": " + text("systems.state." + e.current()) + " (" + e.getMessage() + ")"));
        }
        model.addAttribute("values", form.toSingleValueMap());
        model.addAttribute("exposureValues", exposure);
        model.addAttribute("exposures", Exposure.values());
        model.addAttribute("editing", s);
        return "systems/form";
    }

    /** The provider reads a unit's system only under the unit's grant (A8.1, checked and recorded by the access module). */
    @GetMapping("/systems/{id}")
    @AllowParties
    String page(@PathVariable long id, Model model) {
        show(id, model, Map.of(), Map.of());
        return "systems/system";
    }

    @PostMapping("/systems/{id}/submission")
    @AllowUnitPeople
    String submit(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, () -> admission.submit(id));
    }

    @PostMapping("/systems/{id}/admission")
    @AllowUnitPeople
    String requestAdmission(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, () -> admission.requestAdmission(id));
    }

    @PostMapping("/systems/{id}/agreement")
    @AllowUnitPeople
    String agreement(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request, Model model,
                     RedirectAttributes redirect) {
        MultipartFile file = SystemApiController.file(request);
        return act(id, model, redirect, form, () -> {
            boolean has = file != null && !file.isEmpty();
            return admission.uploadAgreement(id, form.get("agreementNumber"), form.get("unitSignatory"), form.get("providerSignatory"),
                    SystemApiController.date("signedOn", form.get("signedOn")), has ? file.getOriginalFilename() : null, stream(has ? file : null));
        });
    }

    @PostMapping("/systems/{id}/verification/{kind}")
    @AllowUnitPeople
    String uploadItem(@PathVariable long id, @PathVariable String kind, @RequestParam Map<String, String> form, HttpServletRequest request,
                      Model model, RedirectAttributes redirect) {
        MultipartFile file = SystemApiController.file(request);
        return act(id, model, redirect, form, () -> {
            boolean has = file != null && !file.isEmpty();
            return verification.uploadItem(id, SystemApiController.parse(ItemKind.class, "kind", kind), new ItemDetails(form.get("certNumber"),
                    SystemApiController.date("certDate", form.get("certDate")), form.get("conclusion"),
                    SystemApiController.date("validUntil", form.get("validUntil")), SystemApiController.level(form.get("certLevel"))),
                    has ? file.getOriginalFilename() : null,
                    stream(has ? file : null));
        });
    }

    @PostMapping("/systems/{id}/protections/{measure}")
    @AllowUnitPeople
    String protection(@PathVariable long id, @PathVariable String measure, @RequestParam Map<String, String> form, HttpServletRequest request,
                      Model model, RedirectAttributes redirect) {
        MultipartFile file = SystemApiController.file(request);
        return act(id, model, redirect, form, () -> {
            boolean has = file != null && !file.isEmpty();
            return protections.declareProtection(id, SystemApiController.parse(Protections.Measure.class, "measure", measure),
                    SystemApiController.bool(form.get("present")), form.get("detail"), has ? file.getOriginalFilename() : null,
                    stream(has ? file : null));
        });
    }

    @PostMapping("/systems/{id}/contractors")
    @AllowUnitPeople
    String engage(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, form, () -> contractors.engageContractor(id, form.get("contractorName"),
                SystemApiController.parse(Contractors.ContractorRole.class, "contractorRole", form.get("contractorRole")), form.get("dataAccess")));
    }

    @PostMapping("/systems/{id}/contractors/{contractorId}/agreements")
    @AllowUnitPeople
    String contractorAgreements(@PathVariable long id, @PathVariable long contractorId, @RequestParam Map<String, String> form,
                                HttpServletRequest request, Model model, RedirectAttributes redirect) {
        MultipartFile conf = SystemApiController.file(request, "confidentiality");
        MultipartFile resp = SystemApiController.file(request, "responsibility");
        return act(id, model, redirect, form, () -> contractors.contractorAgreements(id, contractorId,
                SystemApiController.date("signedOn", form.get("signedOn")), SystemApiController.date("expiresOn", form.get("expiresOn")),
                conf == null ? null : conf.getOriginalFilename(), bytes(conf), resp == null ? null : resp.getOriginalFilename(), bytes(resp)));
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file == null ? null : file.getBytes();
        } catch (IOException e) {
            throw new InvalidInput("systems.error.invalid", Map.of("file", "systems.error.file"));
        }
    }

    @PostMapping("/systems/{id}/verification/{kind}/review")
    @AllowSupervisor
    String review(@PathVariable long id, @PathVariable String kind, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes redirect) {
        return act(id, model, redirect, form, () -> verification.reviewItem(id, SystemApiController.parse(ItemKind.class, "kind", kind),
                "accept".equals(form.get("decision")), form.get("reason")));
    }

    @PostMapping("/systems/{id}/admit")
    @AllowSupervisor
    String admit(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, () -> admission.admit(id));
    }

    @PostMapping("/systems/{id}/switch")
    @AllowSupervisor
    String toggle(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, form, () -> {
            Switch which = SystemApiController.parse(Switch.class, "switch", form.get("switch"));
            if (which == null) {
                throw new InvalidInput("systems.error.invalid", Map.of("switch", "systems.error.on"));
            }
            return admission.setSwitch(id, which, "on".equals(form.get("to")), form.get("reason"));
        });
    }

    /** Issue 17 point 4: the supervisor records the protection department's 关基 identification. */
    @PostMapping("/systems/{id}/critical-infrastructure")
    @AllowSupervisor
    String criticalInfrastructure(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, form, () -> cii.record(id, "true".equals(form.get("cii")), form.get("protectionDepartment"),
                Actor.require()));
    }

    @PostMapping("/systems/{id}/suspension")
    @AllowSupervisor
    String suspend(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, form, () -> suspensions.suspend(id, form.get("reason")));
    }

    @PostMapping("/systems/{id}/resumption")
    @AllowSupervisor
    String resume(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, form, () -> suspensions.resume(id, form.get("reason")));
    }

    @PostMapping("/systems/{id}/exit-order")
    @AllowSupervisor
    String orderExit(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, form, () -> suspensions.orderExit(id, form.get("exitReason"),
                SystemApiController.date("deadline", form.get("deadline"))));
    }

    @PostMapping("/systems/{id}/exit")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR})
    String exit(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, form, () -> suspensions.completeExit(id, form.get("dataDisposition")));
    }

    @GetMapping("/systems/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId) {
        StoredDocument doc = systems.document(id, documentId, Actor.require());
        return Downloads.attachment(doc, systems.documentContent(documentId));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private String act(long id, Model model, RedirectAttributes redirect, Supplier<?> work) {
        return act(id, model, redirect, Map.of(), work);
    }

    /** Does the work and goes back to the system's page; a refusal re-renders it with the reason and what was typed (nothing saved). */
    private String act(long id, Model model, RedirectAttributes redirect, Map<String, String> form, Supplier<?> work) {
        try {
            work.get();
            redirect.addFlashAttribute("done", "systems.done");
            return "redirect:/systems/" + id;
        } catch (InvalidInput e) {
            show(id, model, form, errors(e));
        } catch (Lifecycle.StateRefused e) {
            show(id, model, form, Map.of("form", e.rule() + ": " + text("systems.action." + e.action()) + " — "
                    + text("systems.state." + e.current()) + " (" + e.getMessage() + ")"));
        } catch (RuleViolation e) {
            show(id, model, form, Map.of("form", e.rule() + ": " + text(e.getMessage())));
        }
        return "systems/system";
    }

    private void show(long id, Model model, Map<String, String> values, Map<String, String> errors) {
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
        model.addAttribute("workOrders", workOrders.page(actor, new cn.govcloud.guard.systems.internal.WorkOrders.Filter(id, null, null, null),
                null, 50));
        model.addAttribute("pending", pendingOrders.pending(id));
        model.addAttribute("cii", cii.of(id));
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
        model.addAttribute("mayAdmit", supervisor && Lifecycle.ADMIT.allowedFrom(state));
        model.addAttribute("maySwitch", supervisor && state == SystemState.ADMITTED);
        model.addAttribute("maySuspend", supervisor && Lifecycle.SUSPEND.allowedFrom(state));
        model.addAttribute("mayResume", supervisor && Lifecycle.RESUME.allowedFrom(state));
        model.addAttribute("mayOrderExit", supervisor && Lifecycle.ORDER_EXIT.allowedFrom(state));
        model.addAttribute("mayCompleteExit", (unit || supervisor) && Lifecycle.COMPLETE_EXIT.allowedFrom(state));
        model.addAttribute("today", LocalDate.now(clock.withZone(WorkingCalendar.ZONE)));
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

    private Map<String, String> errors(InvalidInput e) {
        Map<String, String> errors = new HashMap<>();
        e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
        errors.putIfAbsent("form", text(e.getMessage()));
        return errors;
    }

    private static java.io.InputStream stream(MultipartFile file) {
        if (file == null) {
            return null;
        }
        try {
            return file.getInputStream();
        } catch (IOException e) {
            throw new InvalidInput("systems.error.invalid", Map.of("file", "systems.error.file"));
        }
    }

    static List<String> addresses(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,;，；]+")).filter(s -> !s.isBlank()).toList();
    }

    private static Long longOrNull(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer intOrNull(String value) {
        return value == null || value.isBlank() ? null : Integer.parseInt(value.strip());
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
