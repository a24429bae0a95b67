package cn.govcloud.guard.access.web;

import cn.govcloud.guard.access.internal.AccessAccounts;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.systems.Systems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.annotations.ParameterObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Issue 22 point 5: the access-account register (A7.3, /access/accounts) as Excel, with its system filter; a unit only its own. */
@RestController
@AllowOversightAndUnits
class AccessAccountExports {
    private final AccessAccounts accounts;
    private final Systems systems;
    private final Lists lists;
    private final SheetExport export;

    AccessAccountExports(AccessAccounts accounts, Systems systems, Lists lists, SheetExport export) {
        this.accounts = accounts;
        this.systems = systems;
        this.lists = lists;
        this.export = export;
    }

    @GetMapping({"/access/accounts/export.xlsx", "/api/v1/access/accounts/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The access-account register as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam(required = false) Long systemId, @ParameterObject ListParams params, HttpServletResponse response)
            throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = params.filter(AccessAccounts.STATES);
        Map<Long, String> names = new HashMap<>(); // one look-up per system met, not per row
        Map<Long, String> orgNames = lists.unitNames();
        Map<String, String> shown = new LinkedHashMap<>();
        if (systemId != null) {
            shown.put(export.text("access.account.system"), systemName(names, systemId));
        }
        shown.putAll(lists.described(filter, "access.account.state."));
        String title = export.text("access.export.accounts");
        List<SheetExport.Column> columns = List.of(export.column("access.export.unit", 22), export.column("access.account.system", 24),
                export.column("access.account.kind", 12), export.column("access.account.accountName", 18), export.column("access.account.holder", 12),
                export.column("access.account.privileges", 24), export.column("access.account.leastPrivilege", 24),
                export.column("access.account.createdOn", 12), export.column("access.account.expiresOn", 12),
                export.column("access.account.lastReview", 18), export.column("access.account.revoked", 18), export.column("access.account.expired", 8),
                export.column("access.account.unreviewed", 10));
        export.write(new SheetExport.Request("access.accounts", title, title + ".xlsx", columns, shown, false), rows ->
                accounts.each(actor, systemId, filter, SheetExport.PAGE, a -> rows.add(orgNames.getOrDefault(a.orgId(), ""), systemName(names, a.systemId()), export.text("access.account.kind." + a.kind()),
                        a.accountName(), a.holder(), a.privileges(), a.leastPrivilege(), a.createdOn(), a.expiresOn(), a.lastReviewedAt(),
                        a.revokedAt(), a.expired(), a.unreviewed())), response);
    }

    private String systemName(Map<Long, String> seen, long systemId) {
        return seen.computeIfAbsent(systemId, id -> systems.find(id).map(Systems.SystemRef::name).orElse(""));
    }
}
