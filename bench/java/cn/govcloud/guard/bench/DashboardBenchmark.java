package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.duties.DutyFigures;
import cn.govcloud.guard.duties.DutyOutcomes;
import cn.govcloud.guard.duties.internal.DutyCounters;
import cn.govcloud.guard.hazards.HazardFigures;
import cn.govcloud.guard.hazards.HazardOutcomes;
import cn.govcloud.guard.hazards.intake.AlertFigures;
import cn.govcloud.guard.incidents.IncidentFigures;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.SystemFigures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Whether the posture dashboard (issue 10, A11.3, A12) stays fast for a city of 10,000 systems,
 * 1,000,000 duties and 100,000 hazards: recreates the database {@code govguard_bench_dashboard},
 * starts the platform with the {@code prod} profile on it (Flyway on an empty database), bulk-inserts
 * the city with set-based SQL ({@code insert … select … from generate_series}), runs
 * {@code vacuum analyze} (what autovacuum does on a live system), then times each figure query and
 * the whole page {@code GET /supervision/dashboard} (through the security filter chain, the controller
 * and the Thymeleaf rendering, via MockMvc on the running context) as the supervisor, as one unit
 * and as the provider: the first call ("cold": new JVM code paths, first plans, after the load) and
 * then the median and p95 of N calls after a warm-up.
 *
 * <p>Run: {@code nice mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.DashboardBenchmark}
 * ({@code -Dbench.runs=N}, default 50).
 */
public final class DashboardBenchmark {
    private static final int UNITS = 50;
    private static final int SYSTEMS = 10_000;
    private static final int DUTIES = 1_000_000;
    private static final int HAZARDS = 100_000;
    private static final int INCIDENTS = 600;
    private static final int ALERTS = 20_000;
    private static final int RUNS = Integer.getInteger("bench.runs", 50);

    private static final String DB = System.getProperty("bench.db", "govguard_bench_dashboard");
    /** A fixed key (the bench database holds nothing secret), so -Dbench.reuse=true can start on the data keys it wrapped. */
    private static final String MASTER_KEY = System.getProperty("bench.masterKey", "6265 6e63 6820 6f6e 6c79 2121 2121 2121".replace(" ", ""));

    public static void main(String[] args) throws Exception {
        String server = System.getenv().getOrDefault("GOVGUARD_BENCH_PG", "jdbc:postgresql://127.0.0.1:5432/");
        boolean reuse = Boolean.getBoolean("bench.reuse");
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "")) {
            boolean exists = c.createStatement().executeQuery("select 1 from pg_database where datname = '" + DB + "'").next();
            reuse &= exists;
            if (!reuse) {
                c.createStatement().execute("drop database if exists " + DB + " with (force)");
                c.createStatement().execute("create database " + DB);
            }
        }
        long start = System.nanoTime();
        ConfigurableApplicationContext ctx = new SpringApplication(GovcloudGuardApplication.class).run("--spring.profiles.active=prod",
                "--spring.datasource.url=" + server + DB, "--spring.datasource.username=postgres",
                "--govguard.crypto.master-key=" + MASTER_KEY,
                "--server.port=0", "--db-scheduler.enabled=false", "--logging.level.root=WARN");
        System.out.printf("start-up (prod profile, PostgreSQL, %s): %.1f s%n", reuse ? "the city of an earlier run" : "empty database with migrations",
                (System.nanoTime() - start) / 1e9);
        try {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            long t0 = System.nanoTime();
            City city = reuse ? city(jdbc) : load(jdbc);
            if (reuse) {
                System.out.printf("reused the city already in %s (-Dbench.reuse=true; migrations since applied at start-up): %.1f s%n", DB,
                        (System.nanoTime() - t0) / 1e9);
            } else {
                System.out.printf("bulk insert (%,d systems, %,d duties, %,d hazards, %,d incidents, %,d alerts): %.1f s%n", SYSTEMS, DUTIES,
                        HAZARDS, INCIDENTS, ALERTS, (System.nanoTime() - t0) / 1e9);
            }
            t0 = System.nanoTime();
            jdbc.sql("vacuum analyze").update();
            System.out.printf("vacuum analyze: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            for (String table : List.of("systems_system", "duties_duty", "duties_submission", "hazards_hazard", "incidents_incident",
                    "intake_alert")) {
                System.out.printf("  %-20s %,10d rows%n", table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
            }

            Actor supervisor = new Actor(1, "bench-supervisor", "基准监管", city.supervisor, "市大数据中心（基准）", OrgKind.SUPERVISOR,
                    Set.of(Role.SUPERVISOR), Set.of(), false);
            Actor unit = new Actor(2, "bench-unit", "基准单位", city.firstUnit, "基准单位-00", OrgKind.UNIT, Set.of(Role.UNIT_SECURITY_OFFICER),
                    Set.of(), false);
            Actor provider = new Actor(3, "bench-provider", "基准云服务商", city.provider, "基准云服务商", OrgKind.PROVIDER,
                    Set.of(Role.PROVIDER_OPERATOR), Set.of(), false);

            SystemFigures systems = ctx.getBean(SystemFigures.class);
            DutyFigures duties = ctx.getBean(DutyFigures.class);
            HazardFigures hazards = ctx.getBean(HazardFigures.class);
            HazardOutcomes outcomes = ctx.getBean(HazardOutcomes.class);
            IncidentFigures incidents = ctx.getBean(IncidentFigures.class);
            AlertFigures alerts = ctx.getBean(AlertFigures.class);
            Instant now = Instant.now();
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            LocalDate half = LocalDate.of(today.getYear(), today.getMonthValue() <= 6 ? 1 : 7, 1);

            MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) ctx).apply(SecurityMockMvcConfigurers.springSecurity()).build();

            System.out.printf("%n%-52s %9s %9s %9s  %s%n", "what (N = " + RUNS + " timed calls after 5 warm-up calls)", "cold", "median", "p95", "result");
            page(mvc, "GET /supervision/dashboard, supervisor (city)", supervisor);
            page(mvc, "GET /supervision/dashboard, one unit", unit);
            page(mvc, "GET /supervision/dashboard, provider", provider);
            page(mvc, "GET /supervision/assessment (ranking, A12), supervisor", "/supervision/assessment?year=" + today.getYear(), supervisor);
            for (Actor a : List.of(supervisor, unit)) {
                String who = a == supervisor ? "supervisor" : "unit";
                time(who + ": systems by state", () -> systems.byState(a).size() + " groups");
                time(who + ": systems by level", () -> systems.byLevel(a).size() + " groups");
                time(who + ": duties due/overdue by rule (top 10)", () -> duties.byRule(a, 10).size() + " rules");
                time(who + ": open hazards by severity", () -> hazards.openBySeverity(a).stream().mapToLong(HazardFigures.Count::count).sum() + " open");
                time(who + ": open hazards by age", () -> hazards.openByAge(a, now).size() + " buckets");
                LocalDate jan1 = LocalDate.of(today.getYear(), 1, 1);
                LocalDate dec31 = LocalDate.of(today.getYear(), 12, 31);
                if (a == supervisor) {
                    time(who + ": rectification by unit, this year (A12 item)", () -> outcomes.tally(jan1, dec31, now).size() + " units");
                } else {
                    time(who + ": own rectification rate, this year (A12 item)", () -> outcomes.tallyOf(a.orgId(), jan1, dec31, now)
                            .map(t -> t.due() + " due").orElse("none due"));
                }
                time(who + ": incidents by grade and month", () -> incidents.byGradeAndMonth(a, today.getYear()).size() + " cells");
                time(who + ": drills this half-year", () -> incidents.drills(a, half, half.plusMonths(6).minusDays(1)).drills() + " drills");
            }
            time("provider: duties due/overdue by rule (top 10)", () -> duties.byRule(provider, 10).size() + " rules");
            time("provider: open alerts by severity", () -> alerts.openAlertsBySeverity(provider).size() + " severities");
            time("provider: awaiting triage", () -> alerts.awaitingTriage(provider).get(0).count() + " alerts");

            // issue 19 point 3: the yardstick in the same run — the same figures counted over the duties, as before the counters
            System.out.printf("%nyardstick: the queries the counters replaced, over the duties themselves%n");
            time("city: duties due/overdue by rule, counted over the duties", () -> jdbc.sql("select d.rule_id, sum(case when d.state = 'OPEN' "
                    + "then 1 else 0 end) due, sum(case when d.state = 'OVERDUE' then 1 else 0 end) overdue from duties_duty d where d.state in "
                    + "('OPEN', 'OVERDUE') group by d.rule_id order by overdue desc, due desc, d.rule_id limit 10").query().listOfRows().size() + " rules");
            time("city: duties due/overdue by rule, from the counters", () -> duties.byRule(supervisor, 10).size() + " rules");
            DutyOutcomes tally = ctx.getBean(DutyOutcomes.class);
            DutyOutcomes.Selection year = new DutyOutcomes.Selection(cn.govcloud.guard.rules.Rule.Party.UNIT, LocalDate.of(today.getYear(), 1, 1),
                    LocalDate.of(today.getYear(), 12, 31), List.of(), List.of(), now);
            time("ranking: units' duties tally this year, counted over the duties", () -> jdbc.sql("select d.org_id, count(*), sum(case when "
                    + "(d.state in ('SUBMITTED','ACCEPTED') and d.overdue_at is null and d.submitted_late = false and (d.first_submitted_at <= d.due_at "
                    + "or (d.closed_at is not null and d.closed_at <= d.due_at))) then 1 else 0 end) from duties_duty d where d.party = 'UNIT' and "
                    + "d.due_date >= date '" + year.from() + "' and d.due_date <= date '" + year.to() + "' and d.state <> 'WAIVED' and (d.due_at <= "
                    + "timestamptz '" + now + "' or d.state in ('SUBMITTED','ACCEPTED')) group by d.org_id").query().listOfRows().size() + " units");
            time("ranking: units' duties tally this year, from the counters", () -> tally.tally(year).size() + " units");
            DutyCounters counters = ctx.getBean(DutyCounters.class);
            time("reconcile: recount every counter and compare (nightly)", () -> counters.reconcile() + " counters differed", 3);

            explain(jdbc, "duties by rule, city", "select d.rule_id, sum(case when d.state = 'OPEN' then 1 else 0 end), "
                    + "sum(case when d.state = 'OVERDUE' then 1 else 0 end) from duties_duty d where d.state in ('OPEN', 'OVERDUE') "
                    + "group by d.rule_id");
            explain(jdbc, "duties by rule, one unit", "select d.rule_id, count(*) from duties_duty d where d.state in ('OPEN', 'OVERDUE') "
                    + "and d.org_id = " + city.firstUnit + " group by d.rule_id");
            explain(jdbc, "open hazards by severity, city", "select h.severity, count(*) from hazards_hazard h where h.closed_at is null "
                    + "group by h.severity");
            explain(jdbc, "open hazards by severity, one unit", "select h.severity, count(*) from hazards_hazard h where h.closed_at is null "
                    + "and h.org_id = " + city.firstUnit + " group by h.severity");
        } finally {
            ctx.close();
        }
    }

    record City(long supervisor, long provider, long firstUnit) {
    }

    /** The city a previous run loaded (-Dbench.reuse=true). */
    private static City city(JdbcClient jdbc) {
        return new City(jdbc.sql("select id from identity_organisation where name = '市大数据中心（基准）'").query(Long.class).single(),
                jdbc.sql("select id from identity_organisation where name = '基准云服务商'").query(Long.class).single(),
                jdbc.sql("select id from identity_organisation where name = '基准单位-00'").query(Long.class).single());
    }

    private static City load(JdbcClient jdbc) {
        jdbc.sql("insert into identity_organisation (name, kind, created_at) values ('市大数据中心（基准）', 'SUPERVISOR', now()), "
                + "('基准云服务商', 'PROVIDER', now()), ('基准网信办', 'REGULATOR', now())").update();
        jdbc.sql("insert into identity_organisation (name, kind, created_at) select '基准单位-' || lpad(g::text, 2, '0'), 'UNIT', now() "
                + "from generate_series(0, " + (UNITS - 1) + ") g order by g").update();
        long supervisor = jdbc.sql("select id from identity_organisation where name = '市大数据中心（基准）'").query(Long.class).single();
        long provider = jdbc.sql("select id from identity_organisation where name = '基准云服务商'").query(Long.class).single();
        long u0 = jdbc.sql("select id from identity_organisation where name = '基准单位-00'").query(Long.class).single();
        long uMax = jdbc.sql("select max(id) from identity_organisation where name like '基准单位-%'").query(Long.class).single();
        if (uMax - u0 + 1 != UNITS) {
            throw new IllegalStateException("unit ids are not contiguous");
        }
        // the unit of row g: runs of seven rows per unit, so a unit's rows are not all of one state or severity (g % 10, g % 20 …)
        String unit = "(" + u0 + " + (g / 7) % " + UNITS + ")";
        // 10,000 systems: 40 % admitted, the rest spread over the other states; levels 2, 3 and a few 4
        jdbc.sql("insert into systems_system (org_id, name, mlps_level, exposure, state, internet_access, external_exchange, exit_deadline, "
                + "data_disposition, created_at, created_by, updated_at) select " + unit + ", '基准系统-' || g, "
                + "case when g % 20 = 0 then 4 when g % 3 = 0 then 3 else 2 end, 'INTERNET', "
                + "(array['ADMITTED','ADMITTED','ADMITTED','ADMITTED','AWAITING_VERIFICATION','DRAFT','AWAITING_AGREEMENT','SUSPENDED',"
                + "'EXIT_ORDERED','EXITED'])[1 + g % 10], false, false, case when g % 10 = 8 then current_date + 30 end, "
                + "case when g % 10 = 9 then '已迁出并清除' end, now(), 'bench', now() from generate_series(1, " + SYSTEMS + ") g").update();
        // 1,000,000 duties over 37 rules: 70 % accepted, 15 % open, 10 % overdue, 5 % submitted; one in 23 the provider's
        jdbc.sql("insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, org_id, "
                + "party, triggered_at, due_date, due_at, state, overdue_at, closed_at, created_at) select 'bench:' || g, "
                + "'BENCH-R' || lpad((g % 37)::text, 2, '0'), 'A7.2', 'bench', 'SYSTEM', 1 + g % " + SYSTEMS + ", '基准系统', "
                + "case when g % 23 = 7 then " + provider + " else " + unit + " end, case when g % 23 = 7 then 'PROVIDER' else 'UNIT' end, "
                + "now() - (g % 365) * interval '1 day', (now() - (g % 365) * interval '1 day' + interval '30 days')::date, "
                + "now() - (g % 365) * interval '1 day' + interval '30 days', "
                + "case when g % 20 < 14 then 'ACCEPTED' when g % 20 < 17 then 'OPEN' when g % 20 < 19 then 'OVERDUE' else 'SUBMITTED' end, "
                + "case when g % 20 in (17, 18) then now() - interval '1 day' end, case when g % 20 < 14 then now() - interval '2 days' end, now() "
                + "from generate_series(1, " + DUTIES + ") g").update();
        // one submission per submitted or accepted duty, which the annual assessment's on-time test reads (A12): one in ten late
        jdbc.sql("insert into duties_submission (duty_id, submitted_at, submitted_by, submitted_name, fields_json, late, decision) "
                + "select d.id, case when d.id % 10 = 0 then d.due_at + interval '1 day' else d.due_at - interval '1 day' end, 'bench', '基准', '{}', "
                + "d.id % 10 = 0, case when d.state = 'ACCEPTED' then 'ACCEPTED' end from duties_duty d where d.state in ('SUBMITTED', 'ACCEPTED')")
                .update();
        jdbc.sql("update duties_duty d set first_submitted_at = s.submitted_at, submitted_late = s.late from duties_submission s "
                + "where s.duty_id = d.id").update();
        // 100,000 hazards notified over the last 400 days: a quarter open, one in five closed late
        jdbc.sql("insert into hazards_hazard (system_id, system_name, org_id, warner_org_id, raised_by, raised_by_name, title, severity, source, "
                + "status, notified_at, due_date, due_at, effective_due_date, effective_due_at, acknowledged_at, overdue_at, closed_at, closed_by, "
                + "created_at) select 1 + g % " + SYSTEMS + ", '基准系统', " + unit + ", " + supervisor + ", 'bench', '基准', '基准隐患-' || g, "
                + "(array['CRITICAL','HIGH','MEDIUM','LOW','MEDIUM','LOW'])[1 + (g / 4) % 6], 'MANUAL', "
                + "case when g % 4 = 0 then 'NOTIFIED' else 'CLOSED' end, n, (n + interval '7 days')::date, n + interval '7 days', "
                + "(n + interval '7 days')::date, n + interval '7 days', case when g % 4 = 0 then null else n end, "
                + "case when (g % 4 = 0 and n + interval '7 days' < now()) or (g % 4 <> 0 and g % 5 = 1) then n + interval '7 days' end, "
                + "case when g % 4 = 0 then null when g % 5 = 1 then n + interval '9 days' else n + interval '3 days' end, "
                + "case when g % 4 = 0 then null else 'bench' end, n "
                + "from (select g, now() - (g % 400) * interval '1 day' - (g % 24) * interval '1 hour' n from generate_series(1, " + HAZARDS + ") g) x")
                .update();
        // incidents of this year (grade I rare) and a few drills this half-year
        jdbc.sql("insert into incidents_incident (org_id, title, category, sub_type, grade, suggested_grade, description, impact, data_affected, "
                + "discovered_at, confirmed_at, status, recorded_at, recorded_by) select " + unit + ", '基准事件-' || g, 'NETWORK_ATTACK', 'DDOS', "
                + "(array['IV','IV','IV','III','III','II','IV','IV','IV','I'])[1 + g % 10], 'IV', '基准', '基准', 'NONE', c, c, 'RESOLVED', c, 'bench' "
                + "from (select g, date_trunc('year', now()) + ((g * 7919) % greatest(1, extract(doy from now())::int)) * interval '1 day' c "
                + "from generate_series(1, " + INCIDENTS + ") g) x").update();
        jdbc.sql("insert into incidents_drill (org_id, drill_date, title, network_attack, data_leak, system_failure, dr_switchover, summary, "
                + "organiser, document_id, filename, recorded_at, recorded_by) select " + provider + ", current_date - g, '基准演练-' || g, "
                + "true, g % 2 = 0, true, g % 3 = 0, '基准', '基准', 1, 'x.pdf', now(), 'bench' from generate_series(1, 6) g").update();
        jdbc.sql("insert into incidents_drill_unit (drill_id, unit_org_id, unit_name) select d.id, o.id, o.name from incidents_drill d "
                + "cross join identity_organisation o where o.kind = 'UNIT' and d.title like '基准演练-%'").update();
        // 20,000 alerts: 30 % open (matched), 10 % in triage, the rest raised or dismissed
        jdbc.sql("insert into intake_alert (source, title, severity, first_at, last_at, system_id, org_id, state, received_at, received_by) "
                + "select 'GENERIC', '基准告警-' || g, (array['CRITICAL','HIGH','MEDIUM','LOW','INFO'])[1 + g % 5], now(), now(), "
                + "case when g % 10 = 3 then null else 1 + g % " + SYSTEMS + " end, case when g % 10 = 3 then null else " + unit + " end, "
                + "case when g % 10 < 3 then 'OPEN' when g % 10 = 3 then 'TRIAGE' when g % 10 < 7 then 'RAISED' else 'DISMISSED' end, now(), 'bench' "
                + "from generate_series(1, " + ALERTS + ") g").update();
        return new City(supervisor, provider, u0);
    }

    private static void page(MockMvc mvc, String what, Actor actor) throws Exception {
        page(mvc, what, "/supervision/dashboard", actor);
    }

    private static void page(MockMvc mvc, String what, String path, Actor actor) throws Exception {
        var auth = UsernamePasswordAuthenticationToken.authenticated(actor, null,
                actor.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        time(what, () -> {
            var r = mvc.perform(MockMvcRequestBuilders.get(path).with(SecurityMockMvcRequestPostProcessors.authentication(auth)))
                    .andReturn().getResponse();
            if (r.getStatus() != 200) {
                throw new IllegalStateException(what + " → " + r.getStatus());
            }
            return r.getStatus() + ", " + r.getContentAsByteArray().length / 1024 + " KiB";
        });
    }

    private static void time(String what, Callable<String> call) throws Exception {
        time(what, call, RUNS);
    }

    private static void time(String what, Callable<String> call, int runs) throws Exception {
        final int RUNS = runs;
        long c = System.nanoTime();
        String result = call.call();
        double cold = (System.nanoTime() - c) / 1e6;
        for (int i = 0; i < Math.min(5, RUNS); i++) {
            call.call();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%-52s %7.1f ms %6.1f ms %6.1f ms  %s%n", what, cold, nanos[RUNS / 2] / 1e6, nanos[Math.min(RUNS - 1, RUNS * 95 / 100)] / 1e6,
                result);
    }

    private static void explain(JdbcClient jdbc, String what, String sql) {
        System.out.printf("%nEXPLAIN (ANALYZE) %s:%n", what);
        jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().stream().limit(12).forEach(l -> System.out.println("  " + l));
    }

    private DashboardBenchmark() {
    }
}
