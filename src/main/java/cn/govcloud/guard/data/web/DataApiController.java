package cn.govcloud.guard.data.web;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.NewBackup;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.NewPolicy;
import cn.govcloud.guard.data.DataSecurity.NewRestoreTest;
import cn.govcloud.guard.data.DataSecurity.NewTransfer;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.data.internal.DataFindings;
import cn.govcloud.guard.data.internal.DataFindings.Finding;
import cn.govcloud.guard.data.internal.DataImport;
import cn.govcloud.guard.data.internal.DataImport.ImportRefused;
import cn.govcloud.guard.documents.Spreadsheets.RowError;
import cn.govcloud.guard.data.internal.Backups;
import cn.govcloud.guard.data.internal.CrossBorder;
import cn.govcloud.guard.data.internal.DataCatalog;
import cn.govcloud.guard.data.internal.DataQueries;
import org.springdoc.core.annotations.ParameterObject;
import cn.govcloud.guard.data.internal.Backup;
import cn.govcloud.guard.data.internal.RestoreTest;
import cn.govcloud.guard.data.internal.Dataset;
import cn.govcloud.guard.data.internal.Policy;
import cn.govcloud.guard.data.internal.Transfer;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.rules.BackupMinimum;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Data security over the API (A7.1, A8.2, A8.3). A unit's people read and write their own unit's
 * records; the supervisor and the regulators read every unit's; the provider has no access — it
 * holds no unit's data catalog (its own platform backups are A5.3's daily record).
 */
@RestController
@RequestMapping("/api/v1/data")
@AllowOversightAndUnits
class DataApiController {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final DataQueries data;
    private final DataCatalog catalog;
    private final Backups backups;
    private final CrossBorder crossBorder;
    private final DataFindings findings;
    private final DataImport imports;
    private final MessageSource messages;

    DataApiController(DataQueries data, DataCatalog catalog, Backups backups, CrossBorder crossBorder, DataFindings findings, DataImport imports,
            MessageSource messages) {
        this.data = data;
        this.catalog = catalog;
        this.backups = backups;
        this.crossBorder = crossBorder;
        this.findings = findings;
        this.imports = imports;
        this.messages = messages;
    }

    // ---- catalog (A8.2)

    /** Issue 23 point 11: the page's filters as optional parameters; without page and size every matching set. */
    @GetMapping("/datasets")
    List<Dataset> datasets(@ParameterObject DataListParams params) {
        Actor actor = Actor.require();
        return DataLists.answer(params, DataList.CATALOG, s -> data.datasets(actor, s));
    }

    @GetMapping("/datasets/{id}")
    Dataset dataset(@PathVariable long id) {
        return data.dataset(id, Actor.require()).orElseThrow(() -> new NotFound("dataset " + id));
    }

    @PostMapping("/datasets")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Dataset create(@RequestBody @Valid NewDataset body) {
        long id = catalog.catalog(body);
        return data.dataset(id, Actor.require()).orElseThrow();
    }

    @PutMapping("/datasets/{id}")
    @AllowUnitPeople
    Dataset update(@PathVariable long id, @RequestBody @Valid NewDataset body) {
        catalog.update(id, body);
        return data.dataset(id, Actor.require()).orElseThrow();
    }

    /** A8.2: the important and core data of every unit (supervisor, regulators) or of the own unit; descriptions only. */
    @GetMapping("/important-catalog")
    List<Dataset> importantCatalog(@ParameterObject DataListParams params) {
        Actor actor = Actor.require();
        return DataLists.answer(params, DataList.IMPORTANT, s -> data.importantCatalog(actor, s));
    }

    /** The catalog's filtered rows in the import's columns (issue 23 point 11: the same optional filters as the list). */
    @GetMapping("/datasets/export")
    ResponseEntity<byte[]> export(@ParameterObject DataListParams params) {
        return xlsx(imports.export(DataPages.catalogRows(data, params.search(DataList.CATALOG))), "data-catalog.xlsx");
    }

    @GetMapping("/import/template")
    @AllowUnitPeople
    ResponseEntity<byte[]> template() {
        return xlsx(imports.template(), "data-catalog-template.xlsx");
    }

    /** Multipart with the workbook in part {@code file}: 201 {imported, ids}, 422 with every row error, or 400 for a refused file. */
    @PostMapping("/import")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Imported upload(HttpServletRequest request) throws IOException {
        MultipartFile file = file(request);
        List<Long> ids = imports.importFile(file == null ? null : file.getInputStream());
        return new Imported(ids.size(), ids);
    }

    record Imported(int imported, List<Long> ids) {
    }

    // ---- backups (A7.1, A8.2)

    @GetMapping("/backup-minimums")
    List<BackupMinimum> minimums() {
        return findings.minimums();
    }

    @GetMapping("/backup-policies")
    List<Policy> policies() {
        return data.policies(Actor.require());
    }

    /** Sets the policy of {@code datasetId}, or of the whole {@code systemId} when no data set is given. */
    @PutMapping("/backup-policies")
    @AllowUnitPeople
    PolicyDetail setPolicy(@RequestBody @Valid NewPolicy body) {
        return policy(backups.setPolicy(body));
    }

    /** A policy with its runs, its restore tests and what is found wanting in it. */
    record PolicyDetail(Policy policy, List<Backup> backups, List<RestoreTest> restoreTests, List<Finding> findings) {
    }

    @GetMapping("/backup-policies/{id}")
    PolicyDetail policy(@PathVariable long id) {
        Policy p = data.policy(id, Actor.require()).orElseThrow(() -> new NotFound("backup policy " + id));
        return new PolicyDetail(p, data.backups(id), data.restoreTests(id),
                findings.findings(Actor.require()).stream().filter(f -> f.policyId() != null && f.policyId() == id).toList());
    }

    /** A backup run or restore test recorded under its policy. */
    record Recorded(long id, long policyId) {
    }

    @PostMapping("/backup-policies/{id}/backups")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Recorded backup(@PathVariable long id, @RequestBody @Valid NewBackup body) {
        return new Recorded(backups.recordBackup(id, body), id);
    }

    @PostMapping("/backup-policies/{id}/restore-tests")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Recorded restoreTest(@PathVariable long id, @RequestBody @Valid NewRestoreTest body) {
        return new Recorded(backups.recordRestoreTest(id, body), id);
    }

    // ---- cross-border (A8.3)

    @GetMapping("/transfers")
    List<Transfer> transfers(@ParameterObject DataListParams params) {
        Actor actor = Actor.require();
        return DataLists.answer(params, DataList.TRANSFERS, s -> data.transfers(actor, s));
    }

    @GetMapping("/transfers/{id}")
    Transfer transfer(@PathVariable long id) {
        return data.transfer(id, Actor.require()).orElseThrow(() -> new NotFound("data transfer " + id));
    }

    @PostMapping("/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Transfer register(@RequestBody @Valid NewTransfer body) {
        return data.transfer(crossBorder.registerTransfer(body), Actor.require()).orElseThrow();
    }

    record TransferUpdate(LegalBasis legalBasis, TransferStatus status, LocalDate validUntil) {
    }

    @PutMapping("/transfers/{id}")
    @AllowUnitPeople
    Transfer updateTransfer(@PathVariable long id, @RequestBody @Valid TransferUpdate body) {
        crossBorder.updateTransfer(id, body.legalBasis(), body.status(), body.validUntil());
        return data.transfer(id, Actor.require()).orElseThrow();
    }

    // ---- findings (computed on read)

    @GetMapping("/findings")
    List<Finding> findings(@ParameterObject DataListParams params) {
        Actor actor = Actor.require();
        return DataLists.answer(params, DataList.FINDINGS, s -> findings.findings(actor, s));
    }

    // ----

    static ResponseEntity<byte[]> xlsx(byte[] content, String name) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition(name)).body(content);
    }

    static MultipartFile file(HttpServletRequest request) {
        MultipartHttpServletRequest multipart = org.springframework.web.util.WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile("file");
        return file == null || file.isEmpty() ? null : file;
    }

    @ExceptionHandler(ImportRefused.class)
    ResponseEntity<ProblemDetail> refused(ImportRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, text(e.getMessage(), null));
        problem.setTitle("Import refused");
        problem.setProperty("errors", e.errors().stream().map(this::rowProblem).toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** One refused row of an import, in words. */
    record RowProblem(int row, String column, String message) {
    }

    RowProblem rowProblem(RowError error) {
        return new RowProblem(error.row(), error.column(), text(error.messageKey(), error.detail()));
    }

    String text(String key, String detail) {
        String message = messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
        return detail == null ? message : message + "：" + detail;
    }
}
