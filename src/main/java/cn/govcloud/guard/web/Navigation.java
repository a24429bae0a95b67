package cn.govcloud.guard.web;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The UI's navigation as data, so a module adds its pages here in one line and the layout and the
 * home pages pick them up; who may open a page is still decided by the handler's {@code @Allow}.
 */
public final class Navigation {

    /**
     * One navigation entry.
     *
     * @param key        marks the entry active when a page passes it as the layout's {@code nav}
     * @param path       where it leads
     * @param messageKey its label in the message bundles
     * @param roles      who sees it; empty means every signed-in person
     */
    public record Item(String key, String path, String messageKey, Set<Role> roles) {
        public Item {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        public boolean forEveryone() {
            return roles.isEmpty();
        }

        public boolean visibleTo(Actor actor) {
            return forEveryone() || actor.roles().stream().anyMatch(roles::contains);
        }
    }

    /** In display order. */
    public static final List<Item> ITEMS = List.of(
            everyone("home", "/", "nav.home"),
            everyone("rules", "/rules", "nav.rules"),
            only("dashboard", "/supervision/dashboard", "nav.dashboard", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            // the provider sees a unit's systems only under that unit's grant (A8.1), so not in this list
            only("systems", "/systems", "nav.systems", Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR, Role.REGULATOR),
            // issue 17 point 6: gate decisions executed by the provider; the provider's read-only view of the register (no unit data, A8.1)
            only("work-orders", "/work-orders", "nav.workOrders", Role.PROVIDER_OPERATOR, Role.SUPERVISOR, Role.REGULATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("system-register", "/system-register", "nav.systemRegister", Role.PROVIDER_OPERATOR),
            only("duties", "/duties", "nav.duties", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("hazards", "/hazards", "nav.hazards", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("compliance", "/compliance", "nav.compliance", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("intake", "/intake/findings", "hazards.intake.nav", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("certifications", "/platform/certifications", "nav.certifications", Role.PROVIDER_OPERATOR, Role.SUPERVISOR,
                    Role.REGULATOR),
            only("platform-overview", "/platform/overview", "nav.platformOverview", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR),
            only("supply-chain", "/platform/supply-chain", "nav.supplyChain", Role.PROVIDER_OPERATOR, Role.SUPERVISOR, Role.REGULATOR),
            only("network", "/platform/network", "nav.network", Role.PROVIDER_OPERATOR, Role.SUPERVISOR, Role.REGULATOR),
            only("hardware", "/platform/hardware", "nav.hardware", Role.PROVIDER_OPERATOR, Role.SUPERVISOR, Role.REGULATOR),
            only("provider-exit", "/platform/exits", "nav.providerExit", Role.PROVIDER_OPERATOR, Role.SUPERVISOR, Role.REGULATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("incidents", "/incidents", "nav.incidents", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("plans", "/incidents/plans", "nav.plans", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("drills", "/incidents/drills", "nav.drills", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("supervision-scheduling", "/supervision/scheduling", "scheduling.nav.scheduling", Role.SUPERVISOR, Role.REGULATOR),
            only("supervision-inspections", "/supervision/inspections", "scheduling.nav.inspections", Role.SUPERVISOR, Role.REGULATOR),
            only("supervision-notices", "/supervision/notices", "scheduling.nav.notices", Role.SUPERVISOR, Role.REGULATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("supervision-mine", "/supervision/mine", "scheduling.nav.mine", Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF,
                    Role.PROVIDER_OPERATOR),
            only("data", "/data", "nav.data", Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR, Role.REGULATOR),
            only("data-important", "/data/important", "nav.dataImportant", Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR,
                    Role.REGULATOR),
            only("data-findings", "/data/findings", "nav.dataFindings", Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR,
                    Role.REGULATOR),
            only("data-transfers", "/data/transfers", "nav.dataTransfers", Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR,
                    Role.REGULATOR),
            only("access-channels", "/access/channels", "nav.accessChannels", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("access-visits", "/access/visits", "nav.accessVisits", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("access-grants", "/access/grants", "nav.accessGrants", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("access-accounts", "/access/accounts", "nav.accessAccounts", Role.SUPERVISOR, Role.REGULATOR, Role.UNIT_SECURITY_OFFICER,
                    Role.UNIT_STAFF),
            only("assessment", "/supervision/assessment", "nav.assessment", Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF),
            only("organisations", "/admin/organisations", "nav.organisations", Role.SYSTEM_ADMIN),
            only("users", "/admin/users", "nav.users", Role.SYSTEM_ADMIN),
            only("roles", "/admin/roles", "nav.roles", Role.SECURITY_ADMIN),
            only("security-policy", "/admin/security-policy", "nav.securityPolicy", Role.SECURITY_ADMIN),
            only("api-tokens", "/admin/api-tokens", "nav.apiTokens", Role.SECURITY_ADMIN),
            only("audit", "/audit", "nav.audit", Role.AUDIT_ADMIN),
            only("notify-channels", "/notify/channels", "nav.notifyChannels", Role.SYSTEM_ADMIN, Role.SUPERVISOR, Role.PROVIDER_OPERATOR,
                    Role.UNIT_SECURITY_OFFICER),
            everyone("calendar", "/calendar", "nav.calendar"),
            everyone("inbox", "/inbox", "nav.inbox"),
            everyone("account", "/account", "nav.account"));

    private Navigation() {
    }

    /** The entries the actor sees, in display order. */
    public static List<Item> visibleTo(Actor actor) {
        return ITEMS.stream().filter(item -> item.visibleTo(actor)).toList();
    }

    /** The pages that belong to one role (not those everybody has), for that role's home section. */
    public static List<Item> pagesOf(Role role) {
        return ITEMS.stream().filter(item -> item.roles().contains(role)).toList();
    }

    private static Item everyone(String key, String path, String messageKey) {
        return new Item(key, path, messageKey, Set.of());
    }

    private static Item only(String key, String path, String messageKey, Role first, Role... more) {
        return new Item(key, path, messageKey, EnumSet.of(first, more));
    }
}
