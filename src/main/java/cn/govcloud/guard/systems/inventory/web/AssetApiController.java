package cn.govcloud.guard.systems.inventory.web;

import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.systems.inventory.internal.Asset;
import cn.govcloud.guard.systems.inventory.internal.AssetCheck;
import cn.govcloud.guard.systems.inventory.internal.AssetImport;
import cn.govcloud.guard.systems.inventory.internal.AssetImport.ImportRefused;
import cn.govcloud.guard.systems.inventory.internal.Assets;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * A system's asset and exposure inventory over the API (A7.1, A10.1; issue 22 point 1): read by whoever may read the
 * system, kept by its unit — one row at a time, or the whole inventory from the Excel template (all rows or none).
 */
@RestController
class AssetApiController {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final Assets assets;
    private final AssetImport imports;
    private final MessageSource messages;

    AssetApiController(Assets assets, AssetImport imports, MessageSource messages) {
        this.assets = assets;
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping("/api/v1/systems/{id}/assets")
    @AllowParties
    Inventory list(@PathVariable long id) {
        return new Inventory(id, assets.list(id, Actor.require()).stream().map(AssetJson::of).toList());
    }

    @PostMapping("/api/v1/systems/{id}/assets")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    AssetJson add(@PathVariable long id, @RequestBody AssetBody body) {
        return AssetJson.of(assets.add(id, body.input()));
    }

    @PutMapping("/api/v1/systems/{id}/assets/{assetId}")
    @AllowUnitPeople
    AssetJson update(@PathVariable long id, @PathVariable long assetId, @RequestBody AssetBody body) {
        return AssetJson.of(assets.update(id, assetId, body.input()));
    }

    @DeleteMapping("/api/v1/systems/{id}/assets/{assetId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowUnitPeople
    void delete(@PathVariable long id, @PathVariable long assetId) {
        assets.delete(id, assetId);
    }

    /** The import template (the same for every system). */
    @GetMapping({"/api/v1/systems/assets/template", "/systems/assets/template.xlsx"})
    @AllowParties
    ResponseEntity<byte[]> template() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("资产与暴露面导入模板.xlsx")).body(imports.template());
    }

    /** Multipart, the workbook in part {@code file}: 201 {imported}, 422 with every row error, 400 for a refused file. Replaces the inventory. */
    @PostMapping("/api/v1/systems/{id}/assets/import")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Imported upload(@PathVariable long id, HttpServletRequest request) throws IOException {
        MultipartFile file = file(request);
        return new Imported(id, imports.importFile(id, file == null ? null : file.getOriginalFilename(), file == null ? null : file.getInputStream()));
    }

    static MultipartFile file(HttpServletRequest request) {
        MultipartHttpServletRequest multipart = org.springframework.web.util.WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile("file");
        return file == null || file.isEmpty() ? null : file;
    }

    @ExceptionHandler(ImportRefused.class)
    ResponseEntity<ProblemDetail> refused(ImportRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, text(e.getMessage()));
        problem.setTitle("Import refused");
        problem.setProperty("errors", e.errors().stream().map(r -> new RowErrorJson(r.row(), r.column(), text(r.messageKey()))).toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    // ---- JSON ----------------------------------------------------------------------------------

    record Inventory(long systemId, List<AssetJson> items) {
    }

    record Imported(long systemId, int imported) {
    }

    /** One refused cell: the workbook's row and column and what is wrong, in the reader's language. */
    record RowErrorJson(int row, String column, String message) {
    }

    /**
     * One row: {@code kind} HOST (name, product = OS, version, address), NAT (publicAddress:publicPort → address:port, protocol),
     * PORT (address:port and/or publicAddress:publicPort, protocol, service, version), DOMAIN (name, icpNumber) or MIDDLEWARE
     * (product, version, address).
     */
    record AssetBody(String kind, String name, String product, String version, String address, Integer port, String publicAddress,
                     Integer publicPort, String protocol, String service, String icpNumber, String remarks) {
        AssetCheck.Input input() {
            return new AssetCheck.Input(kind, name, product, version, address, port == null ? null : port.toString(), publicAddress,
                    publicPort == null ? null : publicPort.toString(), protocol, service, icpNumber, remarks);
        }
    }

    record AssetJson(long id, long systemId, String kind, String name, String product, String version, String address, Integer port,
                     String publicAddress, Integer publicPort, String protocol, String service, String icpNumber, String remarks,
                     Instant updatedAt, String updatedBy) {
        static AssetJson of(Asset a) {
            return new AssetJson(a.id(), a.systemId(), a.kind().name(), a.name(), a.product(), a.version(), a.address(), a.port(),
                    a.publicAddress(), a.publicPort(), a.protocol(), a.service(), a.icpNumber(), a.remarks(), a.updatedAt(), a.updatedBy());
        }
    }
}
