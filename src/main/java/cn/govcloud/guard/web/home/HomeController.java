package cn.govcloud.guard.web.home;

import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.CalendarStatus;
import cn.govcloud.guard.calendar.ProvisionalNotes;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.identity.IdentityStatistics;
import cn.govcloud.guard.incidents.Incidents;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.web.Navigation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Everybody lands here after signing in: what their role does, today's figures and their main pages. */
@Controller
class HomeController {

    /** The roles that owe duties under the catalog and so see their agenda on the home page. */
    private static final Set<Role> DUTY_ROLES = EnumSet.of(Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
            Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF);

    private final IdentityStatistics identity;
    private final Duties duties;
    private final RuleCatalog catalog;
    private final AuditLog audit;
    private final Incidents incidents;
    private final Clock clock;
    private final ZoneId zone;
    private final cn.govcloud.guard.hazards.Hazards hazards;
    private final CalendarStatus calendarStatus;
    private final Systems systems;
    private final Navigation navigation;

    HomeController(IdentityStatistics identity, Duties duties, RuleCatalog catalog, AuditLog audit, Incidents incidents, Clock clock,
                   cn.govcloud.guard.hazards.Hazards hazards,
                   CalendarStatus calendarStatus, Systems systems, Navigation navigation) {
        this.navigation = navigation;
        this.systems = systems;
        this.hazards = hazards;
        this.calendarStatus = calendarStatus;
        this.identity = identity;
        this.duties = duties;
        this.catalog = catalog;
        this.audit = audit;
        this.incidents = incidents;
        this.clock = clock;
        this.zone = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    }

    @GetMapping("/")
    @Allow(anyUser = true)
    String home(Model model, Locale locale) {
        Actor actor = Actor.current().orElse(null);
        Set<Role> roles = actor == null ? Set.of() : actor.roles();
        LocalDate today = LocalDate.now(clock.withZone(zone));

        List<Section> sections = new ArrayList<>();
        EnumSet<Figure> shown = EnumSet.noneOf(Figure.class);
        boolean chart = false;
        for (Role role : Role.values()) {
            if (roles.contains(role)) {
                RoleHome home = RoleHome.of(role);
                sections.add(new Section(role, navigation.pagesOf(role)));
                shown.addAll(home.figures());
                chart |= home.chart();
            }
        }
        List<Shown> figures = shown.stream()
                .map(figure -> new Shown(figure.messageKey(), value(figure, today))).toList();

        model.addAttribute("displayName", actor == null ? "" : actor.displayName());
        model.addAttribute("orgName", actor == null ? "" : actor.orgName());
        model.addAttribute("today", today.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale)));
        model.addAttribute("sections", sections);
        model.addAttribute("figures", figures);
        model.addAttribute("chart", chart && !figures.isEmpty());
        if (actor != null && roles.stream().anyMatch(DUTY_ROLES::contains)) {
            // what this person's organisation owes next, and what is overdue as far as they oversee
            model.addAttribute("agenda", duties.agendaOf(actor, 5));
            boolean english = "en".equals(locale.getLanguage());
            java.util.Map<String, String> titles = new java.util.HashMap<>();
            catalog.rules().forEach(r -> titles.put(r.id(), english ? r.titleEn() : r.title()));
            model.addAttribute("titles", titles);
            model.addAttribute("zone", zone);
            // A10.4 / A10.5: the initial incident reports the person's organisation still owes, with their countdown
            model.addAttribute("incidentClocks", incidents.runningClocks(actor));
        }
        if (roles.contains(Role.SECURITY_ADMIN) || roles.contains(Role.SUPERVISOR)) {
            // "Working days": while deadlines are provisional or a year around today has no notice, the two who
            // load it (the security administrator) and answer for it (the supervisor) see it first thing
            long provisional = calendarStatus.provisionalDeadlines();
            List<Integer> missing = calendarStatus.missingYears(today);
            if (provisional > 0 || !missing.isEmpty()) {
                model.addAttribute("provisionalCount", provisional);
                model.addAttribute("provisionalYears", ProvisionalNotes.years(missing));
            }
        }
        if (actor != null && actor.isUnitUser()) {
            // A10.2: the unit's open hazard notices, first due first
            model.addAttribute("openHazards", hazards.openOf(actor, 5));
            // issue 23 point 7: the unit's own systems and their state, first thing on its home page
            model.addAttribute("unitSystems", systems.ofOrganisation(actor.orgId()));
        }
        return "home";
    }

    private long value(Figure figure, LocalDate today) {
        return switch (figure) {
            case ORGANISATIONS -> identity.organisations();
            case USERS -> identity.users();
            // "today" is the Chinese working day, whatever zone the server runs in
            case AUDIT_TODAY -> audit.countSince(today.atStartOfDay(zone).toInstant());
        };
    }

    /** One role the person holds: its one-line duty comes from {@code home.role.<ROLE>.duty}. */
    public record Section(Role role, List<Navigation.Item> pages) {
        public String nameKey() {
            return "home.role." + role.name() + ".name";
        }

        public String dutyKey() {
            return "home.role." + role.name() + ".duty";
        }
    }

    public record Shown(String messageKey, long value) {
    }
}
