package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.platform.internal.SupplyChain;
import cn.govcloud.guard.platform.internal.SupplyChain.Agreement;
import cn.govcloud.guard.platform.internal.SupplyChain.Assessment;
import cn.govcloud.guard.platform.internal.SupplyChain.Filter;
import cn.govcloud.guard.platform.internal.SupplyChain.ImportResult;
import cn.govcloud.guard.platform.internal.SupplyChain.Item;
import cn.govcloud.guard.platform.internal.SupplyChain.Kind;
import cn.govcloud.guard.platform.internal.SupplyChain.NewItem;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A5.5 over the API: the provider imports SBOMs and assesses; the supervisor and regulators read (API.md "Supply chain"). */
@RestController
@RequestMapping("/api/v1/supply-chain")
@AllowOversightAndProvider
class SupplyChainApiController {
    private final SupplyChain supplyChain;
    private final PlatformExport export;

    SupplyChainApiController(SupplyChain supplyChain, PlatformExport export) {
        this.supplyChain = supplyChain;
        this.export = export;
    }

    /**
     * API.md: multipart, CycloneDX JSON or XML in field {@code file} → 201 {"components", "new", "removed"}; a bad file → 400/422,
     * nothing stored. Optional field {@code subject}: the product the SBOM describes, required when the file names none
     * ({@code metadata.component}).
     */
    @PostMapping("/sbom")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Map<String, Object> importSbom(@RequestParam(name = "file", required = false) MultipartFile file,
                                   @RequestParam(name = "subject", required = false) String subject) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("platform.sbom.error.invalid", Map.of("file", "platform.sbom.error.file"));
        }
        if (file.getSize() > supplyChain.maxSbomBytes()) {
            throw new cn.govcloud.guard.shared.Unprocessable("platform.sbom.error.tooLarge");
        }
        ImportResult r = supplyChain.importSbom(file.getOriginalFilename(), file.getInputStream(), subject);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("components", r.components());
        m.put("new", r.added());
        m.put("removed", r.removed());
        return m;
    }

    @GetMapping("/summary")
    Map<String, Object> summary() {
        SupplyChain.Summary s = supplyChain.summary(Actor.require());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", s.items());
        m.put("inUse", s.inUse());
        m.put("pending", s.pending());
        m.put("approved", s.approved());
        m.put("conditional", s.conditional());
        m.put("rejected", s.rejected());
        m.put("removed", s.removed());
        m.put("findings", s.findings());
        m.put("unassessedInUse", s.unassessedInUse());
        m.put("rejectedInUse", s.rejectedInUse());
        m.put("withoutAgreement", s.withoutAgreement());
        m.put("vulnerable", s.vulnerable());
        m.put("lastImport", s.lastImport());
        return m;
    }

    @GetMapping("/items")
    List<Map<String, Object>> items(@RequestParam(required = false) String state, @RequestParam(required = false) String kind,
                                    @RequestParam(required = false) String q, @RequestParam(defaultValue = "false") boolean findings,
                                    @RequestParam(defaultValue = "500") int limit) {
        return supplyChain.list(Actor.require(), filter(state, kind, q, findings, limit)).stream().map(SupplyChainApiController::json).toList();
    }

    static Filter filter(String state, String kind, String q, boolean findings, int limit) {
        if (state != null && !state.isBlank() && !state.equals("REMOVED")) {
            try {
                SupplyChain.State.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("platform.supply.error.invalid", Map.of("state", "platform.supply.error.state"));
            }
        }
        if (q != null && q.length() > 200) {
            throw new InvalidInput("platform.supply.error.invalid", Map.of("q", "platform.supply.error.q"));
        }
        return new Filter(state, kind(kind) == null ? null : kind(kind).name(), q, findings, Math.max(1, Math.min(limit, 5000)));
    }

    @GetMapping("/items/{id}")
    Map<String, Object> item(@PathVariable long id) {
        return json(supplyChain.find(id, Actor.require()).orElseThrow(() -> new NotFound("supply item " + id)));
    }

    record ItemBody(String kind, String name, String version, String supplier, String description) {
    }

    @PostMapping(path = "/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Map<String, Object> propose(@RequestBody ItemBody body) {
        return json(supplyChain.propose(new NewItem(kind(body.kind()), body.name(), body.version(), body.supplier(), body.description())));
    }

    @PostMapping(path = "/items/{id}/assessment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    Map<String, Object> assess(@PathVariable long id, @RequestBody Assessment body) {
        return json(supplyChain.assess(id, body));
    }

    record AgreementBody(String counterparty, String signedOn, String validUntil) {
    }

    @PostMapping(path = "/items/{id}/agreement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    Map<String, Object> agreement(@PathVariable long id, @RequestBody AgreementBody body) {
        return json(supplyChain.agreement(id, new Agreement(body.counterparty(), date("signedOn", body.signedOn()),
                date("validUntil", body.validUntil()))));
    }

    @PostMapping("/items/{id}/in-use")
    @AllowProvider
    Map<String, Object> inUse(@PathVariable long id) {
        return json(supplyChain.putInUse(id));
    }

    /** An OSV advisory file (JSON) in field {@code file}: matched offline against the components in use. */
    @PostMapping("/advisories")
    @AllowProvider
    Map<String, Object> advisories(@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("platform.osv.error.invalid", Map.of("file", "platform.sbom.error.file"));
        }
        return Map.of("matches", supplyChain.matchAdvisories(file.getInputStream()));
    }

    @GetMapping("/findings")
    List<Map<String, Object>> findings(@RequestParam(defaultValue = "500") int limit) {
        return supplyChain.findings(Actor.require(), Math.max(1, Math.min(limit, 5000))).stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", "A5.5");
            m.put("type", f.type());
            m.put("itemId", f.item().id());
            m.put("name", f.item().name());
            m.put("version", f.item().version());
            m.put("purl", f.item().purl());
            m.put("detail", f.detail());
            return m;
        }).toList();
    }

    @GetMapping("/export.xlsx")
    void exportXlsx(HttpServletResponse response, Locale locale) throws IOException {
        PlatformExport.prepare(response, "supply-chain.xlsx");
        export.supplyChain(Actor.require(), locale, response.getOutputStream());
    }

    static Kind kind(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Kind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("platform.supply.error.invalid", Map.of("kind", "platform.supply.error.kind"));
        }
    }

    static LocalDate date(String field, String value) {
        return CertificationApiController.date(field, value);
    }

    static Map<String, Object> json(Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("kind", i.kind());
        m.put("source", i.source());
        m.put("name", i.name());
        m.put("version", i.version());
        m.put("purl", i.purl());
        m.put("supplier", i.supplier());
        m.put("licenses", i.licenses());
        m.put("state", i.state());
        m.put("inUse", i.inUse());
        m.put("removedAt", i.removedAt());
        m.put("riskLevel", i.riskLevel());
        m.put("conclusion", i.conclusion());
        m.put("conditions", i.conditions());
        m.put("assessor", i.assessor());
        m.put("assessedAt", i.assessedAt());
        m.put("agreementRequired", i.needsAgreement());
        m.put("agreementCounterparty", i.counterparty());
        m.put("agreementSignedOn", i.signedOn());
        m.put("agreementValidUntil", i.agreementValidUntil());
        m.put("advisories", i.advisories());
        m.put("createdAt", i.createdAt());
        return m;
    }
}
