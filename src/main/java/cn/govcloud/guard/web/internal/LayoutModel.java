package cn.govcloud.guard.web.internal;

import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.DemoSettings;
import cn.govcloud.guard.shared.TimeConfiguration;
import java.time.Clock;
import java.time.LocalDate;
import cn.govcloud.guard.web.Navigation;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import cn.govcloud.guard.duties.DutyFigures;
import cn.govcloud.guard.shared.Role;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/**
 * Gives every page, including Spring Boot's error pages, what the layout needs (who is signed in,
 * their navigation, demo mode), so no controller has to remember it.
 */
@ControllerAdvice
class LayoutModel {

    private final boolean demo;
    private final ObjectProvider<Inbox> inbox; // absent in web slice tests
    private final ObjectProvider<RuleCatalog> catalog;
    private final Clock clock;
    private final ObjectProvider<DutyFigures> dutyFigures; // absent in web slice tests
    private final ObjectProvider<Navigation> navigation; // absent in web slice tests

    LayoutModel(DemoSettings demo, ObjectProvider<Inbox> inbox, ObjectProvider<RuleCatalog> catalog,
                Clock clock, ObjectProvider<DutyFigures> dutyFigures, ObjectProvider<Navigation> navigation) {
        this.navigation = navigation;
        this.dutyFigures = dutyFigures;
        this.demo = demo.enabled();
        this.inbox = inbox;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * A15: the Measures are valid five years. After that the platform keeps working (duties, clocks,
     * records) and every page says so, until the supervisor loads a revised catalog; null while valid.
     */
    @ModelAttribute("catalogExpiredOn")
    LocalDate catalogExpiredOn() {
        RuleCatalog rules = catalog.getIfAvailable();
        RuleCatalog.Version version = rules == null || Actor.current().isEmpty() ? null : rules.version();
        if (version == null) {
            return null;
        }
        LocalDate validUntil = version.validUntil();
        return LocalDate.now(clock.withZone(TimeConfiguration.CITY_ZONE)).isAfter(validUntil) ? validUntil : null;
    }

    @ModelAttribute("currentActor")
    Actor currentActor() {
        return Actor.current().orElse(null);
    }

    @ModelAttribute("navItems")
    List<Navigation.Item> navItems() {
        Navigation nav = navigation.getIfAvailable();
        return nav == null ? List.of() : Actor.current().map(nav::visibleTo).orElse(List.of());
    }

    /** Home and the inbox, above the groups. */
    @ModelAttribute("navTop")
    List<Navigation.Item> navTop() {
        Navigation nav = navigation.getIfAvailable();
        return nav == null ? List.of() : Actor.current().map(nav::topOf).orElse(List.of());
    }

    /**
     * Issue 23 point 7: the pages grouped by task, each group with the duties waiting in it. Counted only
     * when a page's layout shows it (lazy), in one grouped query (open and overdue duties by rule, scoped
     * as the duty list is); the rule → group mapping is in memory. A failure leaves the counts out.
     */
    @ModelAttribute("navGroups")
    LazyContextVariable<List<Navigation.ShownGroup>> navGroups() {
        Actor actor = Actor.current().filter(a -> !a.machine()).orElse(null);
        DutyFigures figures = dutyFigures.getIfAvailable();
        RuleCatalog rules = catalog.getIfAvailable();
        return new LazyContextVariable<>() {
            @Override
            protected List<Navigation.ShownGroup> loadValue() {
                if (actor == null) {
                    return List.of();
                }
                Map<String, long[]> load = new HashMap<>();
                if (figures != null && rules != null && actor.roles().stream().anyMatch(DUTY_ROLES::contains)) {
                    try {
                        Map<String, String> articles = new HashMap<>();
                        rules.rules().forEach(r -> articles.put(r.id(), r.article()));
                        for (DutyFigures.RuleLoad l : figures.byRule(actor, 10_000)) {
                            long[] sum = load.computeIfAbsent(Navigation.groupOfArticle(articles.get(l.ruleId())), k -> new long[2]);
                            sum[0] += l.due();
                            sum[1] += l.overdue();
                        }
                    } catch (RuntimeException e) {
                        LoggerFactory.getLogger(LayoutModel.class).warn("Waiting counts for the navigation failed: {}", e.toString());
                        load.clear();
                    }
                }
                Navigation nav = navigation.getIfAvailable();
                return nav == null ? List.of() : nav.groupsOf(actor, load);
            }
        };
    }

    /** The roles that owe duties, whose navigation shows what waits. */
    private static final Set<Role> DUTY_ROLES = EnumSet.of(Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
            Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF);

    /**
     * The navigation's unread badge: counted only when a page's layout shows it (lazy), so API calls
     * and fragments cost nothing; a failure leaves the badge out rather than breaking the page.
     */
    @ModelAttribute("inboxUnread")
    LazyContextVariable<Long> inboxUnread() {
        Actor actor = Actor.current().filter(a -> !a.machine()).orElse(null);
        Inbox available = inbox.getIfAvailable();
        return new LazyContextVariable<>() {
            @Override
            protected Long loadValue() {
                if (actor == null || available == null) {
                    return null;
                }
                try {
                    return available.unreadCount(actor.userId());
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(LayoutModel.class).warn("Unread count for the navigation failed: {}", e.toString());
                    return null;
                }
            }
        };
    }

    @ModelAttribute("demoMode")
    boolean demoMode() {
        return demo;
    }
}
