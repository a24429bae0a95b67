package cn.govcloud.guard.supervision.followups;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import cn.govcloud.guard.supervision.scheduling.ListParams;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Issue 23 point 11: 巡检异常跟进 as Excel with the list's keyword and state — every matching row, not one page. */
@RestController
@AllowOversightAndProvider
class FollowUpExports {
    private final InspectionFollowUps followUps;
    private final OrganisationDirectory organisations;
    private final ListPages lists;

    FollowUpExports(InspectionFollowUps followUps, OrganisationDirectory organisations, ListPages lists) {
        this.followUps = followUps;
        this.organisations = organisations;
        this.lists = lists;
    }

    @GetMapping({"/supervision/inspection-follow-ups/export.xlsx", "/api/v1/supervision/inspection-follow-ups/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The daily inspection's follow-ups as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @ListParams
    void export(@Parameter(hidden = true) @RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        Map<Long, String> providers = new HashMap<>(); // one directory question per provider met, not per row
        lists.export(params, InspectionFollowUps.STATES, FollowUpPages.OFFERS, "followups.state.", "supervision.followups", "followups.title",
                List.of(lists.column("scheduling.export.no", 8), lists.column("followups.col.day", 12), lists.column("followups.col.provider", 18),
                        lists.column("followups.col.kind", 18), lists.column("followups.col.proposal", 10), lists.column("followups.col.detail", 40),
                        lists.column("followups.col.state", 14), lists.column("followups.col.decidedBy", 12),
                        lists.column("followups.col.decidedAt", 18), lists.column("followups.col.note", 30)),
                f -> followUps.search(actor, f), (rows, page) -> page.forEach(x -> rows.add(x.id(), x.day(),
                        providers.computeIfAbsent(x.providerOrgId(), id -> organisations.byId(id).map(o -> o.name()).orElse("")),
                        lists.text("followups.kind." + x.kind()), lists.text("followups.proposal." + x.proposal()), x.detail(),
                        lists.text("followups.state." + x.state()), x.decidedBy(), x.decidedAt(), x.note())), response);
    }
}
