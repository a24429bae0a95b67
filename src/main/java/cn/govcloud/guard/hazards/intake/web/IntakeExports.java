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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
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
        sheet("findings", params, response, intake::findings, (rows, f) -> rows.add(severity(f.severity()), f.name(), f.host(), f.port(),
                        f.scanner(), f.score() == null ? "" : String.valueOf(f.score()), String.join(", ", f.cves()), system(f.systemName()),
                        state(f.state()), f.firstSeen(), f.lastSeen()),
                "severity", 8, "name", 36, "host", 16, "port", 10, "scanner", 12, "score", 8, "cves", 24, "system", 24, "state", 14,
                "firstSeen", 18, "lastSeen", 18);
    }

    @GetMapping({"/intake/alerts/export.xlsx", "/api/v1/alerts/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The monitoring alerts as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void alerts(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        sheet("alerts", params, response, intake::alerts, (rows, a) -> rows.add(severity(a.severity()), a.title(), a.category(),
                        a.srcIp() != null ? a.srcIp() + (a.srcPort() == null ? "" : ":" + a.srcPort()) + " → " + a.destIp()
                                + (a.destPort() == null ? "" : ":" + a.destPort()) : a.address(), a.count(), system(a.systemName()),
                        state(a.state()), a.firstAt(), a.lastAt(), a.source()),
                "severity", 8, "signature", 36, "category", 16, "srcDest", 36, "count", 8, "system", 24, "state", 14, "firstAt", 18,
                "lastAt", 18, "source", 12);
    }

    /**
     * One list's workbook: its filter read as the list reads it, its columns ({@code hazards.intake.} key and width pairs)
     * and a row per item of every keyset page.
     */
    private <T> void sheet(String which, Map<String, String> params, HttpServletResponse response, BiFunction<Actor, Filter, Page<T>> query,
                           BiConsumer<SheetExport.Rows, T> row, Object... columnPairs) throws IOException {
        Actor actor = Actor.require();
        Filter filter = IntakeListQuery.parse(params, PAGE, IntakeListQuery.API_MAX).filter();
        String title = export.text("hazards.intake." + which);
        List<SheetExport.Column> columns = new ArrayList<>();
        for (int i = 0; i < columnPairs.length; i += 2) {
            columns.add(export.column("hazards.intake." + columnPairs[i], (Integer) columnPairs[i + 1]));
        }
        export.write(new SheetExport.Request("intake." + which, title, title + ".xlsx", columns, shown(filter), false),
                rows -> pages(before -> query.apply(actor, filter.before(before)), item -> row.accept(rows, item)), response);
    }

    private String severity(String severity) {
        return export.text("hazards.intake.severity." + severity);
    }

    private String state(String state) {
        return export.text("hazards.intake.state." + state);
    }

    private String system(String systemName) {
        return systemName == null ? export.text("hazards.intake.unmatched") : systemName;
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
            shown.put(export.text("hazards.intake.severity"), severity(f.severity()));
        }
        if (f.systemId() != null) {
            shown.put(export.text("hazards.intake.system"), intake.assignableSystems().stream().filter(s -> s.id() == f.systemId())
                    .map(s -> s.name()).findFirst().orElse(String.valueOf(f.systemId())));
        }
        if (f.state() != null) {
            shown.put(export.text("hazards.intake.state"), state(f.state()));
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
