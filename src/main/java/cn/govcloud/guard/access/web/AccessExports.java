package cn.govcloud.guard.access.web;

import cn.govcloud.guard.access.internal.ChannelQueries;
import cn.govcloud.guard.access.internal.DataAccessGrants;
import cn.govcloud.guard.access.internal.GrantQueries;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.access.internal.VisitRegister;
import cn.govcloud.guard.access.internal.Visits;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.annotations.ParameterObject;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 5: the access registers as Excel — on-site visits one row per visitor (A9.1), remote-operation
 * channels (A9.2, A9.3) and data-access grants (A8.1) — each as its page shows it to the reader (a unit its own).
 * Issue 23 point 11: each with the filters of its page ({@link Lists}), so the file holds exactly what the list shows.
 * Visitors' numbers are masked except for the unit's security officer and the provider's operator
 * ({@link VisitRegister#seesFullNumbers}), whose exports are audited as unmasked.
 */
@RestController
@AllowParties
class AccessExports {
    private final VisitRegister visits;
    private final ChannelQueries channels;
    private final GrantQueries grants;
    private final Lists lists;

    AccessExports(VisitRegister visits, ChannelQueries channels, GrantQueries grants, Lists lists) {
        this.visits = visits;
        this.channels = channels;
        this.grants = grants;
        this.lists = lists;
    }

    @GetMapping({"/access/visits/export.xlsx", "/api/v1/access/visits/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The on-site visits, one row per visitor, as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void visits(@ParameterObject ListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = params.filter(Visits.STATES);
        var orgNames = lists.unitNames();
        var systemNames = lists.systemNames();
        lists.<VisitRegister.Row>export(response, "access.visits", "access.export.visits", lists.columns("access.export.no:8", "access.export.unit:22",
                        "access.visit.system:24", "access.visit.letterNumber:18", "access.visit.purpose:30", "access.visit.validFrom:12",
                        "access.visit.validUntil:12", "access.visit.status:14", "access.visit.realName:12", "access.visit.idNumber:22",
                        "access.visit.mobile:16", "access.visit.escort:12", "access.visit.signedInAt:18", "access.visit.signedOutAt:18",
                        "access.visit.recordedBy:12"),
                lists.described(filter, "access.visit.status."), VisitRegister.seesFullNumbers(actor),
                row -> visits.each(actor, filter, SheetExport.PAGE, row),
                v -> new Object[] {v.visitId(), orgNames.getOrDefault(v.orgId(), ""), systemNames.of(v.systemId()), v.letterNumber(),
                        v.purpose(), v.validFrom(), v.validUntil(), lists.text("access.visit.status." + v.status()), v.realName(),
                        v.idNumber(), v.mobile(), v.escort(), v.signedInAt(), v.signedOutAt(), v.recordedBy()});
    }

    @GetMapping({"/access/channels/export.xlsx", "/api/v1/access/channels/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The remote-operation channels as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void channels(@ParameterObject ListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = params.filter(ChannelQueries.STATES);
        var orgNames = lists.unitNames();
        var systemNames = lists.systemNames();
        lists.<cn.govcloud.guard.access.internal.Channel>export(response, "access.channels", "access.export.channels", lists.columns("access.export.no:8", "access.export.unit:22",
                        "access.channel.system:24", "access.channel.purpose:30", "access.channel.operations:30", "access.channel.accounts:20",
                        "access.channel.channelType:10", "access.channel.operatorName:14", "access.channel.startsAt:18",
                        "access.channel.endsAt:18", "access.channel.longTerm:8", "access.channel.status:14", "access.channel.requestedBy:12",
                        "access.channel.approvedBy:12", "access.channel.openedBy:12", "access.channel.closedBy:12"),
                lists.described(filter, "access.channel.status."), false,
                row -> channels.each(actor, filter, SheetExport.PAGE, row),
                c -> new Object[] {c.id(), orgNames.getOrDefault(c.orgId(), ""),
                        c.systemId() == null ? lists.text("access.channel.platform") : systemNames.of(c.systemId()), c.purpose(),
                        c.operations(), c.accounts(), c.channelType() == null ? "" : lists.text("access.channel.type." + c.channelType()),
                        c.operatorName(), c.startsAt(), c.endsAt(), c.longTerm(), lists.text("access.channel.status." + c.effectiveStatus()),
                        c.requestedBy(), c.approvedBy(), c.openedBy(), c.closedBy()});
    }

    @GetMapping({"/access/grants/export.xlsx", "/api/v1/access/grants/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The data-access grants as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void grants(@ParameterObject ListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = params.filter(GrantQueries.STATES);
        var orgNames = lists.unitNames();
        var systemNames = lists.systemNames();
        lists.<DataAccessGrants.Grant>export(response, "access.grants", "access.export.grants", lists.columns("access.export.no:8", "access.export.unit:22",
                        "access.grant.system:24", "access.export.provider:20", "access.grant.purpose:30", "access.grant.scope:16",
                        "access.grant.startsAt:18", "access.grant.endsAt:18", "access.grant.status:12", "access.grant.active:10",
                        "access.export.requestedBy:12", "access.export.decidedBy:12", "access.export.decidedAt:18"),
                lists.described(filter, "access.grant.status."), false,
                row -> grants.each(actor, filter, SheetExport.PAGE, row),
                g -> new Object[] {g.id(), orgNames.getOrDefault(g.orgId(), ""), systemNames.of(g.systemId()),
                        orgNames.getOrDefault(g.providerOrgId(), ""), g.purpose(),
                        g.scope().stream().map(p -> lists.text("access.grant.purpose." + p)).collect(Collectors.joining("、")),
                        g.startsAt(), g.endsAt(), lists.text("access.grant.status." + g.status()), g.active(), g.requestedBy(),
                        g.decidedBy(), g.decidedAt()});
    }
}
