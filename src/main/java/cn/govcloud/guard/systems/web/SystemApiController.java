package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.internal.Admission;
import cn.govcloud.guard.systems.internal.Contractors;
import cn.govcloud.guard.systems.internal.Protections;
import cn.govcloud.guard.systems.internal.Suspensions;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.SystemRegistration;
import cn.govcloud.guard.systems.internal.Verification;
import cn.govcloud.guard.systems.internal.Admission.Agreement;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemQueries.Filter;
import cn.govcloud.guard.systems.internal.Verification.Item;
import cn.govcloud.guard.systems.internal.Verification.ItemDetails;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.SystemRegistration.Registration;
import cn.govcloud.guard.systems.internal.HostedSystem.Switch;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.SystemQueries.Transition;
import cn.govcloud.guard.systems.internal.SystemState;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import jakarta.servlet.http.HttpServletRequest;

/** Hosted systems over the API (API.md, "Systems"): units register and maintain, the supervisor verifies and decides, regulators read. */
@RestController
@RequestMapping("/api/v1/systems")
@AllowOversightAndUnits
class SystemApiController {
    private static final int PAGE = 50;
    private final SystemQueries systems;
    private final SystemRegistration registration;
    private final Admission admission;
    private final Verification verification;
    private final Protections protections;
    private final Contractors contractors;
    private final Suspensions suspensions;
    private final cn.govcloud.guard.systems.internal.WorkOrders workOrders;
    private final cn.govcloud.guard.systems.internal.WorkOrderQueries pending;

    SystemApiController(SystemQueries systems, SystemRegistration registration, Admission admission, Verification verification,
                Protections protections, Contractors contractors, Suspensions suspensions, cn.govcloud.guard.systems.internal.WorkOrders workOrders,
                        cn.govcloud.guard.systems.internal.WorkOrderQueries pending) {
        this.systems = systems;
        this.registration = registration;
        this.admission = admission;
        this.verification = verification;
        this.protections = protections;
        this.contractors = contractors;
        this.suspensions = suspensions;
        this.workOrders = workOrders;
        this.pending = pending;
    }

    record Body(String name, String purpose, Integer mlpsLevel, String filingNumber, String responsibleName, String responsibleMobile,
                List<String> exposure, List<String> addresses) {
        Registration registration() {
            return new Registration(name, purpose, mlpsLevel, filingNumber, responsibleName, responsibleMobile, exposure, addresses);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Map<String, Object> create(@RequestBody(required = false) Body body) {
        return json(registration.register(body == null ? new Body(null, null, null, null, null, null, null, null).registration()
                : body.registration()));
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) Long unit, @RequestParam(required = false) Integer level,
                             @RequestParam(required = false) String state, @RequestParam(required = false) String exposure,
                             @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Long before,
                             @RequestParam(required = false) Integer limit) {
        int size = limit == null ? PAGE : Math.max(1, Math.min(limit, 200));
        List<HostedSystem> page = systems.page(Actor.require(), new Filter(unit, level, parse(SystemState.class, "state", state),
                parse(Exposure.class, "exposure", exposure), overdue), before, size + 1);
        Map<String, Object> m = new LinkedHashMap<>();
        var open = pending.pending(page.stream().map(HostedSystem::id).toList());
        m.put("items", page.stream().limit(size).map(s -> withPending(json(s), open.getOrDefault(s.id(),
                cn.govcloud.guard.systems.internal.WorkOrderQueries.Pending.NONE))).toList());
        m.put("next", page.size() > size ? page.get(size - 1).id() : null);
        return m;
    }

    /**
     * Issue 17 point 6: {@code internetAccess} / {@code externalExchange} are the supervisor's decision; while the provider's
     * work order for a switch is open, {@code …Pending} is true ("ordered, awaiting execution").
     */
    static Map<String, Object> withPending(Map<String, Object> m, cn.govcloud.guard.systems.internal.WorkOrderQueries.Pending p) {
        m.put("internetAccessPending", p.internetAccessPending());
        m.put("externalExchangePending", p.externalExchangePending());
        return m;
    }

    /** The provider reads a unit's system only under the unit's grant (A8.1, checked and recorded by the access module). */
    @GetMapping("/{id}")
    @AllowParties
    Map<String, Object> get(@PathVariable long id) {
        Actor actor = Actor.require();
        HostedSystem system = systems.readable(id, actor);
        Map<String, Object> m = withPending(json(system), pending.pending(id));
        m.put("agreement", admission.agreement(id).map(SystemApiController::json).orElse(null));
        Map<String, Object> items = new LinkedHashMap<>();
        verification.items(id).forEach((kind, item) -> items.put(kind.name(), json(item)));
        m.put("verification", items);
        m.put("verificationPassed", verification.verificationPassed(id));
        Map<String, Object> measures = new LinkedHashMap<>();
        protections.protections(id).forEach((measure, p) -> measures.put(measure.name(), Map.of("present", p.present(),
                "detail", p.detail() == null ? "" : p.detail())));
        m.put("protections", measures);
        m.put("contractors", contractors.contractors(id).stream().map(SystemApiController::json).toList());
        m.put("timeline", systems.timeline(id).stream().map(SystemApiController::json).toList());
        m.put("duties", systems.duties(id).stream().map(SystemApiController::json).toList());
        m.put("workOrders", workOrders.page(actor, new cn.govcloud.guard.systems.internal.WorkOrders.Filter(id, null, null, null), null, 50)
                .stream().map(WorkOrderApiController::json).toList());
        return m;
    }

    /** The responsible person's full mobile number: for the unit and the supervisor, audited; regulators see it masked only. */
    @GetMapping("/{id}/responsible-mobile")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR})
    Map<String, Object> responsibleMobile(@PathVariable long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("responsibleMobile", systems.responsibleMobile(id, Actor.require()).orElse(null));
        return m;
    }

    @PutMapping("/{id}")
    @AllowUnitPeople
    Map<String, Object> update(@PathVariable long id, @RequestBody(required = false) Body body) {
        Body b = body == null ? new Body(null, null, null, null, null, null, null, null) : body;
        return json(registration.update(id, b.registration()));
    }

    /** A11.1: multipart with the signed agreement in part {@code file} and fields unitSignatory, providerSignatory, signedOn. */
    @PostMapping("/{id}/agreement")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Map<String, Object> agreement(@PathVariable long id, @RequestParam(required = false) String agreementNumber,
                                  @RequestParam(required = false) String unitSignatory,
                                  @RequestParam(required = false) String providerSignatory, @RequestParam(required = false) String signedOn,
                                  HttpServletRequest request) throws IOException {
        MultipartFile file = file(request);
        boolean has = file != null && !file.isEmpty();
        return json(admission.uploadAgreement(id, agreementNumber, unitSignatory, providerSignatory, date("signedOn", signedOn),
                has ? file.getOriginalFilename() : null, has ? file.getInputStream() : null));
    }

    @PostMapping("/{id}/submission")
    @AllowUnitPeople
    Map<String, Object> submit(@PathVariable long id) {
        return json(admission.submit(id));
    }

    /** API.md: asks for admission; without a signed agreement → 409 naming A11.1. */
    @PostMapping("/{id}/admission")
    @AllowUnitPeople
    Map<String, Object> requestAdmission(@PathVariable long id) {
        return json(admission.requestAdmission(id));
    }

    /** A11.2: one verification item, multipart with the document in part {@code file} (the MLPS certificate with its details). */
    @PostMapping("/{id}/verification/{kind}")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Map<String, Object> uploadItem(@PathVariable long id, @PathVariable String kind, @RequestParam(required = false) String certNumber,
                                   @RequestParam(required = false) String certDate, @RequestParam(required = false) String conclusion,
                                   @RequestParam(required = false) String validUntil, @RequestParam(required = false) String certLevel,
                                   HttpServletRequest request) throws IOException {
        MultipartFile file = file(request);
        boolean has = file != null && !file.isEmpty();
        return json(verification.uploadItem(id, parse(ItemKind.class, "kind", kind), new ItemDetails(certNumber, date("certDate", certDate),
                conclusion, date("validUntil", validUntil), level(certLevel)), has ? file.getOriginalFilename() : null,
                has ? file.getInputStream() : null));
    }

    /** The certificate's protection level (1–5), optional at upload; anything else is 400 naming {@code certLevel}. */
    static Integer level(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new cn.govcloud.guard.shared.InvalidInput("systems.error.invalid", Map.of("certLevel", "systems.error.certLevel"));
        }
    }

    /** A7.1: one protection measure, multipart (fields present=true|false, detail; optional evidence in part {@code file}) or form. */
    @PostMapping("/{id}/protections/{measure}")
    @AllowUnitPeople
    Map<String, Object> protection(@PathVariable long id, @PathVariable String measure, @RequestParam(required = false) String present,
                                   @RequestParam(required = false) String detail, HttpServletRequest request) throws IOException {
        MultipartFile file = file(request);
        boolean has = file != null && !file.isEmpty();
        var p = protections.declareProtection(id, parse(Protections.Measure.class, "measure", measure), bool(present), detail,
                has ? file.getOriginalFilename() : null, has ? file.getInputStream() : null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", p.measure());
        m.put("present", p.present());
        m.put("detail", p.detail());
        m.put("documentId", p.documentId());
        m.put("declaredAt", p.declaredAt());
        m.put("declaredBy", p.declaredBy());
        return m;
    }

    record NewContractor(String name, String role, String dataAccess) {
    }

    /** A7.2: a builder or operator with the data access it is allowed. */
    @PostMapping("/{id}/contractors")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Map<String, Object> engage(@PathVariable long id, @RequestBody(required = false) NewContractor body) {
        NewContractor b = body == null ? new NewContractor(null, null, null) : body;
        return json(contractors.engageContractor(id, b.name(), parse(Contractors.ContractorRole.class, "contractorRole", b.role()), b.dataAccess()));
    }

    /** A7.2: multipart with parts {@code confidentiality} and {@code responsibility}, fields signedOn and expiresOn. */
    @PostMapping("/{id}/contractors/{contractorId}/agreements")
    @AllowUnitPeople
    Map<String, Object> contractorAgreements(@PathVariable long id, @PathVariable long contractorId, @RequestParam(required = false) String signedOn,
                                             @RequestParam(required = false) String expiresOn, HttpServletRequest request) throws IOException {
        MultipartFile conf = file(request, "confidentiality");
        MultipartFile resp = file(request, "responsibility");
        return json(contractors.contractorAgreements(id, contractorId, date("signedOn", signedOn), date("expiresOn", expiresOn),
                conf == null ? null : conf.getOriginalFilename(), conf == null ? null : conf.getBytes(),
                resp == null ? null : resp.getOriginalFilename(), resp == null ? null : resp.getBytes()));
    }

    static MultipartFile file(HttpServletRequest request, String part) {
        MultipartHttpServletRequest multipart = org.springframework.web.util.WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile(part);
        return file == null || file.isEmpty() ? null : file;
    }

    static Map<String, Object> json(Contractors.Contractor c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("role", c.role());
        m.put("dataAccess", c.dataAccess());
        m.put("confidentialityDocumentId", c.confidentialityDocumentId());
        m.put("responsibilityDocumentId", c.responsibilityDocumentId());
        m.put("signedOn", c.signedOn());
        m.put("expiresOn", c.expiresOn());
        m.put("expired", c.expired());
        return m;
    }

    static Boolean bool(String value) {
        if ("true".equals(value) || "on".equals(value)) {
            return true;
        }
        return "false".equals(value) ? false : null;
    }

    record Review(Boolean accept, String reason) {
    }

    @PostMapping("/{id}/verification/{kind}/review")
    @AllowSupervisor
    Map<String, Object> review(@PathVariable long id, @PathVariable String kind, @RequestBody(required = false) Review body) {
        if (body == null || body.accept() == null) {
            throw new InvalidInput("systems.error.invalid", Map.of("accept", "systems.error.accept"));
        }
        return json(verification.reviewItem(id, parse(ItemKind.class, "kind", kind), body.accept(), body.reason()));
    }

    @PostMapping("/{id}/admit")
    @AllowSupervisor
    Map<String, Object> admit(@PathVariable long id) {
        return json(admission.admit(id));
    }

    record Toggle(Boolean on, String reason) {
    }

    @PostMapping("/{id}/internet-access")
    @AllowSupervisor
    Map<String, Object> internet(@PathVariable long id, @RequestBody(required = false) Toggle body) {
        return json(admission.setSwitch(id, Switch.INTERNET_ACCESS, on(body), body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/external-exchange")
    @AllowSupervisor
    Map<String, Object> exchange(@PathVariable long id, @RequestBody(required = false) Toggle body) {
        return json(admission.setSwitch(id, Switch.EXTERNAL_EXCHANGE, on(body), body == null ? null : body.reason()));
    }

    record Order(String reason, LocalDate deadline, String dataDisposition) {
    }

    @PostMapping("/{id}/suspension")
    @AllowSupervisor
    Map<String, Object> suspend(@PathVariable long id, @RequestBody(required = false) Order body) {
        return json(suspensions.suspend(id, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/resumption")
    @AllowSupervisor
    Map<String, Object> resume(@PathVariable long id, @RequestBody(required = false) Order body) {
        return json(suspensions.resume(id, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/exit-order")
    @AllowSupervisor
    Map<String, Object> orderExit(@PathVariable long id, @RequestBody(required = false) Order body) {
        return json(suspensions.orderExit(id, body == null ? null : body.reason(), body == null ? null : body.deadline()));
    }

    @PostMapping("/{id}/exit")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR})
    Map<String, Object> exit(@PathVariable long id, @RequestBody(required = false) Order body) {
        return json(suspensions.completeExit(id, body == null ? null : body.dataDisposition()));
    }

    @GetMapping("/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId) {
        StoredDocument doc = systems.document(id, documentId, Actor.require());
        return Downloads.attachment(doc, systems.documentContent(documentId));
    }

    // ---- JSON ----------------------------------------------------------------------------------

    /** The part {@code file} of a multipart request; null for any other request (the service then asks for the file). */
    static MultipartFile file(HttpServletRequest request) {
        MultipartHttpServletRequest multipart = org.springframework.web.util.WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        return multipart == null ? null : multipart.getFile("file");
    }

    private static boolean on(Toggle body) {
        if (body == null || body.on() == null) {
            throw new InvalidInput("systems.error.invalid", Map.of("on", "systems.error.on"));
        }
        return body.on();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("systems.error.invalid", Map.of(field, "systems.error." + field));
        }
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("systems.error.invalid", Map.of(field, "systems.error.date"));
        }
    }

    static Map<String, Object> json(HostedSystem s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", s.state());
        m.put("name", s.name());
        m.put("unitId", s.orgId());
        m.put("unitName", s.orgName());
        m.put("purpose", s.purpose());
        m.put("mlpsLevel", s.mlpsLevel());
        m.put("filingNumber", s.filingNumber());
        m.put("responsibleName", s.responsibleName());
        m.put("responsibleMobile", s.mobileMasked());
        m.put("exposure", s.exposure());
        m.put("addresses", s.assets().stream().map(a -> Map.of("kind", a.kind(), "address", a.address())).toList());
        m.put("internetAccess", s.internetAccess());
        m.put("externalExchange", s.externalExchange());
        m.put("exitDeadline", s.exitDeadline());
        m.put("exitOverdue", s.exitOverdue());
        m.put("stateReason", s.stateReason());
        m.put("dataDisposition", s.dataDisposition());
        m.put("createdAt", s.createdAt());
        m.put("updatedAt", s.updatedAt());
        return m;
    }

    static Map<String, Object> json(Agreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("documentId", a.documentId());
        m.put("agreementNumber", a.agreementNumber());
        m.put("unitSignatory", a.unitSignatory());
        m.put("providerSignatory", a.providerSignatory());
        m.put("signedOn", a.signedOn());
        m.put("recordedAt", a.recordedAt());
        m.put("recordedBy", a.recordedBy());
        return m;
    }

    static Map<String, Object> json(Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", i.kind());
        m.put("status", i.status());
        m.put("documentId", i.documentId());
        m.put("certNumber", i.certNumber());
        m.put("certDate", i.certDate());
        m.put("conclusion", i.conclusion());
        m.put("validUntil", i.validUntil());
        m.put("certLevel", i.certLevel());
        m.put("reviewReason", i.reviewReason());
        m.put("uploadedAt", i.uploadedAt());
        m.put("uploadedBy", i.uploadedBy());
        m.put("reviewedAt", i.reviewedAt());
        m.put("reviewedBy", i.reviewedBy());
        return m;
    }

    static Map<String, Object> json(Transition t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", t.action());
        m.put("from", t.from());
        m.put("to", t.to());
        m.put("rule", t.rule());
        m.put("reason", t.reason());
        m.put("actor", t.actor());
        m.put("at", t.at());
        return m;
    }

    static Map<String, Object> json(Duty d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("ruleId", d.ruleId());
        m.put("article", d.article());
        m.put("state", d.state());
        m.put("dueDate", d.dueDate());
        m.put("dueAt", d.dueAt());
        m.put("dueProvisional", d.dueProvisional());
        return m;
    }
}
