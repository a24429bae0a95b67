package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.internal.DrillFilter;
import cn.govcloud.guard.incidents.internal.DrillService;
import cn.govcloud.guard.incidents.internal.DrillService.Drill;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.Page;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 23 point 11: the drill list (A10.3) as Excel with the list's keyword and filters — the same query as
 * /incidents/drills, page by page in SQL; a unit only the drills it was invited to. A filter it cannot read is refused.
 */
@RestController
@AllowParties
class DrillExports {
    private final DrillService drills;
    private final OrganisationDirectory organisations;
    private final SheetExport export;

    DrillExports(DrillService drills, OrganisationDirectory organisations, SheetExport export) {
        this.drills = drills;
        this.organisations = organisations;
        this.export = export;
    }

    @GetMapping({"/incidents/drills/export.xlsx", "/api/v1/drills/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The drill list as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        DrillListQuery query = DrillListQuery.parse(params, DrillListQuery.PAGE_SIZE, DrillListQuery.API_MAX);
        DrillFilter f = query.filter();
        Map<String, String> shown = new LinkedHashMap<>();
        if (f.q() != null) {
            shown.put(export.text("list.q"), f.q());
        }
        if (f.unit() != null) {
            shown.put(export.text("incidents.drills.filter.unit"), organisations.byId(f.unit()).map(o -> o.name()).orElse(String.valueOf(f.unit())));
        }
        if (f.year() != null) {
            shown.put(export.text("incidents.drills.filter.year"), String.valueOf(f.year()));
        }
        if (query.half() != null) {
            shown.put(export.text("incidents.drills.halfYears"), query.half());
        }
        String title = export.text("incidents.drills.title");
        List<SheetExport.Column> columns = List.of(export.column("incidents.drills.date", 12), export.column("incidents.drills.name", 30),
                export.column("incidents.drills.organiser", 12), export.column("incidents.drills.export.comprehensive", 10),
                export.column("incidents.drills.units", 36), export.column("incidents.drills.findings", 36));
        export.write(new SheetExport.Request("drills", title, title + ".xlsx", columns, shown, false), rows -> {
            for (int page = 0; ; page++) {
                Page<Drill> p = drills.search(actor, f, page, SheetExport.PAGE);
                p.rows().forEach(d -> rows.add(d.drillDate(), d.title(), d.organiser(),
                        export.text(d.comprehensive() ? "documents.export.yes" : "documents.export.no"),
                        d.participants().stream().map(DrillService.Participant::name).collect(Collectors.joining("、")),
                        d.findings().stream().map(DrillService.Finding::title).collect(Collectors.joining("、"))));
                if (!p.hasNext()) {
                    return;
                }
            }
        }, response);
    }
}
