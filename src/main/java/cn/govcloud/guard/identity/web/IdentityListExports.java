package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.ApiTokens;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.UserSearch;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Issue 23 point 11: the API tokens (/admin/api-tokens) and the organisations (/admin/organisations) as Excel, with the
 * page's search and filters, every page of them — exactly the rows the list shows. A filter the list cannot read is
 * refused (400) here as on the page. Token secrets are never stored, so never exported.
 */
@org.springframework.web.bind.annotation.RestController
class IdentityListExports {
    private final ApiTokens tokens;
    private final UserSearch search;
    private final IdentityManagement identity;
    private final SheetExport export;
    private final Clock clock;

    IdentityListExports(ApiTokens tokens, UserSearch search, IdentityManagement identity, SheetExport export, Clock clock) {
        this.tokens = tokens;
        this.search = search;
        this.identity = identity;
        this.export = export;
        this.clock = clock;
    }

    @GetMapping("/admin/api-tokens/export.xlsx")
    @Allow(Role.SECURITY_ADMIN)
    void tokens(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        ListFilter filter = ApiTokenPages.filter(params);
        Instant now = clock.instant();
        Map<String, String> shown = new LinkedHashMap<>();
        if (filter.q() != null) {
            shown.put(export.text("list.q"), filter.q());
        }
        if (filter.unit() != null) {
            shown.put(export.text("list.unit"), identity.organisation(filter.unit()).map(OrganisationView::name)
                    .orElse(String.valueOf(filter.unit())));
        }
        if (filter.state() != null) {
            shown.put(export.text("list.state"), export.text("identity.tokens.state." + filter.state()));
        }
        if (filter.due() != null) {
            shown.put(export.text("list.due"), export.text("list.due." + filter.due()));
        }
        String title = export.text("identity.tokens.exportTitle");
        List<SheetExport.Column> columns = List.of(export.column("identity.tokens.name", 24), export.column("identity.tokens.scopes", 30),
                export.column("identity.users.organisation", 24), export.column("identity.tokens.created", 18),
                export.column("identity.tokens.createdBy", 12), export.column("identity.tokens.expires", 18),
                export.column("identity.tokens.lastUsed", 18), export.column("identity.tokens.lastUsedFrom", 16),
                export.column("identity.tokens.status", 8));
        export.write(new SheetExport.Request("identity.api-tokens", title, title + ".xlsx", columns, shown, false),
                rows -> Page.walk(filter, SheetExport.PAGE, tokens::search, t -> rows.add(t.name(),
                        String.join(" ", new java.util.TreeSet<>(t.scopes())), t.orgName(), t.createdAt(), t.createdBy(), t.expiresAt(),
                        t.lastUsedAt(), t.lastUsedFrom(), export.text("identity.tokens.state." + state(t, now)))),
                response);
    }

    @GetMapping("/admin/organisations/export.xlsx")
    @Allow(Role.SYSTEM_ADMIN)
    void organisations(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        OrganisationPages.Search asked = OrganisationPages.search(params);
        ListFilter filter = asked.filter();
        OrgKind kind = asked.kind();
        Map<String, String> shown = new LinkedHashMap<>();
        if (filter.q() != null) {
            shown.put(export.text("list.q"), filter.q());
        }
        if (kind != null) {
            shown.put(export.text("identity.organisations.kind"), export.text("identity.kind." + kind));
        }
        if (filter.state() != null) {
            shown.put(export.text("list.state"), export.text("identity.organisations.state." + filter.state()));
        }
        String title = export.text("identity.organisations.exportTitle");
        List<SheetExport.Column> columns = List.of(export.column("identity.organisations.name", 36),
                export.column("identity.organisations.kind", 20), export.column("identity.organisations.users", 10));
        export.write(new SheetExport.Request("identity.organisations", title, title + ".xlsx", columns, shown, false),
                rows -> Page.walk(filter, SheetExport.PAGE, f -> search.organisations(f, kind), o -> rows.add(o.name(),
                        export.text("identity.kind." + o.kind()), o.users())),
                response);
    }

    /** The state a token is in at {@code now}, as {@link ApiTokens#STATES} names it. */
    static String state(ApiTokens.View t, Instant now) {
        return t.revokedAt() != null ? "REVOKED" : t.expiresAt().isAfter(now) ? "ACTIVE" : "EXPIRED";
    }
}
