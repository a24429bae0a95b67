package cn.govcloud.guard.supervision.scheduling;

import org.springframework.web.bind.annotation.RequestParam;
import java.util.Map;
import io.swagger.v3.oas.annotations.Parameter;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.ListFilter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Issue 23 point 11: the monthly scheduling sessions (A11.3) as Excel with the list's keyword and state — every matching one. */
@RestController
@AllowOversight
class SchedulingExports {
    private final Sessions sessions;
    private final ListPages lists;
    private final SheetExport export;

    SchedulingExports(Sessions sessions, ListPages lists, SheetExport export) {
        this.sessions = sessions;
        this.lists = lists;
        this.export = export;
    }

    @GetMapping({"/supervision/scheduling/export.xlsx", "/api/v1/supervision/scheduling/sessions/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The monthly scheduling sessions as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @ListParams
    void export(@Parameter(hidden = true) @RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        ListFilter filter = ListPages.filter(params, Sessions.STATES, SchedulingPages.OFFERS);
        String title = export.text("scheduling.list.title");
        List<SheetExport.Column> columns = List.of(export.column("scheduling.export.no", 8), export.column("scheduling.field.month", 10),
                export.column("scheduling.field.state", 10), export.column("scheduling.field.meetingDate", 12),
                export.column("scheduling.field.participants", 36), export.column("scheduling.session.openedAt", 18),
                export.column("scheduling.session.closedAt", 18), export.column("scheduling.field.minutes", 30));
        export.write(new SheetExport.Request("supervision.scheduling", title, title + ".xlsx", columns, lists.described(filter, "scheduling.state."),
                false), rows -> ListPages.each(filter, sessions::search, s -> rows.add(s.id(), s.month(),
                export.text("scheduling.state." + s.state()), s.meetingDate(), s.participants(), s.openedAt(), s.closedAt(),
                s.minutesFilename())), response);
    }
}
