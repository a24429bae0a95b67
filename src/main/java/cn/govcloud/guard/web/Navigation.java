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

    /**
     * Navigation by task (issue 23 point 7): the pages fall into a few groups, in this order; home and the
     * inbox stand above them. A page missing from every group (a module added it later) is shown under 其他.
     */
    public static final List<Group> GROUPS = List.of(
            new Group("overview", "nav.group.overview", List.of("dashboard", "duties", "compliance", "assessment",
                    "supervision-scheduling", "supervision-inspections", "supervision-notices", "supervision-mine")),
            new Group("systems", "nav.group.systems", List.of("systems", "work-orders", "system-register")),
            new Group("hazards", "nav.group.hazards", List.of("hazards", "intake", "incidents", "plans", "drills")),
            new Group("access", "nav.group.access", List.of("access-channels", "access-visits", "access-grants", "access-accounts")),
            new Group("data", "nav.group.data", List.of("data", "data-important", "data-findings", "data-transfers")),
            new Group("platform", "nav.group.platform", List.of("platform-overview", "certifications", "supply-chain", "network", "hardware",
                    "provider-exit")),
            new Group("admin", "nav.group.admin", List.of("organisations", "users", "roles", "security-policy", "api-tokens", "audit",
                    "notify-channels", "calendar", "rules", "account")));

    /** Above the groups, always open. */
    public static final List<String> TOP = List.of("home", "inbox");

    /** One group of pages: {@code itemKeys} in display order. */
    public record Group(String key, String messageKey, List<String> itemKeys) {
        public Group {
            itemKeys = List.copyOf(itemKeys);
        }
    }

    /** A group as one person sees it: only the pages their roles may open, and what waits in it. */
    public record ShownGroup(String key, String messageKey, List<Item> items, long waiting, long overdue) {
        public boolean contains(String navKey) {
            return items.stream().anyMatch(i -> i.key().equals(navKey));
        }
    }

    private Navigation() {
    }

    /** The pages above the groups that the actor sees. */
    public static List<Item> topOf(Actor actor) {
        return visibleTo(actor).stream().filter(i -> TOP.contains(i.key())).toList();
    }

    /**
     * The actor's groups, each with the pages they may open (a group with none is left out) and the
     * duties waiting in it ({@code waiting}: open and overdue, {@code overdue}: of those, late), given as
     * group key → {due, overdue}.
     */
    public static List<ShownGroup> groupsOf(Actor actor, java.util.Map<String, long[]> load) {
        List<Item> visible = visibleTo(actor);
        java.util.Map<String, Item> byKey = new java.util.LinkedHashMap<>();
        visible.forEach(i -> byKey.put(i.key(), i));
        java.util.Set<String> placed = new java.util.HashSet<>(TOP);
        java.util.List<ShownGroup> shown = new java.util.ArrayList<>();
        for (Group g : GROUPS) {
            List<Item> items = g.itemKeys().stream().map(byKey::get).filter(java.util.Objects::nonNull).toList();
            placed.addAll(g.itemKeys());
            if (!items.isEmpty()) {
                long[] l = load.getOrDefault(g.key(), new long[2]);
                shown.add(new ShownGroup(g.key(), g.messageKey(), items, l[0] + l[1], l[1]));
            }
        }
        List<Item> rest = visible.stream().filter(i -> !placed.contains(i.key())).toList();
        if (!rest.isEmpty()) {
            shown.add(new ShownGroup("other", "nav.group.other", rest, 0, 0));
        }
        return shown;
    }

    /**
     * The group a rule's duties wait in, by the article it enforces (REQUIREMENTS.md): platform and network
     * (A5, A6), hosted systems (A7.1, A7.2, A11.1, A11.2, A11.4), access and operations (A7.3, A7.4, A9), data
     * (A8), monitoring and emergencies (A10), the rest (A11.3 scheduling, A12 scoring, …) under 态势与考核.
     */
    public static String groupOfArticle(String article) {
        String a = article == null ? "" : article.strip();
        if (a.startsWith("A5.") || a.startsWith("A6.") || a.equals("A5") || a.equals("A6")) {
            return "platform";
        }
        if (a.startsWith("A7.3") || a.startsWith("A7.4") || a.startsWith("A9")) {
            return "access";
        }
        if (a.startsWith("A7") || a.startsWith("A11.1") || a.startsWith("A11.2") || a.startsWith("A11.4")) {
            return "systems";
        }
        if (a.startsWith("A8")) {
            return "data";
        }
        if (a.startsWith("A10")) {
            return "hazards";
        }
        if (a.startsWith("A14")) {
            return "admin";
        }
        return "overview";
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
