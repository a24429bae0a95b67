package cn.govcloud.guard.identity.web;

import org.springframework.web.bind.annotation.RequestParam;
import java.util.LinkedHashMap;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.UserSearch;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 5: the accounts (/admin/users) as Excel, for the system administrator as on the page — with its search
 * and filters (issue 23 point 11), every page of them. Mobile numbers
 * stay masked in the export for everyone: the full number is shown one user at a time and each showing is audited
 * ({@link IdentityManagement#revealMobile}), never in bulk.
 */
@RestController
@Allow(Role.SYSTEM_ADMIN)
class UserExports {
    private final IdentityManagement identity;
    private final UserSearch search;
    private final SheetExport export;
    private final Clock clock;

    UserExports(IdentityManagement identity, UserSearch search, SheetExport export, Clock clock) {
        this.search = search;
        this.identity = identity;
        this.export = export;
        this.clock = clock;
    }

    @GetMapping({"/admin/users/export.xlsx", "/api/v1/users/export.xlsx"})
    @ApiResponse(responseCode = "200", description = "The accounts as an Excel workbook, mobiles masked",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@RequestParam(required = false) String q, @RequestParam(required = false) String unit,
                @RequestParam(required = false) String state, HttpServletResponse response) throws IOException {
        Instant now = clock.instant();
        ListFilter filter = ListFilter.of(q, unit, state, UserSearch.STATES, null, null, null); // what /admin/users shows, all pages
        Map<String, String> shown = new LinkedHashMap<>();
        if (filter.q() != null) {
            shown.put(export.text("list.q"), filter.q());
        }
        if (filter.unit() != null) {
            shown.put(export.text("list.unit"), identity.organisation(filter.unit()).map(OrganisationView::name).orElse(unit));
        }
        if (filter.state() != null) {
            shown.put(export.text("list.state"), export.text("identity.users.state." + filter.state()));
        }
        String title = export.text("identity.users.exportTitle");
        List<SheetExport.Column> columns = List.of(export.column("identity.users.username", 16), export.column("identity.users.displayName", 12),
                export.column("identity.users.organisation", 24), export.column("identity.users.mobile", 16), export.column("identity.users.roles", 30),
                export.column("identity.users.secondFactor", 8), export.column("identity.users.enabled", 8), export.column("identity.users.locked", 8),
                export.column("identity.users.lastLogin", 18));
        export.write(new SheetExport.Request("identity.users", title, title + ".xlsx", columns, shown, false), rows -> Page.walk(filter, SheetExport.PAGE, search::users, u ->
                rows.add(u.username(), u.displayName(), u.orgName(), u.mobileMasked(),
                        u.roles().stream().map(r -> export.text("identity.role." + r)).collect(Collectors.joining("、")), u.secondFactor(), u.enabled(),
                        u.lockedUntil() != null && u.lockedUntil().isAfter(now), u.lastLoginAt())), response);
    }
}
