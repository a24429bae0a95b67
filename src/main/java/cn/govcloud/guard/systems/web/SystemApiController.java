package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.internal.Admission;
import cn.govcloud.guard.systems.internal.Classification;
import cn.govcloud.guard.systems.internal.Contractors;
import cn.govcloud.guard.systems.internal.Protections;
import cn.govcloud.guard.systems.internal.Suspensions;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.SystemRegistration;
import cn.govcloud.guard.systems.internal.Verification;
import cn.govcloud.guard.systems.internal.SystemQueries.Filter;
import cn.govcloud.guard.systems.internal.Verification.ItemDetails;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.SystemRegistration.Registration;
import cn.govcloud.guard.systems.internal.HostedSystem.Switch;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.WorkOrderQueries;
import cn.govcloud.guard.systems.internal.WorkOrderQueries.Pending;
import cn.govcloud.guard.systems.internal.WorkOrders;
import cn.govcloud.guard.systems.web.SystemDtos.AgreementJson;
import cn.govcloud.guard.systems.web.SystemDtos.ContractorJson;
import cn.govcloud.guard.systems.web.SystemDtos.DutyJson;
import cn.govcloud.guard.systems.web.SystemDtos.ItemJson;
import cn.govcloud.guard.systems.web.SystemDtos.ListedSystem;
import cn.govcloud.guard.systems.web.SystemDtos.MeasureJson;
import cn.govcloud.guard.systems.web.SystemDtos.MobileJson;
import cn.govcloud.guard.systems.web.SystemDtos.Page;
import cn.govcloud.guard.systems.web.SystemDtos.ProtectionJson;
import cn.govcloud.guard.systems.web.SystemDtos.SystemDetail;
import cn.govcloud.guard.systems.web.SystemDtos.SystemJson;
import cn.govcloud.guard.systems.web.SystemDtos.TransitionJson;
import cn.govcloud.guard.systems.web.SystemDtos.WorkOrderJson;
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
    private final WorkOrders workOrders;
    private final WorkOrderQueries pending;
    private final Classification classification;

    SystemApiController(SystemQueries systems, SystemRegistration registration, Admission admission, Verification verification,
                Protections protections, Contractors contractors, Suspensions suspensions, WorkOrders workOrders,
                        WorkOrderQueries pending, Classification classification) {
        this.classification = classification;
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

    /** {@code nonClassified} + {@code nonClassifiedDeclarant}: the 非涉密 declaration at registration (A2, issue 22 point 3). */
    record Body(String name, String purpose, Integer mlpsLevel, String filingNumber, String responsibleName, String responsibleMobile,
                List<String> exposure, List<String> addresses, Boolean nonClassified, String nonClassifiedDeclarant) {
        Registration registration() {
            return new Registration(name, purpose, mlpsLevel, filingNumber, responsibleName, responsibleMobile, exposure, addresses);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    SystemJson create(@RequestBody(required = false) Body body) {
        Body b = body == null ? new Body(null, null, null, null, null, null, null, null, null, null) : body;
        // A2: the declaration made with the registration is checked with it, so a bad one saves nothing
        boolean declaring = b.nonClassified() != null || b.nonClassifiedDeclarant() != null;
        Map<String, String> errors = new LinkedHashMap<>(registration.check(b.registration()));
        if (declaring) {
            errors.putAll(Classification.declarationErrors(b.nonClassified(), b.nonClassifiedDeclarant()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.error.invalid", errors);
        }
        HostedSystem system = registration.register(b.registration());
        if (declaring) {
            classification.declare(system.id(), b.nonClassified(), b.nonClassifiedDeclarant(), Actor.require());
        }
        return SystemJson.of(system);
    }

    @GetMapping
    Page<ListedSystem> list(@RequestParam(required = false) Long unit, @RequestParam(required = false) Integer level,
                             @RequestParam(required = false) String state, @RequestParam(required = false) String exposure,
                             @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Boolean cii,
                             @RequestParam(required = false) Boolean nonClassified, @RequestParam(required = false) Long before,
                             @RequestParam(required = false) Integer limit, @RequestParam(required = false) String q) {
        int size = limit == null ? PAGE : Math.max(1, Math.min(limit, 200));
        // q (issue 23 point 11): the keyword the page searches, an optional parameter added to the documented ones
        ListParameters p = ListParams.api("q", q, "unit", unit, "level", level, "state", state, "exposure", exposure, "overdue", overdue,
                "cii", cii, "nonClassified", nonClassified);
        Filter filter = ListParams.systems(p);
        p.check(); // issue 23 point 11: a value the list cannot read is a 400 naming it, as on the page
        List<HostedSystem> page = systems.page(Actor.require(), filter, before, size + 1);
        List<Long> ids = page.stream().map(HostedSystem::id).toList();
        var open = pending.pending(ids);
        var flags = classification.flags(ids);
        return Page.of(page, size, s -> ListedSystem.of(s, open.getOrDefault(s.id(), Pending.NONE),
                flags.getOrDefault(s.id(), new Classification.Flags(false, false))), HostedSystem::id);
    }

    /** The provider reads a unit's system only under the unit's grant (A8.1, checked and recorded by the access module). */
    @GetMapping("/{id}")
    @AllowParties
    SystemDetail get(@PathVariable long id) {
        Actor actor = Actor.require();
        HostedSystem system = systems.readable(id, actor);
        Pending open = pending.pending(id);
        Map<String, MeasureJson> measures = new LinkedHashMap<>();
        protections.protections(id).forEach((measure, p) -> measures.put(measure.name(), MeasureJson.of(p)));
        return new SystemDetail(SystemJson.of(system), open.internetAccessPending(), open.externalExchangePending(),
                admission.agreement(id).map(AgreementJson::of).orElse(null), ItemJson.all(verification.items(id)),
                verification.verificationPassed(id), measures, contractors.contractors(id).stream().map(ContractorJson::of).toList(),
                systems.timeline(id).stream().map(TransitionJson::of).toList(), systems.duties(id).stream().map(DutyJson::of).toList(),
                workOrders.page(actor, new WorkOrders.Filter(id, null, null, null), null, 50).stream().map(WorkOrderJson::of).toList());
    }

    /** The responsible person's full mobile number: for the unit and the supervisor, audited; regulators see it masked only. */
    @GetMapping("/{id}/responsible-mobile")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR})
    MobileJson responsibleMobile(@PathVariable long id) {
        return new MobileJson(systems.responsibleMobile(id, Actor.require()).orElse(null));
    }

    @PutMapping("/{id}")
    @AllowUnitPeople
    SystemJson update(@PathVariable long id, @RequestBody(required = false) Body body) {
        Body b = body == null ? new Body(null, null, null, null, null, null, null, null, null, null) : body;
        return SystemJson.of(registration.update(id, b.registration()));
    }

    /** A11.1: multipart with the signed agreement in part {@code file} and fields unitSignatory, providerSignatory, signedOn. */
    @PostMapping("/{id}/agreement")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    AgreementJson agreement(@PathVariable long id, @RequestParam(required = false) String agreementNumber,
                                  @RequestParam(required = false) String unitSignatory,
                                  @RequestParam(required = false) String providerSignatory, @RequestParam(required = false) String signedOn,
                                  HttpServletRequest request) throws IOException {
        Upload upload = Upload.of(file(request));
        return AgreementJson.of(admission.uploadAgreement(id, agreementNumber, unitSignatory, providerSignatory, date("signedOn", signedOn),
                upload.name(), upload.content()));
    }

    @PostMapping("/{id}/submission")
    @AllowUnitPeople
    SystemJson submit(@PathVariable long id) {
        return SystemJson.of(admission.submit(id));
    }

    /** API.md: asks for admission; without a signed agreement → 409 naming A11.1. */
    @PostMapping("/{id}/admission")
    @AllowUnitPeople
    SystemJson requestAdmission(@PathVariable long id) {
        return SystemJson.of(admission.requestAdmission(id));
    }

    /** A11.2: one verification item, multipart with the document in part {@code file} (the MLPS certificate with its details). */
    @PostMapping("/{id}/verification/{kind}")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    ItemJson uploadItem(@PathVariable long id, @PathVariable String kind, @RequestParam(required = false) String certNumber,
                                   @RequestParam(required = false) String certDate, @RequestParam(required = false) String conclusion,
                                   @RequestParam(required = false) String validUntil, @RequestParam(required = false) String certLevel,
                                   HttpServletRequest request) throws IOException {
        Upload upload = Upload.of(file(request));
        return ItemJson.of(verification.uploadItem(id, parse(ItemKind.class, "kind", kind), new ItemDetails(certNumber, date("certDate", certDate),
                conclusion, date("validUntil", validUntil), level(certLevel)), upload.name(), upload.content()));
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
    ProtectionJson protection(@PathVariable long id, @PathVariable String measure, @RequestParam(required = false) String present,
                                   @RequestParam(required = false) String detail, HttpServletRequest request) throws IOException {
        Upload upload = Upload.of(file(request));
        var p = protections.declareProtection(id, parse(Protections.Measure.class, "measure", measure), bool(present), detail,
                upload.name(), upload.content());
        return ProtectionJson.of(p);
    }

    record NewContractor(String name, String role, String dataAccess) {
    }

    /** A7.2: a builder or operator with the data access it is allowed. */
    @PostMapping("/{id}/contractors")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    ContractorJson engage(@PathVariable long id, @RequestBody(required = false) NewContractor body) {
        NewContractor b = body == null ? new NewContractor(null, null, null) : body;
        return ContractorJson.of(contractors.engageContractor(id, b.name(), parse(Contractors.ContractorRole.class, "contractorRole", b.role()), b.dataAccess()));
    }

    /** A7.2: multipart with parts {@code confidentiality} and {@code responsibility}, fields signedOn and expiresOn. */
    @PostMapping("/{id}/contractors/{contractorId}/agreements")
    @AllowUnitPeople
    ContractorJson contractorAgreements(@PathVariable long id, @PathVariable long contractorId, @RequestParam(required = false) String signedOn,
                                             @RequestParam(required = false) String expiresOn, HttpServletRequest request) throws IOException {
        MultipartFile conf = file(request, "confidentiality");
        MultipartFile resp = file(request, "responsibility");
        return ContractorJson.of(contractors.contractorAgreements(id, contractorId, date("signedOn", signedOn), date("expiresOn", expiresOn),
                conf == null ? null : conf.getOriginalFilename(), conf == null ? null : conf.getBytes(),
                resp == null ? null : resp.getOriginalFilename(), resp == null ? null : resp.getBytes()));
    }

    static MultipartFile file(HttpServletRequest request, String part) {
        MultipartHttpServletRequest multipart = org.springframework.web.util.WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile(part);
        return file == null || file.isEmpty() ? null : file;
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
    ItemJson review(@PathVariable long id, @PathVariable String kind, @RequestBody(required = false) Review body) {
        if (body == null || body.accept() == null) {
            throw new InvalidInput("systems.error.invalid", Map.of("accept", "systems.error.accept"));
        }
        return ItemJson.of(verification.reviewItem(id, parse(ItemKind.class, "kind", kind), body.accept(), body.reason()));
    }

    @PostMapping("/{id}/admit")
    @AllowSupervisor
    SystemJson admit(@PathVariable long id) {
        return SystemJson.of(admission.admit(id));
    }

    record Toggle(Boolean on, String reason) {
    }

    @PostMapping("/{id}/internet-access")
    @AllowSupervisor
    SystemJson internet(@PathVariable long id, @RequestBody(required = false) Toggle body) {
        return SystemJson.of(admission.setSwitch(id, Switch.INTERNET_ACCESS, on(body), body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/external-exchange")
    @AllowSupervisor
    SystemJson exchange(@PathVariable long id, @RequestBody(required = false) Toggle body) {
        return SystemJson.of(admission.setSwitch(id, Switch.EXTERNAL_EXCHANGE, on(body), body == null ? null : body.reason()));
    }

    record Order(String reason, LocalDate deadline, String dataDisposition) {
    }

    @PostMapping("/{id}/suspension")
    @AllowSupervisor
    SystemJson suspend(@PathVariable long id, @RequestBody(required = false) Order body) {
        return SystemJson.of(suspensions.suspend(id, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/resumption")
    @AllowSupervisor
    SystemJson resume(@PathVariable long id, @RequestBody(required = false) Order body) {
        return SystemJson.of(suspensions.resume(id, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/exit-order")
    @AllowSupervisor
    SystemJson orderExit(@PathVariable long id, @RequestBody(required = false) Order body) {
        return SystemJson.of(suspensions.orderExit(id, body == null ? null : body.reason(), body == null ? null : body.deadline()));
    }

    @PostMapping("/{id}/exit")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR})
    SystemJson exit(@PathVariable long id, @RequestBody(required = false) Order body) {
        return SystemJson.of(suspensions.completeExit(id, body == null ? null : body.dataDisposition()));
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

}
