package cn.govcloud.guard.access.web;

import cn.govcloud.guard.access.internal.AccessAccounts;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.annotations.ParameterObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Issue 22 point 5: the access-account register (A7.3, /access/accounts) as Excel, with its system filter; a unit only its own. */
@RestController
@AllowOversightAndUnits
class AccessAccountExports {
    private final AccessAccounts accounts;
    private final Lists lists;

    AccessAccountExports(AccessAccounts accounts, Lists lists) {
        this.accounts = accounts;
        this.lists = lists;
    }

    @GetMapping({"/access/accounts/export.xlsx", "/api/v1/access/accounts/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The access-account register as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam(required = false) Long systemId, @ParameterObject ListParams params, HttpServletResponse response)
            throws IOException {
        Actor actor = Actor.require();
        ListFilter filter = params.filter(AccessAccounts.STATES);
        var orgNames = lists.unitNames();
        var systemNames = lists.systemNames();
        Map<String, String> shown = new LinkedHashMap<>();
        if (systemId != null) {
            shown.put(lists.text("access.account.system"), systemNames.of(systemId));
        }
        shown.putAll(lists.described(filter, "access.account.state."));
        lists.<AccessAccounts.Account>export(response, "access.accounts", "access.export.accounts", lists.columns("access.export.unit:22",
                        "access.account.system:24", "access.account.kind:12", "access.account.accountName:18", "access.account.holder:12",
                        "access.account.privileges:24", "access.account.leastPrivilege:24", "access.account.createdOn:12",
                        "access.account.expiresOn:12", "access.account.lastReview:18", "access.account.revoked:18",
                        "access.account.expired:8", "access.account.unreviewed:10"),
                shown, false, row -> accounts.each(actor, systemId, filter, SheetExport.PAGE, row),
                a -> new Object[] {orgNames.getOrDefault(a.orgId(), ""), systemNames.of(a.systemId()),
                        lists.text("access.account.kind." + a.kind()), a.accountName(), a.holder(), a.privileges(), a.leastPrivilege(),
                        a.createdOn(), a.expiresOn(), a.lastReviewedAt(), a.revokedAt(), a.expired(), a.unreviewed()});
    }
}
