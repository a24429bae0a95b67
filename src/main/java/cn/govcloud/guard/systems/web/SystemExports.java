package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.SystemQueries.Filter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 5: the systems register (信息系统台账) as Excel, with the list's filters (the same query as /systems and
 * GET /api/v1/systems, keyset pages of {@link SheetExport#PAGE}), a unit only its own systems (OrgScope). The responsible
 * person's mobile is exported masked for every reader: the full number is stored sealed and shown one system at a time,
 * audited (GET /api/v1/systems/{id}/responsible-mobile), never in bulk.
 */
@RestController
@AllowOversightAndUnits
class SystemExports {
    private final SystemQueries systems;
    private final SheetExport export;

    SystemExports(SystemQueries systems, SheetExport export) {
        this.systems = systems;
        this.export = export;
    }

    @GetMapping({"/systems/export.xlsx", "/api/v1/systems/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The register as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam(required = false) Long unit, @RequestParam(required = false) Integer level,
                @RequestParam(required = false) String state, @RequestParam(required = false) String exposure,
                @RequestParam(required = false) String overdue, @RequestParam(required = false) String cii,
                @RequestParam(required = false) String nonClassified, @RequestParam(required = false) String q,
                @RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        // the named parameters describe the API (API.md, OpenAPI); the values are read from params, as the page reads them
        Actor actor = Actor.require();
        // issue 23 point 11: the list's own reading of the query string, so the workbook holds exactly the rows shown
        ListParameters p = ListParameters.of(params);
        Filter filter = ListParams.systems(p);
        p.check(); // issue 23 point 11: refused, nothing exported
        Map<String, String> shown = ListParams.shown(export, filter.q(), filter.orgId(), systems.units(actor));
        if (filter.mlpsLevel() != null) {
            shown.put(export.text("systems.field.mlpsLevel"), export.text("systems.level", filter.mlpsLevel()));
        }
        ListParams.shownChoice(shown, export, "systems.field.state", "systems.state.", filter.state());
        ListParams.shownChoice(shown, export, "systems.field.exposure", "systems.exposure.", filter.exposure());
        if (filter.exitOverdue() != null) {
            shown.put(export.text("systems.filter.overdue"), export.text("documents.export.yes"));
        }
        ListParams.shownFlags(shown, export, filter.cii(), filter.nonClassified());
        String title = export.text("systems.export.title");
        List<SheetExport.Column> columns = List.of(export.column("systems.field.name", 28), export.column("systems.field.unit", 24),
                export.column("systems.field.mlpsLevel", 12), export.column("systems.field.filingNumber", 20),
                export.column("systems.field.purpose", 30), export.column("systems.field.exposure", 24), export.column("systems.field.state", 12),
                export.column("systems.field.internetAccess", 10), export.column("systems.field.externalExchange", 12),
                export.column("systems.field.responsibleName", 12), export.column("systems.field.responsibleMobile", 16),
                export.column("systems.field.exitDeadline", 12), export.column("systems.field.createdAt", 18));
        export.write(new SheetExport.Request("systems", title, title + ".xlsx", columns, shown, false), rows -> {
            ListParams.everyRow(filter, (f, before, limit) -> systems.page(actor, f, before, limit), HostedSystem::id, s ->
                rows.add(s.name(), s.orgName(), export.text("systems.level", s.mlpsLevel()), s.filingNumber(), s.purpose(),
                        s.exposure().stream().map(e -> export.text("systems.exposure." + e)).collect(Collectors.joining("、")),
                        export.text("systems.state." + s.state()) + (s.exitOverdue() ? "（" + export.text("systems.overdue") + "）" : ""),
                        s.internetAccess(), s.externalExchange(), s.responsibleName(), s.mobileMasked(), s.exitDeadline(), s.createdAt()));
        }, response);
    }
}
