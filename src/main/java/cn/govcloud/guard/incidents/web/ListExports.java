package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.internal.DrillFilter;
import cn.govcloud.guard.incidents.internal.DrillService;
import cn.govcloud.guard.incidents.internal.Incident;
import cn.govcloud.guard.incidents.internal.IncidentFilter;
import cn.govcloud.guard.incidents.internal.IncidentService;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 5, issue 23 point 11: the module's three lists as Excel with the list's keyword and filters — exactly the
 * rows the page finds, every page in SQL: the incidents (A10.4, A10.5) with the unit each belongs to, the drills (A10.3; a
 * unit only those it was invited to) and the emergency plans' compliance (A10.3; a unit only its own systems). The filters
 * are read as the page reads them ({@link IncidentListQuery}, {@link DrillListQuery}, {@link PlanListQuery}): one it
 * cannot read is refused. The workbook names the filters it was asked with.
 */
@RestController
@AllowParties
class ListExports {
    private final IncidentService incidents;
    private final DrillService drills;
    private final PlanService plans;
    private final OrganisationDirectory organisations;
    private final SheetExport export;

    ListExports(IncidentService incidents, DrillService drills, PlanService plans, OrganisationDirectory organisations, SheetExport export) {
        this.incidents = incidents;
        this.drills = drills;
        this.plans = plans;
        this.organisations = organisations;
        this.export = export;
    }

    @GetMapping({"/incidents/export.xlsx", "/api/v1/incidents/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The incident list as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void incidents(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        IncidentFilter f = IncidentListQuery.parse(params, IncidentPages.PAGE_SIZE, IncidentListQuery.API_MAX).filter();
        Map<Long, String> orgNames = new HashMap<>();
        organisations.all().forEach(o -> orgNames.put(o.id(), o.name()));
        Map<String, String> shown = new LinkedHashMap<>();
        show(shown, "incidents.filter.keyword", f.q());
        show(shown, "incidents.field.grade", f.grade() == null ? null : export.text("incidents.grade." + f.grade()));
        show(shown, "incidents.field.status", f.status() == null ? null : export.text("incidents.status." + f.status()));
        show(shown, "incidents.export.unit", f.orgId() == null ? null : orgNames.getOrDefault(f.orgId(), String.valueOf(f.orgId())));
        show(shown, "incidents.filter.month", f.month());
        show(shown, "incidents.field.confirmedAt", f.from() == null && f.to() == null ? null
                : (f.from() == null ? "" : f.from().toString()) + " ~ " + (f.to() == null ? "" : f.to().toString()));
        write("incidents", "incidents.export.title", shown, response, page -> incidents.page(actor, f, page, SheetExport.PAGE),
                (Incident i) -> new Object[] {i.title(), orgNames.getOrDefault(i.orgId(), String.valueOf(i.orgId())),
                        i.systemName() == null ? export.text("incidents.platform") : i.systemName(), export.text("incidents.subType." + i.subType()),
                        export.text("incidents.grade." + i.grade()), i.discoveredAt(), i.confirmedAt(), export.text("incidents.status." + i.status()),
                        i.reportDueAt(), i.resolvedAt()},
                column("incidents.field.title", 30), column("incidents.export.unit", 22), column("incidents.field.affected", 24),
                column("incidents.field.category", 16), column("incidents.field.grade", 14), column("incidents.field.discoveredAt", 18),
                column("incidents.field.confirmedAt", 18), column("incidents.field.status", 12), column("incidents.field.reportDueAt", 18),
                column("incidents.export.resolvedAt", 18));
    }

    @GetMapping({"/incidents/drills/export.xlsx", "/api/v1/drills/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The drill list as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void drills(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        DrillListQuery query = DrillListQuery.parse(params, DrillListQuery.PAGE_SIZE, DrillListQuery.API_MAX);
        DrillFilter f = query.filter();
        Map<String, String> shown = new LinkedHashMap<>();
        show(shown, "list.q", f.q());
        show(shown, "incidents.drills.filter.unit", unitName(f.unit()));
        show(shown, "incidents.drills.filter.year", f.year());
        show(shown, "incidents.drills.halfYears", query.half());
        write("drills", "incidents.drills.title", shown, response, page -> drills.search(actor, f, page, SheetExport.PAGE),
                (DrillService.Drill d) -> new Object[] {d.drillDate(), d.title(), d.organiser(),
                        export.text(d.comprehensive() ? "documents.export.yes" : "documents.export.no"),
                        d.participants().stream().map(DrillService.Participant::name).collect(Collectors.joining("、")),
                        d.findings().stream().map(DrillService.Finding::title).collect(Collectors.joining("、"))},
                column("incidents.drills.date", 12), column("incidents.drills.name", 30), column("incidents.drills.organiser", 12),
                column("incidents.drills.export.comprehensive", 10), column("incidents.drills.units", 36), column("incidents.drills.findings", 36));
    }

    @GetMapping({"/incidents/plans/export.xlsx", "/api/v1/emergency-plans/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The emergency-plan list as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void plans(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        PlanFilter f = PlanListQuery.parse(params, PlanListQuery.PAGE_SIZE, PlanListQuery.API_MAX).filter();
        Map<String, String> shown = new LinkedHashMap<>();
        show(shown, "list.q", f.q());
        show(shown, "incidents.plans.filter.unit", unitName(f.unit()));
        show(shown, "incidents.plans.filter.state", f.inForce() == null ? null
                : export.text(f.inForce() ? "incidents.plans.filter.inForce" : "incidents.plans.nonCompliant"));
        write("plans", "incidents.plans.title", shown, response, page -> plans.search(actor, f, page, SheetExport.PAGE),
                (PlanService.Row r) -> new Object[] {export.text("incidents.plans.kind." + r.kind()) + " " + r.name(), r.orgName(),
                        r.current() == null ? export.text("incidents.plans.nonCompliant") : r.current().version() + " " + r.current().title(),
                        r.current() == null ? null : r.current().effectiveOn(), r.current() == null ? null : r.current().nextRevisionOn(),
                        r.versions().size()},
                column("incidents.plans.object", 30), column("incidents.plans.org", 24), column("incidents.plans.current", 30),
                column("incidents.plans.effectiveOn", 12), column("incidents.plans.nextRevisionOn", 12), column("incidents.plans.versions", 8));
    }

    /** A filter the workbook names, under the label {@code key}, when it was asked. */
    private void show(Map<String, String> shown, String key, Object value) {
        if (value != null) {
            shown.put(export.text(key), value.toString());
        }
    }

    private String unitName(Long id) {
        return id == null ? null : organisations.byId(id).map(o -> o.name()).orElse(String.valueOf(id));
    }

    private SheetExport.Column column(String key, int width) {
        return export.column(key, width);
    }

    /** The workbook {@code list}, titled {@code titleKey}, of every page {@code search} finds, a row each. */
    private <T> void write(String list, String titleKey, Map<String, String> shown, HttpServletResponse response, IntFunction<Page<T>> search,
                           Function<T, Object[]> row, SheetExport.Column... columns) throws IOException {
        String title = export.text(titleKey);
        export.write(new SheetExport.Request(list, title, title + ".xlsx", List.of(columns), shown, false), rows -> {
            for (int page = 0; ; page++) {
                Page<T> p = search.apply(page);
                p.rows().forEach(r -> rows.add(row.apply(r)));
                if (!p.hasNext()) {
                    return;
                }
            }
        }, response);
    }
}
