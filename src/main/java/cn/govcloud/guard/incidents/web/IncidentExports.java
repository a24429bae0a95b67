package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.internal.IncidentFilter;
import cn.govcloud.guard.incidents.internal.IncidentService;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.incidents.internal.Incident;
import cn.govcloud.guard.shared.AllowParties;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 5, issue 23 point 11: the incident list (A10.4, A10.5) as Excel with the list's keyword and filters and
 * the unit each incident belongs to; the same query as /incidents page by page in SQL, a unit only its own.
 */
@RestController
@AllowParties
class IncidentExports {
    private final IncidentService incidents;
    private final OrganisationDirectory organisations;
    private final SheetExport export;

    IncidentExports(IncidentService incidents, OrganisationDirectory organisations, SheetExport export) {
        this.incidents = incidents;
        this.organisations = organisations;
        this.export = export;
    }

    @GetMapping({"/incidents/export.xlsx", "/api/v1/incidents/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The incident list as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        // issue 23 point 11: exactly what the list shows — its keyword, filters and time range, every page
        IncidentFilter f = IncidentListQuery.parse(params, IncidentPages.PAGE_SIZE, IncidentListQuery.API_MAX).filter();
        Map<Long, String> orgNames = new HashMap<>();
        organisations.all().forEach(o -> orgNames.put(o.id(), o.name()));
        Map<String, String> shown = new LinkedHashMap<>();
        if (f.q() != null) {
            shown.put(export.text("incidents.filter.keyword"), f.q());
        }
        if (f.grade() != null) {
            shown.put(export.text("incidents.field.grade"), export.text("incidents.grade." + f.grade()));
        }
        if (f.status() != null) {
            shown.put(export.text("incidents.field.status"), export.text("incidents.status." + f.status()));
        }
        if (f.orgId() != null) {
            shown.put(export.text("incidents.export.unit"), orgNames.getOrDefault(f.orgId(), String.valueOf(f.orgId())));
        }
        if (f.month() != null) {
            shown.put(export.text("incidents.filter.month"), f.month().toString());
        }
        if (f.from() != null || f.to() != null) {
            shown.put(export.text("incidents.field.confirmedAt"), (f.from() == null ? "" : f.from().toString()) + " ~ "
                    + (f.to() == null ? "" : f.to().toString()));
        }
        String title = export.text("incidents.export.title");
        List<SheetExport.Column> columns = List.of(export.column("incidents.field.title", 30), export.column("incidents.export.unit", 22),
                export.column("incidents.field.affected", 24), export.column("incidents.field.category", 16),
                export.column("incidents.field.grade", 14), export.column("incidents.field.discoveredAt", 18),
                export.column("incidents.field.confirmedAt", 18), export.column("incidents.field.status", 12),
                export.column("incidents.field.reportDueAt", 18), export.column("incidents.export.resolvedAt", 18));
        export.write(new SheetExport.Request("incidents", title, title + ".xlsx", columns, shown, false), rows -> {
            for (int page = 0; ; page++) {
                Page<Incident> p = incidents.page(actor, f, page, SheetExport.PAGE);
                p.rows().forEach(i -> rows.add(i.title(), orgNames.getOrDefault(i.orgId(), String.valueOf(i.orgId())),
                        i.systemName() == null ? export.text("incidents.platform") : i.systemName(), export.text("incidents.subType." + i.subType()),
                        export.text("incidents.grade." + i.grade()), i.discoveredAt(), i.confirmedAt(), export.text("incidents.status." + i.status()),
                        i.reportDueAt(), i.resolvedAt()));
                if (p.rows().size() < p.size()) {
                    return;
                }
            }
        }, response);
    }
}
