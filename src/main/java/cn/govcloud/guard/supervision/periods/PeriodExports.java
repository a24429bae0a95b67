package cn.govcloud.guard.supervision.periods;

import org.springframework.web.bind.annotation.RequestParam;
import java.util.Map;
import io.swagger.v3.oas.annotations.Parameter;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import cn.govcloud.guard.supervision.scheduling.ListParams;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Issue 23 point 11: the exercise and protection periods (A4) as Excel with the list's filters — every matching period. */
@RestController
@AllowParties
class PeriodExports {
    private final Periods periods;
    private final ListPages lists;
    private final SheetExport export;

    PeriodExports(Periods periods, ListPages lists, SheetExport export) {
        this.periods = periods;
        this.lists = lists;
        this.export = export;
    }

    @GetMapping({"/supervision/periods/export.xlsx", "/api/v1/periods/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The exercise and protection periods as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @ListParams
    void export(@Parameter(hidden = true) @RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = ListPages.filter(params, Periods.STATES, PeriodPages.OFFERS);
        String title = export.text("periods.title");
        List<SheetExport.Column> columns = List.of(export.column("scheduling.export.no", 8), export.column("periods.kind", 20),
                export.column("periods.name", 30), export.column("periods.startsAt", 18), export.column("periods.endsAt", 18),
                export.column("periods.state", 10), export.column("periods.redTeam", 20), export.column("periods.note", 30));
        export.write(new SheetExport.Request("supervision.periods", title, title + ".xlsx", columns, lists.described(filter, "periods.state."),
                false), rows -> ListPages.each(filter, f -> periods.search(actor, f), p -> rows.add(p.id(),
                export.text("periods.kind." + p.kind().name()), p.name(), p.startsAt(), p.endsAt(),
                export.text("periods.state." + periods.stateOf(p).name()), p.redTeam(), p.note())), response);
    }
}
