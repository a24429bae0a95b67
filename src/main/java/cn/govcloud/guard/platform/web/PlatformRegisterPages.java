package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.platform.internal.ProviderExit;
import cn.govcloud.guard.platform.internal.Registers;
import cn.govcloud.guard.platform.internal.SupplyChain;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The provider's registers as pages: supply chain (A5.5), provider exit (A5.6), network lines and
 * interfaces (A6), hardware and business continuity (A5.1), and the supervisor's overview of them.
 * Every form posts, is re-shown with its errors when refused, and stores nothing half.
 */
@Controller
@AllowOversightAndProvider
class PlatformRegisterPages {
    private final SupplyChain supplyChain;
    private final ProviderExit exits;
    private final Registers registers;
    private final PlatformExport export;
    private final MessageSource messages;
    private final java.time.Clock clock;

    PlatformRegisterPages(SupplyChain supplyChain, ProviderExit exits, Registers registers, PlatformExport export, MessageSource messages,
                          java.time.Clock clock) {
        this.clock = clock;
        this.supplyChain = supplyChain;
        this.exits = exits;
        this.registers = registers;
        this.export = export;
        this.messages = messages;
    }

    /** Runs a write; on a refusal puts the errors (by field, "form" for the whole) in the model and returns false. */
    private boolean attempt(Model model, Runnable write) {
        Map<String, String> errors = new HashMap<>();
        try {
            write.run();
            return true;
        } catch (InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
        } catch (RuleViolation e) {
            errors.put("form", e.rule() + ": " + text(e.getMessage()));
        } catch (Unprocessable e) {
            errors.put("form", text(e.getMessage()));
        }
        model.addAttribute("errors", errors);
        return false;
    }

    private interface IoWrite {
        void run() throws IOException;
    }

    private static Runnable io(IoWrite w) {
        return () -> {
            try {
                w.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    private static boolean mayWrite() {
        return Actor.require().has(Role.PROVIDER_OPERATOR);
    }

    // ================================================================ overview (supervisor's view)

    @GetMapping("/platform/overview")
    String overview(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("supply", supplyChain.summary(actor));
        model.addAttribute("findings", supplyChain.findings(actor, 10));
        model.addAttribute("shares", registers.shares(actor));
        model.addAttribute("lines", registers.lines(actor));
        model.addAttribute("interfaces", registers.interfaces(actor));
        List<Registers.Continuity> bc = registers.continuity(actor);
        model.addAttribute("plan", bc.stream().filter(c -> c.kind().equals("PLAN")).findFirst().orElse(null));
        model.addAttribute("drTest", bc.stream().filter(c -> c.kind().equals("DR_TEST")).findFirst().orElse(null));
        model.addAttribute("exits", exits.list(actor));
        return "platform/overview";
    }

    // ================================================================ supply chain (A5.5)

    @GetMapping("/platform/supply-chain")
    String supplyChain(@RequestParam(required = false) String state, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String q, @RequestParam(defaultValue = "false") boolean findings, Model model) {
        SupplyChain.Filter filter;
        try {
            filter = SupplyChainApiController.filter(state, kind, q, findings, 500);
        } catch (InvalidInput e) {
            filter = new SupplyChain.Filter(null, null, null, false, 500);
        }
        showSupply(model, filter);
        return "platform/supply-chain";
    }

    private void showSupply(Model model, SupplyChain.Filter filter) {
        Actor actor = Actor.require();
        model.addAttribute("summary", supplyChain.summary(actor));
        model.addAttribute("items", supplyChain.list(actor, filter));
        model.addAttribute("filter", filter);
        model.addAttribute("kinds", SupplyChain.Kind.values());
        model.addAttribute("states", SupplyChain.State.values());
        model.addAttribute("mayWrite", mayWrite());
        model.addAttribute("maxMb", supplyChain.maxSbomBytes() / (1024 * 1024));
        model.addAttribute("limit", 500);
        model.addAttribute("today", java.time.LocalDate.now(clock.withZone(cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE)));
        model.addAttribute("values", model.getAttribute("values") == null ? Map.of() : model.getAttribute("values"));
        model.addAttribute("errors", model.getAttribute("errors") == null ? Map.of() : model.getAttribute("errors"));
    }

    @PostMapping("/platform/supply-chain/sbom")
    @AllowProvider
    String importSbom(@RequestPart(name = "file", required = false) MultipartFile file,
                      @RequestParam(name = "subject", required = false) String subject, Model model, RedirectAttributes redirect) {
        SupplyChain.ImportResult[] result = new SupplyChain.ImportResult[1];
        boolean ok = attempt(model, io(() -> {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("platform.sbom.error.invalid", Map.of("file", "platform.sbom.error.file"));
            }
            if (file.getSize() > supplyChain.maxSbomBytes()) {
                throw new Unprocessable("platform.sbom.error.tooLarge");
            }
            result[0] = supplyChain.importSbom(file.getOriginalFilename(), file.getInputStream(), subject);
        }));
        if (!ok) {
            showSupply(model, new SupplyChain.Filter(null, null, null, false, 500));
            return "platform/supply-chain";
        }
        redirect.addFlashAttribute("flash", text("platform.sbom.imported", result[0].components(), result[0].added(), result[0].removed()));
        return "redirect:/platform/supply-chain";
    }

    @PostMapping("/platform/supply-chain/advisories")
    @AllowProvider
    String advisories(@RequestPart(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes redirect) {
        int[] matches = new int[1];
        boolean ok = attempt(model, io(() -> {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("platform.osv.error.invalid", Map.of("advisoryFile", "platform.sbom.error.file"));
            }
            matches[0] = supplyChain.matchAdvisories(file.getInputStream());
        }));
        if (!ok) {
            showSupply(model, new SupplyChain.Filter(null, null, null, false, 500));
            return "platform/supply-chain";
        }
        redirect.addFlashAttribute("flash", text("platform.osv.matched", matches[0]));
        return "redirect:/platform/supply-chain";
    }

    @PostMapping("/platform/supply-chain/items")
    @AllowProvider
    String propose(@RequestParam Map<String, String> form, Model model) {
        SupplyChain.Item[] item = new SupplyChain.Item[1];
        boolean ok = attempt(model, () -> item[0] = supplyChain.propose(new SupplyChain.NewItem(SupplyChainApiController.kind(form.get("kind")),
                form.get("name"), form.get("version"), form.get("supplier"), form.get("description"))));
        if (!ok) {
            model.addAttribute("values", form);
            showSupply(model, new SupplyChain.Filter(null, null, null, false, 500));
            return "platform/supply-chain";
        }
        return "redirect:/platform/supply-chain/items/" + item[0].id();
    }

    @GetMapping("/platform/supply-chain/items/{id}")
    String item(@PathVariable long id, Model model) {
        showItem(id, model);
        return "platform/supply-item";
    }

    private void showItem(long id, Model model) {
        model.addAttribute("item", supplyChain.find(id, Actor.require()).orElseThrow(() -> new NotFound("supply item " + id)));
        model.addAttribute("riskLevels", SupplyChain.RISK_LEVELS);
        model.addAttribute("conclusions", List.of("可以使用", "整改后使用", "不得使用"));
        model.addAttribute("mayWrite", mayWrite());
        if (model.getAttribute("values") == null) {
            model.addAttribute("values", Map.of());
        }
        if (model.getAttribute("errors") == null) {
            model.addAttribute("errors", Map.of());
        }
    }

    @PostMapping("/platform/supply-chain/items/{id}/assessment")
    @AllowProvider
    String assess(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        boolean ok = attempt(model, () -> supplyChain.assess(id, new SupplyChain.Assessment(form.get("riskLevel"), form.get("conclusion"),
                form.get("conditions"), form.get("assessor"))));
        if (!ok) {
            model.addAttribute("values", form);
            showItem(id, model);
            return "platform/supply-item";
        }
        redirect.addFlashAttribute("flash", text("platform.supply.assessed"));
        return "redirect:/platform/supply-chain/items/" + id;
    }

    @PostMapping("/platform/supply-chain/items/{id}/agreement")
    @AllowProvider
    String agreement(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        boolean ok = attempt(model, () -> supplyChain.agreement(id, new SupplyChain.Agreement(form.get("counterparty"),
                CertificationApiController.date("signedOn", form.get("signedOn")), CertificationApiController.date("validUntil",
                form.get("validUntil")))));
        if (!ok) {
            model.addAttribute("values", form);
            showItem(id, model);
            return "platform/supply-item";
        }
        redirect.addFlashAttribute("flash", text("platform.supply.agreementRecorded"));
        return "redirect:/platform/supply-chain/items/" + id;
    }

    @PostMapping("/platform/supply-chain/items/{id}/in-use")
    @AllowProvider
    String inUse(@PathVariable long id, Model model, RedirectAttributes redirect) {
        if (!attempt(model, () -> supplyChain.putInUse(id))) {
            showItem(id, model);
            return "platform/supply-item";
        }
        redirect.addFlashAttribute("flash", text("platform.supply.nowInUse"));
        return "redirect:/platform/supply-chain/items/" + id;
    }

    @GetMapping("/platform/supply-chain/export.xlsx")
    void exportSupply(HttpServletResponse response, Locale locale) throws IOException {
        PlatformExport.prepare(response, "supply-chain.xlsx");
        export.supplyChain(Actor.require(), locale, response.getOutputStream());
    }

    // ================================================================ provider exit (A5.6)

    @GetMapping("/platform/exits")
    @AllowParties
    String exits(Model model) {
        showExits(model);
        return "platform/exits";
    }

    private void showExits(Model model) {
        model.addAttribute("exits", exits.list(Actor.require()));
        model.addAttribute("earliestEnd", exits.earliestEnd());
        model.addAttribute("mayWrite", mayWrite());
        if (model.getAttribute("values") == null) {
            model.addAttribute("values", Map.of());
        }
        if (model.getAttribute("errors") == null) {
            model.addAttribute("errors", Map.of());
        }
    }

    @PostMapping("/platform/exits")
    @AllowProvider
    String fileExit(@RequestParam Map<String, String> form, Model model) {
        ProviderExit.Exit[] exit = new ProviderExit.Exit[1];
        boolean ok = attempt(model, () -> exit[0] = exits.file(new ProviderExit.NewExit(CertificationApiController.date("endDate",
                form.get("endDate")), form.get("reason"), form.get("contact"))));
        if (!ok) {
            model.addAttribute("values", form);
            showExits(model);
            return "platform/exits";
        }
        return "redirect:/platform/exits/" + exit[0].id();
    }

    @GetMapping("/platform/exits/{id}")
    @AllowParties
    String exit(@PathVariable long id, Model model) {
        showExit(id, model);
        return "platform/exit";
    }

    private void showExit(long id, Model model) {
        Actor actor = Actor.require();
        model.addAttribute("exit", exits.find(id, actor).orElseThrow(() -> new NotFound("exit " + id)));
        model.addAttribute("taskStates", ProviderExit.TaskState.values());
        model.addAttribute("mayWrite", mayWrite());
        model.addAttribute("mayUpdateTasks", actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.UNIT_SECURITY_OFFICER));
        model.addAttribute("mayDecideExit", actor.has(Role.SUPERVISOR)); // issue 17 point 14, see ExitDecisionPages
        model.addAttribute("today", java.time.LocalDate.now(clock.withZone(cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE)));
        if (model.getAttribute("values") == null) {
            model.addAttribute("values", Map.of());
        }
        if (model.getAttribute("errors") == null) {
            model.addAttribute("errors", Map.of());
        }
    }

    @PostMapping("/platform/exits/{id}/clearance")
    @AllowProvider
    String clearance(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        boolean ok = attempt(model, () -> exits.fileClearance(id, new ProviderExit.Clearance(CertificationApiController.date("clearedOn",
                form.get("clearedOn")), form.get("scope"), form.get("method"), form.get("verifiedBy"))));
        if (!ok) {
            model.addAttribute("values", form);
            showExit(id, model);
            return "platform/exit";
        }
        redirect.addFlashAttribute("flash", text("platform.exit.cleared"));
        return "redirect:/platform/exits/" + id;
    }

    @PostMapping("/platform/exits/tasks/{taskId}")
    @Allow({Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER})
    String task(@PathVariable long taskId, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        ProviderExit.Task[] task = new ProviderExit.Task[1];
        Map<String, String> errors = new HashMap<>();
        try {
            task[0] = exits.updateTask(taskId, ExitApiController.taskState(form.get("state")), form.get("target"), form.get("note"));
        } catch (InvalidInput | RuleViolation e) {
            // shown on the exit's page as a flash message: the task row is one of many
            redirect.addFlashAttribute("taskError", e instanceof RuleViolation r ? r.rule() + ": " + text(r.getMessage())
                    : text(e.getMessage()) + " " + String.join(" ", ((InvalidInput) e).fieldErrors().values().stream().map(this::text).toList()));
            Long exitId = exitOfTask(taskId);
            return "redirect:/platform/exits/" + exitId;
        }
        redirect.addFlashAttribute("flash", text("platform.exit.taskUpdated", task[0].systemName()));
        return "redirect:/platform/exits/" + task[0].exitId();
    }

    private Long exitOfTask(long taskId) {
        return exits.list(Actor.require()).stream().filter(e -> e.tasks().stream().anyMatch(t -> t.id() == taskId)).map(ProviderExit.Exit::id)
                .findFirst().orElseThrow(() -> new NotFound("migration task " + taskId));
    }

    @GetMapping("/platform/exits/export.xlsx")
    @AllowParties
    void exportExits(HttpServletResponse response, Locale locale) throws IOException {
        PlatformExport.prepare(response, "provider-exit.xlsx");
        export.exits(Actor.require(), locale, response.getOutputStream());
    }

    // ================================================================ network lines and interfaces (A6)

    @GetMapping("/platform/network")
    String network(Model model) {
        showNetwork(model);
        return "platform/network";
    }

    private void showNetwork(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("lines", registers.lines(actor));
        model.addAttribute("interfaces", registers.interfaces(actor));
        model.addAttribute("lineTypes", Registers.LINE_TYPES);
        model.addAttribute("reviewResults", Registers.REVIEW_RESULTS);
        model.addAttribute("mayWrite", mayWrite());
        if (model.getAttribute("values") == null) {
            model.addAttribute("values", Map.of());
        }
        if (model.getAttribute("errors") == null) {
            model.addAttribute("errors", Map.of());
        }
    }

    private String networkWrite(Model model, Map<String, String> form, String formName, Runnable write, RedirectAttributes redirect) {
        if (!attempt(model, write)) {
            model.addAttribute("values", form);
            model.addAttribute("failedForm", formName);
            showNetwork(model);
            return "platform/network";
        }
        redirect.addFlashAttribute("flash", text("platform.saved"));
        return "redirect:/platform/network";
    }

    @PostMapping("/platform/network/lines")
    @AllowProvider
    String addLine(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return networkWrite(model, form, "line", () -> registers.addLine(new Registers.NewLine(form.get("name"), form.get("lineType"),
                form.get("carrier"), form.get("bandwidth"), form.get("userOrg"), bool(form.get("firewall")), bool(form.get("intrusionPrevention")),
                form.get("boundaryNote"))), redirect);
    }

    @PostMapping("/platform/network/lines/{id}/protection")
    @AllowProvider
    String protection(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return networkWrite(model, form, "protection", () -> registers.setProtection(id, "true".equals(form.get("firewall")),
                "true".equals(form.get("intrusionPrevention")), form.get("boundaryNote")), redirect);
    }

    @PostMapping("/platform/network/interfaces")
    @AllowProvider
    String addInterface(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return networkWrite(model, form, "interface", () -> registers.addInterface(new Registers.NewInterface(longOrNull(form.get("lineId")),
                form.get("name"), form.get("endpoint"), form.get("purpose"), form.get("manager"), form.get("managerContact"))), redirect);
    }

    @PostMapping("/platform/network/interfaces/{id}/reviews")
    @AllowProvider
    String review(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return networkWrite(model, form, "review", () -> registers.review(id, new Registers.Review(CertificationApiController.date("reviewedOn",
                form.get("reviewedOn")), form.get("reviewer"), form.get("result"), form.get("note"))), redirect);
    }

    @GetMapping("/platform/network/export.xlsx")
    void exportLines(HttpServletResponse response, Locale locale) throws IOException {
        PlatformExport.prepare(response, "network-lines.xlsx");
        export.lines(Actor.require(), locale, response.getOutputStream());
    }

    // ================================================================ hardware and continuity (A5.1)

    @GetMapping("/platform/hardware")
    String hardware(Model model) {
        showHardware(model);
        return "platform/hardware";
    }

    private void showHardware(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("devices", registers.devices(actor));
        model.addAttribute("shares", registers.shares(actor));
        model.addAttribute("continuity", registers.continuity(actor));
        model.addAttribute("deviceTypes", Registers.DEVICE_TYPES);
        model.addAttribute("drResults", Registers.DR_RESULTS);
        model.addAttribute("mayWrite", mayWrite());
        if (model.getAttribute("values") == null) {
            model.addAttribute("values", Map.of());
        }
        if (model.getAttribute("errors") == null) {
            model.addAttribute("errors", Map.of());
        }
    }

    @PostMapping("/platform/hardware/devices")
    @AllowProvider
    String addDevice(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        if (!attempt(model, () -> registers.addDevice(new Registers.NewDevice(form.get("type"), form.get("vendor"), form.get("model"),
                form.get("role"), form.get("location"), RegistersApiController.number("quantity", form.get("quantity")), bool(form.get("compliant")),
                form.get("basis"))))) {
            model.addAttribute("values", form);
            model.addAttribute("failedForm", "device");
            showHardware(model);
            return "platform/hardware";
        }
        redirect.addFlashAttribute("flash", text("platform.saved"));
        return "redirect:/platform/hardware";
    }

    @PostMapping("/platform/hardware/continuity")
    @AllowProvider
    String addContinuity(@RequestParam Map<String, String> form, @RequestPart(name = "file", required = false) MultipartFile file,
                         Model model, RedirectAttributes redirect) {
        if (!attempt(model, io(() -> {
            boolean has = file != null && !file.isEmpty();
            registers.addContinuity(new Registers.NewContinuity(form.get("kind"), form.get("title"), CertificationApiController.date("onDate",
                            form.get("onDate")), form.get("result"), RegistersApiController.number("rtoMinutes", form.get("rtoMinutes")),
                    RegistersApiController.number("rpoMinutes", form.get("rpoMinutes"))), has ? file.getOriginalFilename() : null,
                    has ? file.getInputStream() : null);
        }))) {
            model.addAttribute("values", form);
            model.addAttribute("failedForm", "continuity");
            showHardware(model);
            return "platform/hardware";
        }
        redirect.addFlashAttribute("flash", text("platform.saved"));
        return "redirect:/platform/hardware";
    }

    @GetMapping("/platform/hardware/continuity/{id}/document")
    org.springframework.http.ResponseEntity<byte[]> continuityDocument(@PathVariable long id) {
        var doc = registers.continuityDocument(id, Actor.require()).orElseThrow(() -> new NotFound("continuity evidence " + id));
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", cn.govcloud.guard.documents.Downloads.contentDisposition(doc.getKey()))
                .header("X-Content-Type-Options", "nosniff").contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
                .body(doc.getValue());
    }

    @GetMapping("/platform/hardware/export.xlsx")
    void exportHardware(HttpServletResponse response, Locale locale) throws IOException {
        PlatformExport.prepare(response, "platform-hardware.xlsx");
        export.hardware(Actor.require(), locale, response.getOutputStream());
    }

    private static Boolean bool(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value) {
            case "true", "on", "yes" -> Boolean.TRUE;
            case "false", "off", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Long longOrNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("platform.if.error.invalid", Map.of("lineId", "platform.if.error.line"));
        }
    }
}
