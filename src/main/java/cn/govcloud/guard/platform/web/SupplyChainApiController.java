package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.AdvisoryMatching;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.platform.internal.SbomImports;
import cn.govcloud.guard.platform.internal.SupplyChain;
import cn.govcloud.guard.platform.internal.SupplyChainQueries;
import cn.govcloud.guard.platform.internal.SupplyItem;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Unprocessable;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A5.5 over the API: the provider imports SBOMs and assesses; the supervisor and regulators read (API.md "Supply chain"). */
@RestController
@RequestMapping("/api/v1/supply-chain")
@AllowOversightAndProvider
class SupplyChainApiController {

    /** API.md: {@code 201 {"components", "new", "removed"}}. */
    record SbomCounts(int components, @JsonProperty("new") int added, int removed) {
    }

    record LastImport(long id, String filename, String format, int components, @JsonProperty("new") int added, int removed,
                      Instant importedAt, String importedBy) {
    }

    record Summary(long items, long inUse, long pending, long approved, long conditional, long rejected, long removed, long findings,
                   long unassessedInUse, long rejectedInUse, long withoutAgreement, long vulnerable, LastImport lastImport) {
        static Summary of(SupplyChainQueries.Summary s) {
            SupplyChainQueries.LastImport l = s.lastImport();
            return new Summary(s.items(), s.inUse(), s.pending(), s.approved(), s.conditional(), s.rejected(), s.removed(), s.findings(),
                    s.unassessedInUse(), s.rejectedInUse(), s.withoutAgreement(), s.vulnerable(), l == null ? null
                    : new LastImport(l.id(), l.filename(), l.format(), l.components(), l.added(), l.removed(), l.importedAt(), l.importedBy()));
        }
    }

    record Item(long id, SupplyItem.Kind kind, String source, String name, String version, String purl, String supplier,
                String licenses, SupplyItem.State state, boolean inUse, Instant removedAt, String riskLevel, String conclusion,
                String conditions, String assessor, Instant assessedAt, boolean agreementRequired, String agreementCounterparty,
                LocalDate agreementSignedOn, LocalDate agreementValidUntil, List<String> advisories, Instant createdAt) {
        static Item of(SupplyItem i) {
            return new Item(i.id(), i.kind(), i.source(), i.name(), i.version(), i.purl(), i.supplier(), i.licenses(), i.state(), i.inUse(),
                    i.removedAt(), i.riskLevel(), i.conclusion(), i.conditions(), i.assessor(), i.assessedAt(), i.needsAgreement(),
                    i.counterparty(), i.signedOn(), i.agreementValidUntil(), i.advisories(), i.createdAt());
        }
    }

    record Finding(String rule, String type, long itemId, String name, String version, String purl, String detail) {
    }

    record Matches(int matches) {
    }

    record ItemBody(String kind, String name, String version, String supplier, String description) {
    }

    record AssessmentBody(String riskLevel, String conclusion, String conditions, String assessor) {
    }

    record AgreementBody(String counterparty, String signedOn, String validUntil) {
    }

    private final SupplyChain supplyChain;
    private final SupplyChainQueries queries;
    private final SbomImports imports;
    private final AdvisoryMatching advisories;
    private final PlatformExport export;

    SupplyChainApiController(SupplyChain supplyChain, SupplyChainQueries queries, SbomImports imports, AdvisoryMatching advisories,
                             PlatformExport export) {
        this.supplyChain = supplyChain;
        this.queries = queries;
        this.imports = imports;
        this.advisories = advisories;
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
    SbomCounts importSbom(@RequestParam(name = "file", required = false) MultipartFile file,
                          @RequestParam(name = "subject", required = false) String subject) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("platform.sbom.error.invalid", Map.of("file", "platform.sbom.error.file"));
        }
        if (file.getSize() > imports.maxSbomBytes()) {
            throw new Unprocessable("platform.sbom.error.tooLarge");
        }
        SbomImports.ImportResult r = imports.importSbom(Actor.require(), file.getOriginalFilename(), file.getInputStream(), subject);
        return new SbomCounts(r.components(), r.added(), r.removed());
    }

    @GetMapping("/summary")
    Summary summary() {
        return Summary.of(queries.summary(Actor.require()));
    }

    @GetMapping("/items")
    List<Item> items(@RequestParam(required = false) String state, @RequestParam(required = false) String kind,
                     @RequestParam(required = false) String q, @RequestParam(defaultValue = "false") boolean findings,
                     @RequestParam(defaultValue = "500") int limit) {
        return queries.list(Actor.require(), Inputs.supplyFilter(state, kind, q, findings, limit)).stream().map(Item::of).toList();
    }

    @GetMapping("/items/{id}")
    Item item(@PathVariable long id) {
        return Item.of(queries.find(id, Actor.require()).orElseThrow(() -> new NotFound("supply item " + id)));
    }

    @PostMapping(path = "/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Item propose(@RequestBody ItemBody body) {
        return Item.of(supplyChain.propose(Actor.require(), new SupplyChain.NewItem(Inputs.supplyKind(body.kind()), body.name(), body.version(),
                body.supplier(), body.description())));
    }

    @PostMapping(path = "/items/{id}/assessment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    Item assess(@PathVariable long id, @RequestBody AssessmentBody body) {
        return Item.of(supplyChain.assess(Actor.require(), id, new SupplyChain.Assessment(body.riskLevel(), body.conclusion(), body.conditions(),
                body.assessor())));
    }

    @PostMapping(path = "/items/{id}/agreement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    Item agreement(@PathVariable long id, @RequestBody AgreementBody body) {
        return Item.of(supplyChain.agreement(Actor.require(), id, new SupplyChain.Agreement(body.counterparty(),
                Inputs.date("signedOn", body.signedOn()), Inputs.date("validUntil", body.validUntil()))));
    }

    @PostMapping("/items/{id}/in-use")
    @AllowProvider
    Item inUse(@PathVariable long id) {
        return Item.of(supplyChain.putInUse(Actor.require(), id));
    }

    /** An OSV advisory file (JSON) in field {@code file}: matched offline against the components in use. */
    @PostMapping("/advisories")
    @AllowProvider
    Matches advisories(@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("platform.osv.error.invalid", Map.of("file", "platform.sbom.error.file"));
        }
        return new Matches(advisories.matchAdvisories(Actor.require(), file.getInputStream()));
    }

    @GetMapping("/findings")
    List<Finding> findings(@RequestParam(defaultValue = "500") int limit) {
        return queries.findings(Actor.require(), Math.max(1, Math.min(limit, 5000))).stream().map(f -> new Finding("A5.5", f.type(),
                f.item().id(), f.item().name(), f.item().version(), f.item().purl(), f.detail())).toList();
    }

    @GetMapping("/export.xlsx")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    void exportXlsx(HttpServletResponse response) throws IOException {
        export.supplyChain(Actor.require(), response);
    }
}
