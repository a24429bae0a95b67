package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.platform.internal.Registers;
import cn.govcloud.guard.platform.internal.Registers.NewContinuity;
import cn.govcloud.guard.platform.internal.Registers.NewDevice;
import cn.govcloud.guard.platform.internal.Registers.NewInterface;
import cn.govcloud.guard.platform.internal.Registers.NewLine;
import cn.govcloud.guard.platform.internal.Registers.Review;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A6 network lines and interfaces, A5.1 hardware and business continuity over the API: the provider writes, oversight reads. */
@RestController
@RequestMapping("/api/v1/platform")
@AllowOversightAndProvider
class RegistersApiController {
    private final Registers registers;
    private final PlatformExport export;

    RegistersApiController(Registers registers, PlatformExport export) {
        this.registers = registers;
        this.export = export;
    }

    // ---- lines

    @GetMapping("/network-lines")
    List<Registers.Line> lines() {
        return registers.lines(Actor.require());
    }

    @GetMapping("/network-lines/{id}")
    Registers.Line line(@PathVariable long id) {
        return registers.line(id, Actor.require()).orElseThrow(() -> new NotFound("network line " + id));
    }

    @PostMapping(path = "/network-lines", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Registers.Line addLine(@RequestBody NewLine body) {
        return registers.addLine(body);
    }

    record Protection(Boolean firewall, Boolean intrusionPrevention, String boundaryNote) {
    }

    @PostMapping(path = "/network-lines/{id}/protection", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    Registers.Line protection(@PathVariable long id, @RequestBody Protection body) {
        return registers.setProtection(id, body.firewall(), body.intrusionPrevention(), body.boundaryNote());
    }

    /** A6.2: every line without a firewall at its boundary. */
    @GetMapping("/network-lines/findings")
    List<Map<String, Object>> lineFindings() {
        return registers.lines(Actor.require()).stream().filter(Registers.Line::finding).map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", "A6.2");
            m.put("type", "NO_FIREWALL");
            m.put("lineId", l.id());
            m.put("name", l.name());
            m.put("carrier", l.carrier());
            return m;
        }).toList();
    }

    @GetMapping("/network-lines/export.xlsx")
    void exportLines(HttpServletResponse response, Locale locale) throws IOException {
        PlatformExport.prepare(response, "network-lines.xlsx");
        export.lines(Actor.require(), locale, response.getOutputStream());
    }

    // ---- interfaces

    @GetMapping("/interfaces")
    List<Registers.Interface> interfaces() {
        return registers.interfaces(Actor.require());
    }

    @GetMapping("/interfaces/{id}")
    Registers.Interface iface(@PathVariable long id) {
        return registers.iface(id, Actor.require()).orElseThrow(() -> new NotFound("interface " + id));
    }

    @PostMapping(path = "/interfaces", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Registers.Interface addInterface(@RequestBody NewInterface body) {
        return registers.addInterface(body);
    }

    record ReviewBody(String reviewedOn, String reviewer, String result, String note) {
    }

    @PostMapping(path = "/interfaces/{id}/reviews", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Registers.Interface review(@PathVariable long id, @RequestBody ReviewBody body) {
        return registers.review(id, new Review(CertificationApiController.date("reviewedOn", body.reviewedOn()), body.reviewer(),
                body.result(), body.note()));
    }

    // ---- hardware

    @GetMapping("/hardware")
    Map<String, Object> hardware() {
        Actor actor = Actor.require();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("devices", registers.devices(actor));
        m.put("shares", registers.shares(actor).stream().map(s -> Map.of("type", s.type(), "devices", s.devices(), "compliant", s.compliant(),
                "percent", s.percent())).toList());
        return m;
    }

    @PostMapping(path = "/hardware", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Registers.Device addDevice(@RequestBody NewDevice body) {
        return registers.addDevice(body);
    }

    @GetMapping("/hardware/export.xlsx")
    void exportHardware(HttpServletResponse response, Locale locale) throws IOException {
        PlatformExport.prepare(response, "platform-hardware.xlsx");
        export.hardware(Actor.require(), locale, response.getOutputStream());
    }

    // ---- business continuity

    @GetMapping("/continuity")
    List<Registers.Continuity> continuity() {
        return registers.continuity(Actor.require());
    }

    /** Multipart: kind PLAN or DR_TEST, title, onDate, (result, rtoMinutes, rpoMinutes for a test) and the evidence in part {@code file}. */
    @PostMapping("/continuity")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Registers.Continuity addContinuity(@RequestParam(required = false) String kind, @RequestParam(required = false) String title,
                                       @RequestParam(required = false) String onDate, @RequestParam(required = false) String result,
                                       @RequestParam(required = false) String rtoMinutes, @RequestParam(required = false) String rpoMinutes,
                                       @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        boolean has = file != null && !file.isEmpty();
        return registers.addContinuity(new NewContinuity(kind, title, CertificationApiController.date("onDate", onDate), result,
                number("rtoMinutes", rtoMinutes), number("rpoMinutes", rpoMinutes)), has ? file.getOriginalFilename() : null,
                has ? file.getInputStream() : null);
    }

    @GetMapping("/continuity/{id}/document")
    ResponseEntity<byte[]> continuityDocument(@PathVariable long id) {
        var doc = registers.continuityDocument(id, Actor.require()).orElseThrow(() -> new NotFound("continuity evidence " + id));
        return ResponseEntity.ok().header("Content-Disposition", cn.govcloud.guard.documents.Downloads.contentDisposition(doc.getKey()))
                .header("X-Content-Type-Options", "nosniff").contentType(MediaType.APPLICATION_OCTET_STREAM).body(doc.getValue());
    }

    static Integer number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("platform.bc.error.invalid", Map.of(field, "platform.bc.error.minutes"));
        }
    }
}
