package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.BusinessContinuity;
import cn.govcloud.guard.platform.internal.Hardware;
import cn.govcloud.guard.platform.internal.Interfaces;
import cn.govcloud.guard.platform.internal.NetworkLines;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
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

    record LineBody(String name, String lineType, String carrier, String bandwidth, String userOrg, Boolean firewall,
                    Boolean intrusionPrevention, String boundaryNote) {
    }

    record Protection(Boolean firewall, Boolean intrusionPrevention, String boundaryNote) {
    }

    /** A6.2: a line without a firewall at its boundary. */
    record LineFinding(String rule, String type, long lineId, String name, String carrier) {
    }

    record InterfaceBody(Long lineId, String name, String endpoint, String purpose, String manager, String managerContact) {
    }

    record ReviewBody(String reviewedOn, String reviewer, String result, String note) {
    }

    record DeviceBody(String type, String vendor, String model, String role, String location, Integer quantity, Boolean compliant,
                      String basis) {
    }

    record ShareView(String type, long devices, long compliant, int percent) {
    }

    record HardwareView(List<Hardware.Device> devices, List<ShareView> shares) {
    }

    private final NetworkLines lines;
    private final Interfaces interfaces;
    private final Hardware hardware;
    private final BusinessContinuity continuity;
    private final PlatformExport export;

    RegistersApiController(NetworkLines lines, Interfaces interfaces, Hardware hardware, BusinessContinuity continuity,
                           PlatformExport export) {
        this.lines = lines;
        this.interfaces = interfaces;
        this.hardware = hardware;
        this.continuity = continuity;
        this.export = export;
    }

    // ---- lines

    @GetMapping("/network-lines")
    List<NetworkLines.Line> lines() {
        return lines.lines(Actor.require());
    }

    @GetMapping("/network-lines/{id}")
    NetworkLines.Line line(@PathVariable long id) {
        return lines.line(id, Actor.require()).orElseThrow(() -> new NotFound("network line " + id));
    }

    @PostMapping(path = "/network-lines", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    NetworkLines.Line addLine(@RequestBody LineBody b) {
        return lines.addLine(Actor.require(), new NetworkLines.NewLine(b.name(), b.lineType(), b.carrier(), b.bandwidth(), b.userOrg(), b.firewall(),
                b.intrusionPrevention(), b.boundaryNote()));
    }

    @PostMapping(path = "/network-lines/{id}/protection", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    NetworkLines.Line protection(@PathVariable long id, @RequestBody Protection body) {
        return lines.setProtection(Actor.require(), id, body.firewall(), body.intrusionPrevention(), body.boundaryNote());
    }

    /** A6.2: every line without a firewall at its boundary. */
    @GetMapping("/network-lines/findings")
    List<LineFinding> lineFindings() {
        return lines.lines(Actor.require()).stream().filter(NetworkLines.Line::finding)
                .map(l -> new LineFinding("A6.2", "NO_FIREWALL", l.id(), l.name(), l.carrier())).toList();
    }

    @GetMapping("/network-lines/export.xlsx")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    void exportLines(HttpServletResponse response) throws IOException {
        export.lines(Actor.require(), response);
    }

    // ---- interfaces

    @GetMapping("/interfaces")
    List<Interfaces.Interface> interfaces() {
        return interfaces.interfaces(Actor.require());
    }

    @GetMapping("/interfaces/{id}")
    Interfaces.Interface iface(@PathVariable long id) {
        return interfaces.iface(id, Actor.require()).orElseThrow(() -> new NotFound("interface " + id));
    }

    @PostMapping(path = "/interfaces", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Interfaces.Interface addInterface(@RequestBody InterfaceBody b) {
        return interfaces.addInterface(Actor.require(), new Interfaces.NewInterface(b.lineId(), b.name(), b.endpoint(), b.purpose(), b.manager(),
                b.managerContact()));
    }

    @PostMapping(path = "/interfaces/{id}/reviews", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Interfaces.Interface review(@PathVariable long id, @RequestBody ReviewBody body) {
        return interfaces.review(Actor.require(), id, new Interfaces.Review(Inputs.date("reviewedOn", body.reviewedOn()), body.reviewer(),
                body.result(), body.note()));
    }

    // ---- hardware

    @GetMapping("/hardware")
    HardwareView hardware() {
        Actor actor = Actor.require();
        return new HardwareView(hardware.devices(actor), hardware.shares(actor).stream()
                .map(s -> new ShareView(s.type(), s.devices(), s.compliant(), s.percent())).toList());
    }

    @PostMapping(path = "/hardware", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Hardware.Device addDevice(@RequestBody DeviceBody b) {
        return hardware.addDevice(Actor.require(), new Hardware.NewDevice(b.type(), b.vendor(), b.model(), b.role(), b.location(), b.quantity(),
                b.compliant(), b.basis()));
    }

    @GetMapping("/hardware/export.xlsx")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    void exportHardware(HttpServletResponse response) throws IOException {
        export.hardware(Actor.require(), response);
    }

    // ---- business continuity

    @GetMapping("/continuity")
    List<BusinessContinuity.Continuity> continuity() {
        return continuity.continuity(Actor.require());
    }

    /** Multipart: kind PLAN or DR_TEST, title, onDate, (result, rtoMinutes, rpoMinutes for a test) and the evidence in part {@code file}. */
    @PostMapping("/continuity")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    BusinessContinuity.Continuity addContinuity(@RequestParam(required = false) String kind, @RequestParam(required = false) String title,
                                                @RequestParam(required = false) String onDate, @RequestParam(required = false) String result,
                                                @RequestParam(required = false) String rtoMinutes,
                                                @RequestParam(required = false) String rpoMinutes,
                                                @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        boolean has = file != null && !file.isEmpty();
        return continuity.addContinuity(Actor.require(), new BusinessContinuity.NewContinuity(kind, title, Inputs.date("onDate", onDate), result,
                Inputs.number("rtoMinutes", rtoMinutes), Inputs.number("rpoMinutes", rpoMinutes)), has ? file.getOriginalFilename() : null,
                has ? file.getInputStream() : null);
    }

    @GetMapping("/continuity/{id}/document")
    ResponseEntity<byte[]> continuityDocument(@PathVariable long id) {
        return HardwarePages.evidence(continuity, id);
    }
}
