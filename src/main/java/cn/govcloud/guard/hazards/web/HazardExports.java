package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.internal.HazardService;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.AllowParties;
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

/**
 * Issue 22 point 5: the hazard list (A10.2) as Excel with the list's filters — the same query as /hazards and
 * GET /api/v1/hazards, page by page in SQL; a unit only its own hazards. No personal numbers in it.
 */
@RestController
@AllowParties
class HazardExports {
    private final HazardQueries hazards;
    private final OrganisationDirectory organisations;
    private final SheetExport export;

    HazardExports(HazardQueries hazards, OrganisationDirectory organisations, SheetExport export) {
        this.hazards = hazards;
        this.organisations = organisations;
        this.export = export;
    }

    @GetMapping({"/hazards/export.xlsx", "/api/v1/hazards/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The hazard list as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        // issue 23 point 11: exactly what the list shows — its keyword, filters and time range, every page
        HazardService.Filter f = HazardListQuery.parse(params, HazardPages.PAGE_SIZE, HazardListQuery.API_MAX).filter();

        Map<String, String> shown = new LinkedHashMap<>();
        if (f.q() != null) {
            shown.put(export.text("hazards.field.keyword"), f.q());
        }
        if (f.state() != null) {
            shown.put(export.text("hazards.field.state"), export.text("hazards.state." + f.state()));
        }
        if (f.severity() != null) {
            shown.put(export.text("hazards.field.severity"), export.text("hazards.severity." + f.severity()));
        }
        if (f.orgId() != null) {
            shown.put(export.text("hazards.field.unit"), organisations.byId(f.orgId()).map(o -> o.name()).orElse(String.valueOf(f.orgId())));
        }
        if (f.overdue() != null) {
            shown.put(export.text("hazards.field.overdue"), export.text(f.overdue() ? "hazards.filter.overdueYes" : "hazards.filter.overdueNo"));
        }
        if (f.open() != null) {
            shown.put(export.text("hazards.field.openness"), export.text(f.open() ? "hazards.filter.open" : "hazards.filter.closed"));
        }
        if (f.age() != null) {
            shown.put(export.text("hazards.field.age"), export.text("hazards.age." + f.age().key()));
        }
        if (f.year() != null) {
            shown.put(export.text("hazards.field.year"), String.valueOf(f.year()));
        }
        if (f.from() != null || f.to() != null) {
            shown.put(export.text("hazards.field.notifiedRange"), (f.from() == null ? "" : f.from().toString()) + " ~ "
                    + (f.to() == null ? "" : f.to().toString()));
        }
        String title = export.text("hazards.export.title");
        List<SheetExport.Column> columns = List.of(export.column("hazards.notice.doc.col.no", 10), export.column("hazards.field.unit", 22),
                export.column("hazards.field.system", 24), export.column("hazards.field.title", 30), export.column("hazards.field.severity", 8),
                export.column("hazards.field.source", 14), export.column("hazards.field.warner", 18), export.column("hazards.field.state", 12),
                export.column("hazards.field.notified", 18), export.column("hazards.field.dueDate", 12), export.column("hazards.field.handler", 12),
                export.column("hazards.export.acknowledgedAt", 18), export.column("hazards.export.feedbackAt", 18),
                export.column("hazards.export.closedAt", 18), export.column("hazards.field.overdue", 8));
        export.write(new SheetExport.Request("hazards", title, title + ".xlsx", columns, shown, false), rows -> {
            for (int page = 0; ; page++) {
                Page<HazardView> p = hazards.page(actor, f, page, SheetExport.PAGE);
                for (HazardView h : p.rows()) {
                    rows.add("YH-" + h.id(), h.orgName(), h.systemName(), h.title(), export.text("hazards.severity." + h.severity()), h.source() == null ? "" : export.text("hazards.source." + h.source()),
                            h.warnerName(), export.text("hazards.state." + h.state()), h.notifiedAt(), h.effectiveDueDate(), h.handlerName(),
                            h.acknowledgedAt(), h.feedbackAt(), h.closedAt(), h.overdue());
                }
                if (p.rows().size() < p.size()) {
                    return;
                }
            }
        }, response);
    }
}
