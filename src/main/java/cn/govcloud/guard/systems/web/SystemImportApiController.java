package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.systems.internal.SystemImport;
import cn.govcloud.guard.systems.internal.SystemImport.ImportRefused;
import cn.govcloud.guard.documents.Spreadsheets.RowError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Issue 4 over the API: the import template and the all-or-nothing upload of a unit's inventory. */
@RestController
@AllowUnitPeople
class SystemImportApiController {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final SystemImport imports;
    private final MessageSource messages;

    SystemImportApiController(SystemImport imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping({"/api/v1/systems/import/template", "/systems/import/template.xlsx"})
    @AllowUnitPeople
    ResponseEntity<byte[]> template() {
        return template(imports.template());
    }

    static ResponseEntity<byte[]> template(byte[] content) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("systems-import-template.xlsx")).body(content);
    }

    /** Multipart with the workbook in part {@code file}: 201 {imported, ids}, or 422 with every row error, or 400 for a refused file. */
    @PostMapping("/api/v1/systems/import")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Imported upload(HttpServletRequest request) throws IOException {
        MultipartFile file = SystemApiController.file(request);
        List<Long> ids = imports.importFile(file == null ? null : file.getInputStream());
        return new Imported(ids.size(), ids);
    }

    record Imported(int imported, List<Long> ids) {
    }

    /** One refused cell: the row and column of the workbook and what is wrong, in the reader's language. */
    record RowErrorJson(int row, String column, String message) {
    }

    @ExceptionHandler(ImportRefused.class)
    ResponseEntity<ProblemDetail> refused(ImportRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, text(e.getMessage(), null));
        problem.setTitle("Import refused");
        problem.setProperty("errors", e.errors().stream().map(this::json).toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    RowErrorJson json(RowError error) {
        return new RowErrorJson(error.row(), error.column(), text(error.messageKey(), error.detail()));
    }

    String text(String key, String detail) {
        String message = messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
        return detail == null ? message : message + "：" + detail;
    }
}
