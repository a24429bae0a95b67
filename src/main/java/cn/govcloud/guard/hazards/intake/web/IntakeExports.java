package cn.govcloud.guard.hazards.intake.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.hazards.intake.internal.Filter;
import cn.govcloud.guard.hazards.intake.internal.IntakeQueries;
import cn.govcloud.guard.hazards.intake.internal.IntakeService.Page;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 5: the scan findings and the monitoring alerts (A10.1) as Excel with the lists' filters (severity,
 * system, state), through the same keyset query as /intake/findings and /intake/alerts (200 rows a query, the most the
 * lists' filter takes); a unit only what matched its own systems.
 */
@RestController
@AllowParties
class IntakeExports {
    private static final int PAGE = 200;
    private final IntakeQueries intake;
    private final SheetExport export;
    private final OrganisationDirectory organisations;

    IntakeExports(IntakeQueries intake, SheetExport export, OrganisationDirectory organisations) {
        this.organisations = organisations;
        this.intake = intake;
        this.export = export;
    }

    @GetMapping({"/intake/findings/export.xlsx", "/api/v1/findings/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The scan findings as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void findings(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        Filter filter = IntakeListQuery.parse(params, PAGE, IntakeListQuery.API_MAX).filter();
        String title = export.text("hazards.intake.findings");
        List<SheetExport.Column> columns = List.of(export.column("hazards.intake.severity", 8), export.column("hazards.intake.name", 36),
                export.column("hazards.intake.host", 16), export.column("hazards.intake.port", 10), export.column("hazards.intake.scanner", 12),
                export.column("hazards.intake.score", 8), export.column("hazards.intake.cves", 24), export.column("hazards.intake.system", 24),
                export.column("hazards.intake.state", 14), export.column("hazards.intake.firstSeen", 18), export.column("hazards.intake.lastSeen", 18));
        export.write(new SheetExport.Request("intake.findings", title, title + ".xlsx", columns, shown(filter), false),
                rows -> pages(before -> intake.findings(actor, filter.before(before)), f ->
                        rows.add(export.text("hazards.intake.severity." + f.severity()), f.name(), f.host(), f.port(), f.scanner(),
                                f.score() == null ? "" : String.valueOf(f.score()), String.join(", ", f.cves()),
                                f.systemName() == null ? export.text("hazards.intake.unmatched") : f.systemName(),
                                export.text("hazards.intake.state." + f.state()), f.firstSeen(), f.lastSeen())), response);
    }

    @GetMapping({"/intake/alerts/export.xlsx", "/api/v1/alerts/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The monitoring alerts as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void alerts(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        Filter filter = IntakeListQuery.parse(params, PAGE, IntakeListQuery.API_MAX).filter();
        String title = export.text("hazards.intake.alerts");
        List<SheetExport.Column> columns = List.of(export.column("hazards.intake.severity", 8), export.column("hazards.intake.signature", 36),
                export.column("hazards.intake.category", 16), export.column("hazards.intake.srcDest", 36), export.column("hazards.intake.count", 8),
                export.column("hazards.intake.system", 24), export.column("hazards.intake.state", 14), export.column("hazards.intake.firstAt", 18),
                export.column("hazards.intake.lastAt", 18), export.column("hazards.intake.source", 12));
        export.write(new SheetExport.Request("intake.alerts", title, title + ".xlsx", columns, shown(filter), false),
                rows -> pages(before -> intake.alerts(actor, filter.before(before)), a ->
                        rows.add(export.text("hazards.intake.severity." + a.severity()), a.title(), a.category(),
                                a.srcIp() != null ? a.srcIp() + (a.srcPort() == null ? "" : ":" + a.srcPort()) + " → " + a.destIp()
                                        + (a.destPort() == null ? "" : ":" + a.destPort()) : a.address(), a.count(),
                                a.systemName() == null ? export.text("hazards.intake.unmatched") : a.systemName(),
                                export.text("hazards.intake.state." + a.state()), a.firstAt(), a.lastAt(), a.source())), response);
    }

    /** Every page of a keyset list, {@link #PAGE} rows a query, until the list has no next page. */
    private static <T> void pages(Function<Long, Page<T>> query, Consumer<T> each) {
        Long before = null;
        do {
            Page<T> page = query.apply(before);
            page.items().forEach(each);
            before = page.next();
        } while (before != null);
    }

    /** The filters written above the rows (issue 23 point 11: the export is what the list shows). */
    private Map<String, String> shown(Filter f) {
        Map<String, String> shown = new LinkedHashMap<>();
        if (f.q() != null) {
            shown.put(export.text("hazards.intake.keyword"), f.q());
        }
        if (f.severity() != null) {
            shown.put(export.text("hazards.intake.severity"), export.text("hazards.intake.severity." + f.severity()));
        }
        if (f.systemId() != null) {
            shown.put(export.text("hazards.intake.system"), intake.assignableSystems().stream().filter(s -> s.id() == f.systemId())
                    .map(s -> s.name()).findFirst().orElse(String.valueOf(f.systemId())));
        }
        if (f.state() != null) {
            shown.put(export.text("hazards.intake.state"), export.text("hazards.intake.state." + f.state()));
        }
        if (f.orgId() != null) {
            shown.put(export.text("hazards.intake.unit"), organisations.byId(f.orgId()).map(o -> o.name()).orElse(String.valueOf(f.orgId())));
        }
        if (f.from() != null || f.to() != null) {
            shown.put(export.text("hazards.intake.lastSeen"), (f.from() == null ? "" : f.from().toString()) + " ~ "
                    + (f.to() == null ? "" : f.to().toString()));
        }
        return shown;
    }
}
