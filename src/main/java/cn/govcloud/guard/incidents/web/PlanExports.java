package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.internal.PlanFilter;
import cn.govcloud.guard.incidents.internal.PlanService;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 23 point 11: the emergency-plan compliance list (A10.3) as Excel with the list's keyword and filters — exactly the
 * rows /incidents/plans finds, every page; a unit only its own systems. A filter it cannot read is refused.
 */
@RestController
@AllowParties
class PlanExports {
    private final PlanService plans;
    private final OrganisationDirectory organisations;
    private final SheetExport export;

    PlanExports(PlanService plans, OrganisationDirectory organisations, SheetExport export) {
        this.plans = plans;
        this.organisations = organisations;
        this.export = export;
    }

    @GetMapping({"/incidents/plans/export.xlsx", "/api/v1/emergency-plans/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The emergency-plan list as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        PlanFilter f = PlanListQuery.parse(params, PlanListQuery.PAGE_SIZE, PlanListQuery.API_MAX).filter();
        Map<String, String> shown = new LinkedHashMap<>();
        if (f.q() != null) {
            shown.put(export.text("list.q"), f.q());
        }
        if (f.unit() != null) {
            shown.put(export.text("incidents.plans.filter.unit"), organisations.byId(f.unit()).map(o -> o.name()).orElse(String.valueOf(f.unit())));
        }
        if (f.inForce() != null) {
            shown.put(export.text("incidents.plans.filter.state"),
                    export.text(f.inForce() ? "incidents.plans.filter.inForce" : "incidents.plans.nonCompliant"));
        }
        String title = export.text("incidents.plans.title");
        List<SheetExport.Column> columns = List.of(export.column("incidents.plans.object", 30), export.column("incidents.plans.org", 24),
                export.column("incidents.plans.current", 30), export.column("incidents.plans.effectiveOn", 12),
                export.column("incidents.plans.nextRevisionOn", 12), export.column("incidents.plans.versions", 8));
        export.write(new SheetExport.Request("plans", title, title + ".xlsx", columns, shown, false), rows -> {
            for (int page = 0; ; page++) {
                Page<PlanService.Row> p = plans.search(actor, f, page, SheetExport.PAGE);
                p.rows().forEach(r -> rows.add(export.text("incidents.plans.kind." + r.kind()) + " " + r.name(), r.orgName(),
                        r.current() == null ? export.text("incidents.plans.nonCompliant") : r.current().version() + " " + r.current().title(),
                        r.current() == null ? null : r.current().effectiveOn(), r.current() == null ? null : r.current().nextRevisionOn(),
                        r.versions().size()));
                if (!p.hasNext()) {
                    return;
                }
            }
        }, response);
    }
}
