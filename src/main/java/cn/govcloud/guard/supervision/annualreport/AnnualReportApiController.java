package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversight;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 政务云安全运行年度报告 over the API (A12, A14): the figures of a year with the previous year's, and the report as PDF and
 * as Word. For the supervisor and the regulators (第三条, 第十二条), read-only. A year in the future is a 400 problem naming
 * the field {@code year}; a year without records answers zeros.
 */
@RestController
@RequestMapping("/api/v1/annual-reports")
@AllowOversight
class AnnualReportApiController {
    private final AnnualFigures figures;
    private final AnnualReportFiles files;

    AnnualReportApiController(AnnualFigures figures, AnnualReportFiles files) {
        this.figures = figures;
        this.files = files;
    }

    @GetMapping("/{year}")
    AnnualReport report(@PathVariable int year) {
        return figures.report(year, Actor.require());
    }

    @GetMapping("/{year}/pdf")
    @ApiResponse(responseCode = "200", description = "The report as PDF (Chinese, charts included)",
            content = @Content(mediaType = AnnualReportPdf.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "A year in the future, or before the configured first year")
    ResponseEntity<byte[]> pdf(@PathVariable int year) {
        return files.download(year, AnnualReportFiles.Format.PDF);
    }

    @GetMapping("/{year}/docx")
    @ApiResponse(responseCode = "200", description = "The report as an editable Word document (.docx, native charts)",
            content = @Content(mediaType = AnnualReportWord.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "A year in the future, or before the configured first year")
    ResponseEntity<byte[]> docx(@PathVariable int year) {
        return files.download(year, AnnualReportFiles.Format.DOCX);
    }
}
