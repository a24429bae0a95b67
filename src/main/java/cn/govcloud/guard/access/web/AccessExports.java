package cn.govcloud.guard.access.web;

import cn.govcloud.guard.access.internal.ChannelQueries;
import cn.govcloud.guard.access.internal.GrantQueries;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.access.internal.VisitRegister;
import cn.govcloud.guard.access.internal.Visits;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.systems.Systems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.annotations.ParameterObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Systems systems;
    private final Lists lists;
    private final SheetExport export;

    AccessExports(VisitRegister visits, ChannelQueries channels, GrantQueries grants, Systems systems, Lists lists, SheetExport export) {
        this.visits = visits;
        this.channels = channels;
        this.grants = grants;
        this.systems = systems;
        this.lists = lists;
        this.export = export;
    }

    @GetMapping({"/access/visits/export.xlsx", "/api/v1/access/visits/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The on-site visits, one row per visitor, as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void visits(@ParameterObject ListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = params.filter(Visits.STATES);
        boolean full = VisitRegister.seesFullNumbers(actor);
        Map<Long, String> orgNames = lists.unitNames();
        Map<Long, String> systemNames = new HashMap<>(); // one look-up per system met, not per row
        String title = export.text("access.export.visits");
        List<SheetExport.Column> columns = List.of(export.column("access.export.no", 8), export.column("access.export.unit", 22),
                export.column("access.visit.system", 24), export.column("access.visit.letterNumber", 18), export.column("access.visit.purpose", 30),
                export.column("access.visit.validFrom", 12), export.column("access.visit.validUntil", 12), export.column("access.visit.status", 14),
                export.column("access.visit.realName", 12), export.column("access.visit.idNumber", 22), export.column("access.visit.mobile", 16),
                export.column("access.visit.escort", 12), export.column("access.visit.signedInAt", 18), export.column("access.visit.signedOutAt", 18),
                export.column("access.visit.recordedBy", 12));
        export.write(new SheetExport.Request("access.visits", title, title + ".xlsx", columns,
                lists.described(filter, "access.visit.status."), full), rows -> visits.each(actor, filter, SheetExport.PAGE, v -> rows.add(v.visitId(), orgNames.getOrDefault(v.orgId(), ""),
                        systemName(systemNames, v.systemId()),
                        v.letterNumber(), v.purpose(), v.validFrom(), v.validUntil(), export.text("access.visit.status." + v.status()),
                        v.realName(), v.idNumber(), v.mobile(), v.escort(), v.signedInAt(), v.signedOutAt(), v.recordedBy())), response);
    }

    @GetMapping({"/access/channels/export.xlsx", "/api/v1/access/channels/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The remote-operation channels as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void channels(@ParameterObject ListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = params.filter(ChannelQueries.STATES);
        Map<Long, String> names = new HashMap<>(); // one look-up per system met, not per row
        Map<Long, String> orgNames = lists.unitNames();
        String title = export.text("access.export.channels");
        List<SheetExport.Column> columns = List.of(export.column("access.export.no", 8), export.column("access.export.unit", 22),
                export.column("access.channel.system", 24), export.column("access.channel.purpose", 30), export.column("access.channel.operations", 30),
                export.column("access.channel.accounts", 20), export.column("access.channel.channelType", 10),
                export.column("access.channel.operatorName", 14), export.column("access.channel.startsAt", 18), export.column("access.channel.endsAt", 18),
                export.column("access.channel.longTerm", 8), export.column("access.channel.status", 14), export.column("access.channel.requestedBy", 12),
                export.column("access.channel.approvedBy", 12), export.column("access.channel.openedBy", 12), export.column("access.channel.closedBy", 12));
        export.write(new SheetExport.Request("access.channels", title, title + ".xlsx", columns,
                lists.described(filter, "access.channel.status."), false), rows -> channels.each(actor, filter, SheetExport.PAGE, c ->
                rows.add(c.id(), orgNames.getOrDefault(c.orgId(), ""), c.systemId() == null ? export.text("access.channel.platform")
                                : systemName(names, c.systemId()), c.purpose(), c.operations(), c.accounts(),
                        c.channelType() == null ? "" : export.text("access.channel.type." + c.channelType()), c.operatorName(), c.startsAt(),
                        c.endsAt(), c.longTerm(), export.text("access.channel.status." + c.effectiveStatus()), c.requestedBy(), c.approvedBy(),
                        c.openedBy(), c.closedBy())), response);
    }

    @GetMapping({"/access/grants/export.xlsx", "/api/v1/access/grants/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The data-access grants as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void grants(@ParameterObject ListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = params.filter(GrantQueries.STATES);
        Map<Long, String> names = new HashMap<>(); // one look-up per system met, not per row
        Map<Long, String> orgNames = lists.unitNames();
        String title = export.text("access.export.grants");
        List<SheetExport.Column> columns = List.of(export.column("access.export.no", 8), export.column("access.export.unit", 22),
                export.column("access.grant.system", 24), export.column("access.export.provider", 20), export.column("access.grant.purpose", 30),
                export.column("access.grant.scope", 16), export.column("access.grant.startsAt", 18), export.column("access.grant.endsAt", 18),
                export.column("access.grant.status", 12), export.column("access.grant.active", 10), export.column("access.export.requestedBy", 12),
                export.column("access.export.decidedBy", 12), export.column("access.export.decidedAt", 18));
        export.write(new SheetExport.Request("access.grants", title, title + ".xlsx", columns,
                lists.described(filter, "access.grant.status."), false), rows -> grants.each(actor, filter, SheetExport.PAGE, g ->
                rows.add(g.id(), orgNames.getOrDefault(g.orgId(), ""), systemName(names, g.systemId()), orgNames.getOrDefault(g.providerOrgId(), ""),
                        g.purpose(), g.scope().stream().map(p -> export.text("access.grant.purpose." + p)).collect(Collectors.joining("、")),
                        g.startsAt(), g.endsAt(), export.text("access.grant.status." + g.status()), g.active(), g.requestedBy(), g.decidedBy(),
                        g.decidedAt())), response);
    }

    /** A system's name, asked once per system met (the names seen so far in {@code seen}). */
    private String systemName(Map<Long, String> seen, long systemId) {
        return seen.computeIfAbsent(systemId, id -> systems.find(id).map(Systems.SystemRef::name).orElse(""));
    }
}
