package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.platform.internal.Certifications;
import cn.govcloud.guard.platform.internal.Certifications.Certification;
import cn.govcloud.guard.platform.internal.Certifications.Kind;
import cn.govcloud.guard.platform.internal.Certifications.NewCertification;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A5.2 certification reports over the API: the provider records them; the supervisor and regulators read them. */
@RestController
@RequestMapping("/api/v1/platform/certifications")
@AllowOversightAndProvider
class CertificationApiController {
    private final Certifications certifications;

    CertificationApiController(Certifications certifications) {
        this.certifications = certifications;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return certifications.list(Actor.require()).stream().map(CertificationApiController::json).toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return json(certifications.find(id, Actor.require()).orElseThrow(() -> new NotFound("certification " + id)));
    }

    record Body(Kind kind, String reportNumber, String agency, LocalDate issueDate, LocalDate validUntil, String conclusion) {
    }

    /** JSON: the report is recorded and its filing duty raised; the report file is attached later on the duty. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Map<String, Object> record(@RequestBody Body body) {
        return json(certifications.register(new NewCertification(body.kind(), body.reportNumber(), body.agency(), body.issueDate(),
                body.validUntil(), body.conclusion()), null, null));
    }

    /** Multipart with the report in part {@code report}: recorded and filed in one step. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Map<String, Object> recordAndFile(@RequestParam(required = false) String kind, @RequestParam(required = false) String reportNumber,
                                      @RequestParam(required = false) String agency, @RequestParam(required = false) String issueDate,
                                      @RequestParam(required = false) String validUntil, @RequestParam(required = false) String conclusion,
                                      @RequestPart(name = "report", required = false) MultipartFile report) throws IOException {
        NewCertification c = new NewCertification(kind(kind), reportNumber, agency, date("issueDate", issueDate), date("validUntil", validUntil),
                conclusion);
        boolean file = report != null && !report.isEmpty();
        return json(certifications.register(c, file ? report.getOriginalFilename() : null, file ? report.getInputStream() : null));
    }

    static Kind kind(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Kind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("platform.cert.error.invalid", Map.of("kind", "platform.cert.error.kind"));
        }
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("platform.cert.error.invalid", Map.of(field, "platform.cert.error.date"));
        }
    }

    static Map<String, Object> json(Certification c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("kind", c.kind());
        m.put("reportNumber", c.reportNumber());
        m.put("agency", c.agency());
        m.put("issueDate", c.issueDate());
        m.put("validUntil", c.validUntil());
        m.put("conclusion", c.conclusion());
        m.put("expired", c.expired());
        m.put("nextDue", c.nextDue());
        m.put("filingDutyId", c.filingDutyId());
        m.put("filingRule", c.kind().filingRule());
        m.put("filingDueDate", c.filing() == null ? null : c.filing().dueDate());
        m.put("filingDueAt", c.filing() == null ? null : c.filing().dueAt());
        m.put("filingDueProvisional", c.filing() != null && c.filing().dueProvisional());
        m.put("filingState", c.filing() == null ? null : c.filing().state());
        m.put("recordedAt", c.recordedAt());
        m.put("recordedBy", c.recordedBy());
        return m;
    }
}
