package cn.govcloud.guard.duties.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.internal.DutyReads;
import cn.govcloud.guard.duties.internal.DutyCursor;
import cn.govcloud.guard.duties.internal.DutyFilter;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.TimeConfiguration;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 5: the duty list (/duties) as Excel with its filters — state, rule, unit, keyword (issue 23 point 11) — through the same keyset
 * query as the page ({@link DutyReads#page}, {@link SheetExport#PAGE} rows a query); a unit only its own duties.
 * A deadline at midnight reads as the day before at 24:00, as on the page.
 */
@RestController
@AllowParties
class DutyExports {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final DutyReads duties;
    private final RuleCatalog catalog;
    private final OrganisationDirectory organisations;
    private final SheetExport export;

    DutyExports(DutyReads duties, RuleCatalog catalog, OrganisationDirectory organisations, SheetExport export) {
        this.duties = duties;
        this.catalog = catalog;
        this.organisations = organisations;
        this.export = export;
    }

    @GetMapping({"/duties/export.xlsx", "/api/v1/duties/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The duty list as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        // the list's own reading of the query string: a bad filter is refused, so the workbook holds what the list shows
        DutyFilter filter = DutyListQuery.read(params, catalog.rules()).filter();
        DutyState state = filter.state();
        String ruleId = filter.ruleId();
        Long org = filter.orgId();
        Map<String, String> titles = new HashMap<>();
        catalog.rules().forEach(r -> titles.put(r.id(), r.title()));
        Map<Long, String> orgNames = new HashMap<>();
        organisations.all().forEach(o -> orgNames.put(o.id(), o.name()));

        Map<String, String> shown = new LinkedHashMap<>();
        if (state != null) {
            shown.put(export.text("duties.col.state"), export.text("duties.state." + state));
        }
        if (ruleId != null) {
            shown.put(export.text("duties.col.rule"), titles.getOrDefault(ruleId, ruleId));
        }
        if (org != null) {
            shown.put(export.text("duties.col.org"), orgNames.getOrDefault(org, String.valueOf(org)));
        }
        if (filter.keyword() != null) {
            shown.put(export.text("duties.search"), filter.keyword());
        }
        String title = export.text("duties.list.title");
        List<SheetExport.Column> columns = List.of(export.column("duties.col.due", 18), export.column("duties.col.state", 12),
                export.column("duties.col.article", 10), export.column("duties.col.title", 36), export.column("duties.col.subject", 26),
                export.column("duties.col.org", 22), export.column("duties.export.closedAt", 18));
        export.write(new SheetExport.Request("duties", title, title + ".xlsx", columns, shown, false), rows -> {
            DutyCursor after = null;
            while (true) {
                List<Duty> page = duties.page(actor, filter, after, SheetExport.PAGE);
                for (Duty d : page) {
                    rows.add(due(d.dueAt()), export.text("duties.state." + d.state()), d.article(), titles.getOrDefault(d.ruleId(), d.ruleId()),
                            d.subjectName(), orgNames.getOrDefault(d.orgId(), String.valueOf(d.orgId())), d.closedAt());
                }
                if (page.size() < SheetExport.PAGE) {
                    return;
                }
                after = DutyCursor.parse(DutyCursor.of(page.get(page.size() - 1)));
            }
        }, response);
    }

    private static String due(Instant at) {
        if (at == null) {
            return "";
        }
        ZonedDateTime local = at.atZone(TimeConfiguration.CITY_ZONE);
        return local.getHour() == 0 && local.getMinute() == 0 ? DAY.format(local.minusSeconds(1)) + " 24:00" : TIME.format(local);
    }
}
