package cn.govcloud.guard.roster.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.roster.Rosters;
import cn.govcloud.guard.roster.Rosters.Filter;
import cn.govcloud.guard.roster.Rosters.Position;
import cn.govcloud.guard.roster.Rosters.Roster;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 points 2 and 5: the security-responsibility roster (安全责任名单) as Excel, with the list's filters (unit,
 * this year's letter signed or not, roster filed or not, keyword; issue 23 point 11), a unit only its own row. The people's mobiles are exported masked for every
 * reader: a full number is shown one unit at a time, audited ({@code POST /api/v1/roster/{orgId}/mobiles/reveal}),
 * never in bulk. The 7×24 on-call phone is the unit's duty number, there to be called, and exported as it is.
 */
@RestController
@AllowOversightAndUnits
class RosterExports {
    private final Rosters rosters;
    private final SheetExport export;

    RosterExports(Rosters rosters, SheetExport export) {
        this.rosters = rosters;
        this.export = export;
    }

    @GetMapping({"/roster/export.xlsx", "/api/v1/roster/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The roster as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam(required = false) Long unit, @RequestParam(required = false) String signed,
                @RequestParam(required = false) String filed, @RequestParam(required = false) String q, HttpServletResponse response)
            throws IOException {
        Filter filter = RosterFilters.of(unit, signed, filed, q);
        List<Roster> rows = rosters.list(filter);
        Map<String, String> shown = new LinkedHashMap<>();
        if (unit != null) {
            shown.put(export.text("roster.field.unit"), rows.isEmpty() ? String.valueOf(unit) : rows.get(0).orgName());
        }
        if (filter.signed() != null) {
            shown.put(export.text("roster.filter.signed"), export.text(filter.signed() ? "documents.export.yes" : "documents.export.no"));
        }
        if (filter.filed() != null) {
            shown.put(export.text("roster.filter.filed"), export.text(filter.filed() ? "documents.export.yes" : "documents.export.no"));
        }
        if (filter.q() != null) {
            shown.put(export.text("roster.filter.q"), filter.q());
        }
        List<SheetExport.Column> columns = new ArrayList<>();
        columns.add(export.column("roster.field.unit", 24));
        for (Position p : Position.values()) {
            String label = export.text("roster.position." + p);
            columns.add(new SheetExport.Column(label, 10));
            columns.add(new SheetExport.Column(label + export.text("roster.field.post"), 14));
            columns.add(new SheetExport.Column(label + export.text("roster.field.officePhone"), 16));
            columns.add(new SheetExport.Column(label + export.text("roster.field.mobile"), 14));
        }
        columns.add(export.column("roster.field.onCallPhone", 14));
        columns.add(export.column("roster.field.letterThisYear", 12));
        columns.add(export.column("roster.field.signedOn", 12));
        columns.add(export.column("roster.field.updatedAt", 18));
        String title = export.text("roster.export.title");
        export.write(new SheetExport.Request("roster", title, title + ".xlsx", columns, shown, false), out -> {
            for (Roster r : rows) {
                List<Object> cells = new ArrayList<>();
                cells.add(r.orgName());
                for (Position p : Position.values()) {
                    var person = r.person(p);
                    cells.add(person.map(Rosters.Person::name).orElse(null));
                    cells.add(person.map(Rosters.Person::post).orElse(null));
                    cells.add(person.map(Rosters.Person::officePhone).orElse(null));
                    cells.add(person.map(Rosters.Person::mobileMasked).orElse(null));
                }
                cells.add(r.onCallPhone());
                cells.add(export.text(r.signedThisYear() ? "roster.letter.signed" : "roster.letter.missing"));
                cells.add(r.letter() == null ? null : r.letter().signedOn());
                cells.add(r.updatedAt());
                out.add(cells.toArray());
            }
        }, response);
    }
}
