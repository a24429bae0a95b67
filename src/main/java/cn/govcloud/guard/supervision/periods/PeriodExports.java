package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import cn.govcloud.guard.supervision.scheduling.ListParams;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Issue 23 point 11: the exercise and protection periods (A4) as Excel with the list's filters — every matching period. */
@RestController
@AllowParties
class PeriodExports {
    private final Periods periods;
    private final ListPages lists;

    PeriodExports(Periods periods, ListPages lists) {
        this.periods = periods;
        this.lists = lists;
    }

    @GetMapping({"/supervision/periods/export.xlsx", "/api/v1/periods/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The exercise and protection periods as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @ListParams
    void export(@Parameter(hidden = true) @RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        lists.export(params, Periods.STATES, PeriodPages.OFFERS, "periods.state.", "supervision.periods", "periods.title",
                List.of(lists.column("scheduling.export.no", 8), lists.column("periods.kind", 20), lists.column("periods.name", 30),
                        lists.column("periods.startsAt", 18), lists.column("periods.endsAt", 18), lists.column("periods.state", 10),
                        lists.column("periods.redTeam", 20), lists.column("periods.note", 30)),
                f -> periods.search(actor, f), (rows, page) -> page.forEach(p -> rows.add(p.id(), lists.text("periods.kind." + p.kind().name()), p.name(),
                        p.startsAt(), p.endsAt(), lists.text("periods.state." + periods.stateOf(p).name()), p.redTeam(), p.note())), response);
    }
}
