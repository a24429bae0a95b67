package cn.govcloud.guard.web;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The UI's navigation as data, so a module adds its pages here in one line and the layout and the home pages pick
 * them up. Who sees an entry is not written here a second time: it is read from the {@code @Allow} (or a role group
 * such as {@code @AllowUnitPeople}) of the handler that answers {@code GET path}, so the menu never offers a page the
 * handler refuses, nor hides one it lets in (issue 18 point 4).
 */
@Component
public class Navigation {

    /**
     * One navigation entry as one person's menu shows it.
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

    /** An entry as written here: the roles come from its handler. */
    record Page(String key, String path, String messageKey, Set<Role> notOfferedTo) {
    }

    /**
     * The pages in display order: key, path, label, and the roles the handler lets in but the menu should not offer
     * (rare, each with its reason). Who sees an entry is otherwise read from the target handler's {@code @Allow}.
     */
    static final List<Page> PAGES = List.of(
            page("home", "/", "nav.home"),
            page("rules", "/rules", "nav.rules"),
            page("dashboard", "/supervision/dashboard", "nav.dashboard"),
            // the provider sees a unit's systems only under that unit's grant (A8.1), so not in this list
            page("systems", "/systems", "nav.systems", Role.PROVIDER_OPERATOR),
            // issue 17 point 6: gate decisions executed by the provider; the provider's read-only view of the register (no unit data, A8.1)
            page("work-orders", "/work-orders", "nav.workOrders"),
            page("system-register", "/system-register", "nav.systemRegister"),
            // issue 22 point 3: the 保密 reviewer's register of 关基 / 非涉密 flags
            page("system-classification", "/system-classification", "nav.systemClassification"),
            page("duties", "/duties", "nav.duties"),
            page("hazards", "/hazards", "nav.hazards"),
            page("compliance", "/compliance", "nav.compliance"),
            page("intake", "/intake/findings", "hazards.intake.nav"),
            page("intake-syslog", "/intake/syslog", "hazards.intake.syslog.nav"),
            page("certifications", "/platform/certifications", "nav.certifications"),
            page("platform-overview", "/platform/overview", "nav.platformOverview"),
            page("supply-chain", "/platform/supply-chain", "nav.supplyChain"),
            page("network", "/platform/network", "nav.network"),
            page("hardware", "/platform/hardware", "nav.hardware"),
            page("provider-exit", "/platform/exits", "nav.providerExit"),
            page("incidents", "/incidents", "nav.incidents"),
            page("plans", "/incidents/plans", "nav.plans"),
            page("drills", "/incidents/drills", "nav.drills"),
            page("supervision-scheduling", "/supervision/scheduling", "scheduling.nav.scheduling"),
            page("supervision-inspections", "/supervision/inspections", "scheduling.nav.inspections"),
            page("supervision-notices", "/supervision/notices", "scheduling.nav.notices"),
            page("supervision-periods", "/supervision/periods", "periods.nav"),
            page("supervision-mine", "/supervision/mine", "scheduling.nav.mine"),
            // issue 22 point 2: the provider reads no unit's roster, so the handler leaves it out
            page("roster", "/roster", "nav.roster"),
            page("data", "/data", "nav.data"),
            page("data-important", "/data/important", "nav.dataImportant"),
            page("data-findings", "/data/findings", "nav.dataFindings"),
            page("data-transfers", "/data/transfers", "nav.dataTransfers"),
            page("access-channels", "/access/channels", "nav.accessChannels"),
            page("access-visits", "/access/visits", "nav.accessVisits"),
            page("access-grants", "/access/grants", "nav.accessGrants"),
            page("access-accounts", "/access/accounts", "nav.accessAccounts"),
            page("assessment", "/supervision/assessment", "nav.assessment"),
            page("annual-report", "/supervision/annual-report", "annualreport.nav"),
            page("organisations", "/admin/organisations", "nav.organisations"),
            page("users", "/admin/users", "nav.users"),
            page("roles", "/admin/roles", "nav.roles"),
            page("security-policy", "/admin/security-policy", "nav.securityPolicy"),
            page("sso", "/admin/sso", "nav.sso"),
            page("api-tokens", "/admin/api-tokens", "nav.apiTokens"),
            page("audit", "/audit", "nav.audit"),
            page("notify-channels", "/notify/channels", "nav.notifyChannels"),
            page("siem", "/siem", "siem.nav"),
            page("ticketing", "/ticketing/desks", "ticketing.nav"),
            page("calendar", "/calendar", "nav.calendar"),
            page("inbox", "/inbox", "nav.inbox"),
            page("account", "/account", "nav.account"));

    /**
     * Navigation by task (issue 23 point 7): the pages fall into a few groups, in this order; home and the
     * inbox stand above them. A page missing from every group (a module added it later) is shown under 其他.
     */
    public static final List<Group> GROUPS = List.of(
            new Group("overview", "nav.group.overview", List.of("dashboard", "duties", "compliance", "assessment", "annual-report",
                    "supervision-scheduling", "supervision-inspections", "supervision-notices", "supervision-periods", "supervision-mine",
                    "roster")),
            new Group("systems", "nav.group.systems", List.of("systems", "work-orders", "system-register", "system-classification")),
            new Group("hazards", "nav.group.hazards", List.of("hazards", "intake", "intake-syslog", "incidents", "plans", "drills")),
            new Group("access", "nav.group.access", List.of("access-channels", "access-visits", "access-grants", "access-accounts")),
            new Group("data", "nav.group.data", List.of("data", "data-important", "data-findings", "data-transfers")),
            new Group("platform", "nav.group.platform", List.of("platform-overview", "certifications", "supply-chain", "network", "hardware",
                    "provider-exit")),
            new Group("admin", "nav.group.admin", List.of("organisations", "users", "roles", "security-policy", "sso", "api-tokens", "audit",
                    "notify-channels", "siem", "ticketing", "calendar", "rules", "account")));

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

    private final RequestMappingHandlerMapping handlers;
    private volatile List<Item> items;

    Navigation(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
        this.handlers = handlers;
    }

    /** Every entry with the roles its handler lets in, in display order; an entry without a GET handler is offered to nobody. */
    public List<Item> items() {
        List<Item> resolved = items;
        if (resolved == null) {
            resolved = PAGES.stream().map(this::resolve).flatMap(java.util.Optional::stream).toList();
            items = resolved;
        }
        return resolved;
    }

    private java.util.Optional<Item> resolve(Page page) {
        for (var entry : handlers.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            boolean get = info.getMethodsCondition().getMethods().isEmpty()
                    || info.getMethodsCondition().getMethods().contains(RequestMethod.GET);
            if (get && info.getPatternValues().contains(page.path())) {
                HandlerMethod handler = entry.getValue();
                Allow allow = java.util.Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Allow.class))
                        .orElseGet(() -> AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Allow.class));
                if (allow == null) {
                    return java.util.Optional.empty();
                }
                if (allow.anyUser()) {
                    return java.util.Optional.of(new Item(page.key(), page.path(), page.messageKey(), Set.of()));
                }
                EnumSet<Role> roles = EnumSet.noneOf(Role.class);
                roles.addAll(List.of(allow.value()));
                roles.removeAll(page.notOfferedTo());
                return roles.isEmpty() ? java.util.Optional.empty()
                        : java.util.Optional.of(new Item(page.key(), page.path(), page.messageKey(), roles));
            }
        }
        return java.util.Optional.empty();
    }

    /** The pages above the groups that the actor sees. */
    public List<Item> topOf(Actor actor) {
        return visibleTo(actor).stream().filter(i -> TOP.contains(i.key())).toList();
    }

    /**
     * The actor's groups, each with the pages they may open (a group with none is left out) and the
     * duties waiting in it ({@code waiting}: open and overdue, {@code overdue}: of those, late), given as
     * group key → {due, overdue}.
     */
    public List<ShownGroup> groupsOf(Actor actor, java.util.Map<String, long[]> load) {
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
    public List<Item> visibleTo(Actor actor) {
        return items().stream().filter(item -> item.visibleTo(actor)).toList();
    }

    /** The pages that belong to one role (not those everybody has), for that role's home section. */
    public List<Item> pagesOf(Role role) {
        return items().stream().filter(item -> item.roles().contains(role)).toList();
    }

    private static Page page(String key, String path, String messageKey, Role... notOfferedTo) {
        return new Page(key, path, messageKey, notOfferedTo.length == 0 ? Set.of() : EnumSet.copyOf(List.of(notOfferedTo)));
    }
}
