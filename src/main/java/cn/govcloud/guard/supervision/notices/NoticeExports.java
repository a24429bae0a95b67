package cn.govcloud.guard.supervision.notices;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
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

/**
 * Issue 23 point 11: the notices (A11.3) as Excel with the list's filters — every matching notice, not one page; oversight
 * with each notice's confirmation progress, a unit with its own confirmation.
 */
@RestController
@AllowOversightAndUnits
class NoticeExports {
    private final Notices notices;
    private final ListPages lists;

    NoticeExports(Notices notices, ListPages lists) {
        this.notices = notices;
        this.lists = lists;
    }

    @GetMapping({"/supervision/notices/export.xlsx", "/api/v1/supervision/notices/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The notices as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @ListParams
    void export(@Parameter(hidden = true) @RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        boolean oversight = Notices.oversees(actor);
        lists.export(params, Notices.STATES, NoticePages.OFFERS, oversight ? "scheduling.notice.listState." : "scheduling.notice.ownState.",
                "supervision.notices", "scheduling.notices.title",
                List.of(lists.column("scheduling.export.no", 8), lists.column("scheduling.notice.issuedAt", 18),
                        lists.column("scheduling.notice.kind", 18), lists.column("scheduling.notice.title", 36),
                        lists.column("scheduling.notice.issuedBy", 14), lists.column("scheduling.notice.progress", 16)),
                f -> notices.search(actor, f), (rows, page) -> write(rows, page, oversight, actor), response);
    }

    /** One grouped progress query per page of notices (not one per notice). */
    private void write(SheetExport.Rows rows, List<Notices.IssuedNotice> page, boolean oversight, Actor actor) {
        List<Long> ids = page.stream().map(Notices.IssuedNotice::id).toList();
        Map<Long, Notices.Progress> progress = oversight ? notices.progress(ids) : Map.of();
        java.util.Set<Long> own = oversight ? java.util.Set.of() : notices.acknowledgedBy(ids, actor.orgId());
        for (Notices.IssuedNotice n : page) {
            String confirmed;
            if (oversight) {
                Notices.Progress p = progress.getOrDefault(n.id(), Notices.Progress.NONE);
                confirmed = lists.text("scheduling.notice.progressOf", p.acknowledged(), p.units());
            } else {
                confirmed = lists.text("scheduling.notice.ownState." + (own.contains(n.id()) ? "ACKNOWLEDGED" : "OPEN"));
            }
            rows.add(n.id(), n.issuedAt(), n.kind(), n.title(), n.issuedByName(), confirmed);
        }
    }
}
