package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.AllowOversight;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Issue 23 point 11: the quarterly inspections (A11.3) as Excel, with the list's keyword and state — every matching row, not one page. */
@RestController
@AllowOversight
class InspectionExports {
    private final Inspections inspections;
    private final SheetExport export;

    InspectionExports(Inspections inspections, SheetExport export) {
        this.inspections = inspections;
        this.export = export;
    }

    @GetMapping({"/supervision/inspections/export.xlsx", "/api/v1/supervision/inspections/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The inspections as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "keyword")
    @Parameter(name = "state", in = ParameterIn.QUERY, description = "IN_PROGRESS or COMPLETED")
    void export(@Parameter(hidden = true) @RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        // an unknown state is refused, never exported as "any"; every matching row, whatever page the list showed
        Inspections.Search search = InspectionPages.ListQuery.read(params, 0).search();
        Map<String, String> shown = new LinkedHashMap<>();
        if (search.keyword() != null) {
            shown.put(export.text("scheduling.search"), search.keyword());
        }
        if (search.state() != null) {
            shown.put(export.text("scheduling.field.state"), export.text("scheduling.inspection.state." + search.state()));
        }
        String title = export.text("scheduling.inspections.title");
        List<SheetExport.Column> columns = List.of(export.column("scheduling.inspection.quarter", 10),
                export.column("scheduling.inspection.topic", 30), export.column("scheduling.inspection.articles", 24),
                export.column("scheduling.field.state", 10), export.column("scheduling.inspection.createdAt", 18),
                export.column("scheduling.inspection.completedAt", 18));
        export.write(new SheetExport.Request("inspections", title, title + ".xlsx", columns, shown, false), rows -> {
            for (int offset = 0; ; offset += SheetExport.PAGE) {
                List<Inspections.Inspection> page = inspections.search(search, SheetExport.PAGE, offset);
                page.forEach(i -> rows.add(i.quarter(), i.topic(), i.articles(), export.text("scheduling.inspection.state." + i.state()),
                        i.createdAt(), i.completedAt()));
                if (page.size() < SheetExport.PAGE) {
                    return;
                }
            }
        }, response);
    }
}
