package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.platform.internal.Certifications;
import cn.govcloud.guard.platform.internal.Certifications.Certification;
import cn.govcloud.guard.platform.internal.Certifications.Kind;
import cn.govcloud.guard.platform.internal.Certifications.NewCertification;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.NotFound;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

    /** A report with its filing duty (rule, due date and state; null until raised) and when the next report is due. */
    record CertificationView(long id, Kind kind, String reportNumber, String agency, LocalDate issueDate, LocalDate validUntil,
                             String conclusion, boolean expired, LocalDate nextDue, Long filingDutyId, String filingRule,
                             LocalDate filingDueDate, Instant filingDueAt, boolean filingDueProvisional, DutyState filingState,
                             Instant recordedAt, String recordedBy) {
        static CertificationView of(Certification c) {
            var f = c.filing();
            return new CertificationView(c.id(), c.kind(), c.reportNumber(), c.agency(), c.issueDate(), c.validUntil(), c.conclusion(),
                    c.expired(), c.nextDue(), c.filingDutyId(), c.kind().filingRule(), f == null ? null : f.dueDate(),
                    f == null ? null : f.dueAt(), f != null && f.dueProvisional(), f == null ? null : f.state(), c.recordedAt(),
                    c.recordedBy());
        }
    }

    record Body(Kind kind, String reportNumber, String agency, LocalDate issueDate, LocalDate validUntil, String conclusion) {
    }

    private final Certifications certifications;

    CertificationApiController(Certifications certifications) {
        this.certifications = certifications;
    }

    @GetMapping
    List<CertificationView> list() {
        return certifications.list(Actor.require()).stream().map(CertificationView::of).toList();
    }

    @GetMapping("/{id}")
    CertificationView get(@PathVariable long id) {
        return CertificationView.of(certifications.find(id, Actor.require()).orElseThrow(() -> new NotFound("certification " + id)));
    }

    /** JSON: the report is recorded and its filing duty raised; the report file is attached later on the duty. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    CertificationView record(@RequestBody Body body) {
        return CertificationView.of(certifications.register(Actor.require(), new NewCertification(body.kind(), body.reportNumber(), body.agency(),
                body.issueDate(), body.validUntil(), body.conclusion()), null, null));
    }

    /** Multipart with the report in part {@code report}: recorded and filed in one step. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    CertificationView recordAndFile(@RequestParam(required = false) String kind, @RequestParam(required = false) String reportNumber,
                                    @RequestParam(required = false) String agency, @RequestParam(required = false) String issueDate,
                                    @RequestParam(required = false) String validUntil, @RequestParam(required = false) String conclusion,
                                    @RequestPart(name = "report", required = false) MultipartFile report) throws IOException {
        NewCertification c = new NewCertification(Inputs.certificationKind(kind), reportNumber, agency, Inputs.date("issueDate", issueDate),
                Inputs.date("validUntil", validUntil), conclusion);
        boolean file = report != null && !report.isEmpty();
        return CertificationView.of(certifications.register(Actor.require(), c, file ? report.getOriginalFilename() : null,
                file ? report.getInputStream() : null));
    }
}
