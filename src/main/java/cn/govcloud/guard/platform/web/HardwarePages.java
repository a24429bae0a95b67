package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.platform.internal.BusinessContinuity;
import cn.govcloud.guard.platform.internal.Hardware;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Hardware with its 信创 share and the business-continuity evidence as a page (A5.1). */
@Controller
@AllowOversightAndProvider
class HardwarePages {
    private final Hardware hardware;
    private final BusinessContinuity continuity;
    private final PlatformExport export;
    private final PageForms forms;

    HardwarePages(Hardware hardware, BusinessContinuity continuity, PlatformExport export, PageForms forms) {
        this.hardware = hardware;
        this.continuity = continuity;
        this.export = export;
        this.forms = forms;
    }

    /** The devices as the list's query filters and pages them (issue 23 point 11), the shares and the continuity records. */
    @GetMapping("/platform/hardware")
    String hardware(@RequestParam Map<String, String> params, Model model) {
        Actor actor = Actor.require();
        forms.list(model, params, RegisterFilters::hardware, d -> true, keep -> hardware.devices(actor).stream().filter(keep)::forEach);
        model.addAttribute("shares", hardware.shares(actor));
        model.addAttribute("continuity", continuity.continuity(actor));
        model.addAttribute("deviceTypes", Hardware.DEVICE_TYPES);
        model.addAttribute("drResults", BusinessContinuity.DR_RESULTS);
        model.addAttribute("mayWrite", actor.has(Role.PROVIDER_OPERATOR));
        PageForms.blankForm(model);
        return "platform/hardware";
    }

    private String write(Model model, Map<String, String> form, String formName, PageForms.Write write, RedirectAttributes redirect) {
        return forms.save(model, form, formName, write, redirect, "/platform/hardware", () -> hardware(Map.of(), model));
    }

    @PostMapping("/platform/hardware/devices")
    @AllowProvider
    String addDevice(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return write(model, form, "device", () -> hardware.addDevice(Actor.require(), new Hardware.NewDevice(form.get("type"), form.get("vendor"),
                form.get("model"), form.get("role"), form.get("location"), Inputs.number("quantity", form.get("quantity")),
                Inputs.bool(form.get("compliant")), form.get("basis"))), redirect);
    }

    @PostMapping("/platform/hardware/continuity")
    @AllowProvider
    String addContinuity(@RequestParam Map<String, String> form, @RequestPart(name = "file", required = false) MultipartFile file,
                         Model model, RedirectAttributes redirect) {
        return write(model, form, "continuity", () -> {
            boolean has = file != null && !file.isEmpty();
            continuity.addContinuity(Actor.require(), new BusinessContinuity.NewContinuity(form.get("kind"), form.get("title"),
                    Inputs.date("onDate", form.get("onDate")), form.get("result"), Inputs.number("rtoMinutes", form.get("rtoMinutes")),
                    Inputs.number("rpoMinutes", form.get("rpoMinutes"))), has ? file.getOriginalFilename() : null,
                    has ? file.getInputStream() : null);
        }, redirect);
    }

    @GetMapping("/platform/hardware/continuity/{id}/document")
    ResponseEntity<byte[]> continuityDocument(@PathVariable long id) {
        return evidence(continuity, id);
    }

    /** The evidence file of a continuity record as a download, never shown inline. */
    static ResponseEntity<byte[]> evidence(BusinessContinuity continuity, long id) {
        var doc = continuity.document(id, Actor.require()).orElseThrow(() -> new NotFound("continuity evidence " + id));
        return ResponseEntity.ok().header("Content-Disposition", Downloads.contentDisposition(doc.getKey()))
                .header("X-Content-Type-Options", "nosniff").contentType(MediaType.APPLICATION_OCTET_STREAM).body(doc.getValue());
    }

    /** The devices the list shows for the same query, every page of them; a refused query is a 400 naming the field. */
    @GetMapping("/platform/hardware/export.xlsx")
    void exportHardware(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        RegisterQuery<Predicate<Hardware.Device>> query = RegisterQuery.parse(params, RegisterFilters::hardware);
        export.hardware(hardware.devices(Actor.require()).stream().filter(query.filter()).toList(), query.params(), response);
    }
}
