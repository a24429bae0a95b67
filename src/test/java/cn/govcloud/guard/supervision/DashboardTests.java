package cn.govcloud.guard.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.hazards.intake.Intake;
import cn.govcloud.guard.hazards.intake.internal.IntakeService;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The posture dashboard (A11.3, A12): every figure equals the rows of the list it drills down to,
 * for the city, for a unit (which sees nothing of another unit) and for the provider.
 */
@AppTest
class DashboardTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IntakeService intake;

    private MvcResult open(String user, String path) throws Exception {
        MvcResult r = mvc.perform(get(path).with(authentication(DemoActors.authentication(jdbc, user)))).andReturn();
        assertThat(r.getResponse().getStatus()).as(user + " " + path).isEqualTo(200);
        return r;
    }

    private List<?> charts(String user) throws Exception {
        return (List<?>) open(user, "/supervision/dashboard").getModelAndView().getModel().get("charts");
    }

    /** How many rows the list at this link shows (all pages). */
    private long rowsOf(String user, String href) throws Exception {
        Map<String, Object> model = open(user, href).getModelAndView().getModel();
        if (model.get("page") instanceof cn.govcloud.guard.shared.Page<?> p) { // the hazard and incident lists (issue 23 point 11)
            return p.total();
        }
        if (model.get("page") instanceof IntakeService.Page<?> p) {
            long n = p.items().size();
            return p.next() == null ? n : n + rowsOf(user, href + "&before=" + p.next());
        }
        if (model.get("total") instanceof Long total) {
            return total;
        }
        if (model.get("systems") instanceof List<?> systems) {
            Object next = model.get("next");
            return next == null ? systems.size() : systems.size() + rowsOf(user, href + "&before=" + next);
        }
        if (model.get("incidents") instanceof List<?> incidents) {
            return incidents.size();
        }
        if (model.get("drills") instanceof List<?> drills) {
            return drills.size();
        }
        throw new AssertionError("no rows on " + href);
    }

    /**
     * Follows every drill-down link of every chart and compares the figure with the list's rows; the
     * rate chart (a ratio) and the drill scenarios (parts of the same list) are compared elsewhere.
     * Returns how many figures were compared and how many of them were not zero.
     */
    private long[] figuresEqualLists(String user) throws Exception {
        long compared = 0;
        long nonZero = 0;
        List<String> wrong = new ArrayList<>();
        for (Object o : charts(user)) {
            var chart = (cn.govcloud.guard.supervision.dashboard.Chart) o;
            if (chart.id().equals("rectification")) {
                continue;
            }
            for (int r = 0; r < chart.rows().size(); r++) {
                var row = chart.rows().get(r);
                if (chart.id().equals("drills") && r > 0) {
                    continue;
                }
                for (var cell : row.cells()) {
                    String href = cell.href() != null ? cell.href() : row.href();
                    long figure = Math.round(cell.value());
                    long rows = rowsOf(user, href);
                    compared++;
                    nonZero += figure > 0 ? 1 : 0;
                    if (figure != rows) {
                        wrong.add(chart.id() + " " + row.label() + ": " + figure + " on the dashboard, " + rows + " on " + href);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        return new long[] {compared, nonZero};
    }

    private static List<String> ids(List<?> charts) {
        return charts.stream().map(c -> ((cn.govcloud.guard.supervision.dashboard.Chart) c).id()).toList();
    }

    @Test
    void a11_3_theSupervisorsAndTheRegulatorsFiguresEqualTheRowsOfTheListsTheyDrillDownTo() throws Exception {
        assertThat(ids(charts("supervisor"))).containsExactly("systems-state", "systems-level", "duties-rule", "hazards-severity",
                "hazards-age", "rectification", "incidents-month", "drills");
        long[] city = figuresEqualLists("supervisor");
        assertThat(city[1]).as("the demo city has systems, duties, hazards and incidents to show").isGreaterThan(8);
        // the count of HIGH open hazards equals the rows of /hazards?severity=HIGH&status=open, and the SQL agrees
        long high = jdbc.sql("select count(*) from hazards_hazard where severity = 'HIGH' and closed_at is null").query(Long.class).single();
        assertThat(rowsOf("supervisor", "/hazards?severity=HIGH&status=open")).isEqualTo(high);
        figuresEqualLists("regulator");

        String html = open("supervisor", "/supervision/dashboard").getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("态势总览", "data-dashboard-chart=\"bar\"", "href=\"/systems?state=ADMITTED\"",
                "/hazards?severity=HIGH&amp;status=open", "/js/dashboard.js");
        // a year is a year, not a number with a thousands separator
        assertThat(html).containsPattern("\\d{4}年风险隐患按期整改率").doesNotContainPattern("\\d,\\d{3}年");
        // every unit has its rectification rate (A12), worst first; a unit with nothing due shows a dash
        long units = jdbc.sql("select count(*) from identity_organisation where kind = 'UNIT'").query(Long.class).single();
        var rate = charts("supervisor").stream().map(c -> (cn.govcloud.guard.supervision.dashboard.Chart) c)
                .filter(c -> c.id().equals("rectification")).findFirst().orElseThrow();
        assertThat(rate.rows()).hasSize((int) units);
        // A12: the rate is the annual assessment's hazards item, and drills down to its records there
        assertThat(rate.rows().get(0).href()).matches("/supervision/assessment/\\d+\\?year=\\d{4}#item-hazards");
        String target = rate.rows().get(0).href();
        String unitPage = open("supervisor", target.substring(0, target.indexOf('#'))).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(unitPage).contains("id=\"item-hazards\"");
    }

    @Test
    void a12_aUnitSeesTheSamePageWithOnlyItsOwnFiguresAndNoOtherUnitsName() throws Exception {
        long unit1 = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        String own = jdbc.sql("select name from identity_organisation where id = :id").param("id", unit1).query(String.class).single();
        List<String> others = jdbc.sql("select name from identity_organisation where kind = 'UNIT' and id <> :id").param("id", unit1)
                .query(String.class).list();
        assertThat(others).isNotEmpty();

        figuresEqualLists("unit1");
        var charts = charts("unit1");
        var systems = (cn.govcloud.guard.supervision.dashboard.Chart) charts.get(0);
        long ownSystems = jdbc.sql("select count(*) from systems_system where org_id = :o").param("o", unit1).query(Long.class).single();
        assertThat(systems.rows().stream().mapToLong(cn.govcloud.guard.supervision.dashboard.Chart.Row::total).sum()).isEqualTo(ownSystems);
        var rate = charts.stream().map(c -> (cn.govcloud.guard.supervision.dashboard.Chart) c).filter(c -> c.id().equals("rectification"))
                .findFirst().orElseThrow();
        assertThat(rate.rows()).extracting(cn.govcloud.guard.supervision.dashboard.Chart.Row::label).containsExactly(own);

        String html = open("unit1", "/supervision/dashboard").getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains(own, "本单位");
        for (String other : others) {
            assertThat(html).as("another unit's name").doesNotContain(other);
        }
    }

    @Test
    void a10_1_theProviderSeesItsDutiesAndItsOpenAlertsAndTriage() throws Exception {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "provider"));
        try {
            intake.recordAlert(new Intake.NewAlert(null, "203.0.113.77", "看板测试·未匹配告警", "HIGH", null, null));
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
        assertThat(ids(charts("provider"))).containsExactly("duties-rule", "alerts-severity", "triage");
        long[] provider = figuresEqualLists("provider");
        assertThat(provider[1]).as("the provider has duties and an alert awaiting triage").isGreaterThan(1);
        String html = open("provider", "/supervision/dashboard").getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("/intake/alerts?state=TRIAGE", "待研判").doesNotContain("systems-state");
    }

    @Test
    void a11_3_theNavigationAndTheHomePageLeadToTheDashboard() throws Exception {
        for (String user : List.of("supervisor", "regulator", "provider", "unit1", "unit1staff")) {
            String home = open(user, "/").getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(home).as(user).contains("href=\"/supervision/dashboard\"", "态势总览");
        }
        assertThat(mvc.perform(get("/supervision/dashboard").with(authentication(DemoActors.authentication(jdbc, "auditor"))))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
