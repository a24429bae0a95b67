package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.AllowOversight;
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

/** Issue 23 point 11: the monthly scheduling sessions (A11.3) as Excel with the list's keyword and state — every matching one. */
@RestController
@AllowOversight
class SchedulingExports {
    private final Sessions sessions;
    private final ListPages lists;

    SchedulingExports(Sessions sessions, ListPages lists) {
        this.sessions = sessions;
        this.lists = lists;
    }

    @GetMapping({"/supervision/scheduling/export.xlsx", "/api/v1/supervision/scheduling/sessions/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The monthly scheduling sessions as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @ListParams
    void export(@Parameter(hidden = true) @RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        lists.export(params, Sessions.STATES, SchedulingPages.OFFERS, "scheduling.state.", "supervision.scheduling", "scheduling.list.title",
                List.of(lists.column("scheduling.export.no", 8), lists.column("scheduling.field.month", 10),
                        lists.column("scheduling.field.state", 10), lists.column("scheduling.field.meetingDate", 12),
                        lists.column("scheduling.field.participants", 36), lists.column("scheduling.session.openedAt", 18),
                        lists.column("scheduling.session.closedAt", 18), lists.column("scheduling.field.minutes", 30)),
                sessions::search, (rows, page) -> page.forEach(s -> rows.add(s.id(), s.month(), lists.text("scheduling.state." + s.state()), s.meetingDate(),
                        s.participants(), s.openedAt(), s.closedAt(), s.minutesFilename())), response);
    }
}
