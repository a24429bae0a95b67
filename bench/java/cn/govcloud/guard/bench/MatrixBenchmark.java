package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.duties.internal.ComplianceMatrix;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Filter;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Status;
import cn.govcloud.guard.duties.internal.ComplianceTally;
import cn.govcloud.guard.duties.internal.InMemoryComplianceMatrix;
import cn.govcloud.guard.duties.internal.Subjects;
import cn.govcloud.guard.duties.internal.Submissions;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The compliance matrix at 10,000 systems (issue 19 point 3): recreates the database {@code wt_matrix_bench} (or
 * {@code -Dbench.db=NAME}), starts the platform with the {@code prod} profile on it, inserts 50 units and 10,000 admitted
 * systems (levels 2, 3 and a few 4; one in fifty 关基), generates the last year of recurring duties through the real
 * {@link DutyEngine} (the catalog's rules and {@code when} conditions over the real systems module's subjects), settles the
 * past ones (75 % accepted, one in ten of those late, 10 % overdue, the rest submitted, returned or waived), runs
 * {@code vacuum analyze}, then times — cold, then median and p95 of N calls after 5 warm-up calls — the SQL matrix's first
 * page, a filtered page, a deep page (by keyset and by offset) and the whole {@code GET /compliance} page (a view sums
 * the summary the triggers keep and reads the page's keys from the cells' order index, and writes nothing), whether a
 * restart rewrote any cell (with {@code -Dbench.reuse=true}), and as the yardstick
 * in the same run the in-memory evaluation it replaced ({@link InMemoryComplianceMatrix}, test sources).
 *
 * <p>Run: {@code nice mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.MatrixBenchmark}
 * ({@code -Dbench.runs=N}, default 30; {@code -Dbench.systems=N}, default 10,000, for a quick check on a smaller city).
 */
public final class MatrixBenchmark {
    private static final int UNITS = 50;
    /** {@code -Dbench.systems=N} for a quick check on a smaller city (the load takes minutes per thousand systems). */
    private static final int SYSTEMS = Integer.getInteger("bench.systems", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 30);
    /** The in-memory yardstick takes seconds a call at this size: fewer calls (after 2 warm-up calls). */
    private static final int YARDSTICK_RUNS = Integer.getInteger("bench.yardstickRuns", 10);
    private static final String DB = System.getProperty("bench.db", "wt_matrix_bench");
    private static final String MASTER_KEY = "6265 6e63 6820 6f6e 6c79 2121 2121 2121".replace(" ", "");

    public static void main(String[] args) throws Exception {
        String server = System.getenv().getOrDefault("GOVGUARD_BENCH_PG", "jdbc:postgresql://127.0.0.1:5432/");
        boolean reuse = Boolean.getBoolean("bench.reuse");
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "")) {
            reuse &= c.createStatement().executeQuery("select 1 from pg_database where datname = '" + DB + "'").next();
            if (!reuse) {
                c.createStatement().execute("drop database if exists " + DB + " with (force)");
                c.createStatement().execute("create database " + DB);
            }
        }
        // a restart on unchanged data must not rewrite the cells (the task at start-up compares fingerprints only)
        String refreshedBefore = reuse ? refreshedAt(server) : null;
        long started = System.nanoTime();
        ConfigurableApplicationContext ctx = new SpringApplication(GovcloudGuardApplication.class).run("--spring.profiles.active=prod",
                "--spring.datasource.url=" + server + DB, "--spring.datasource.username=postgres", "--govguard.crypto.master-key=" + MASTER_KEY,
                "--server.port=0", "--db-scheduler.enabled=false", "--logging.level.root=WARN");
        System.out.printf("start-up (context, migrations, the cells task at start): %.1f s; cells rewritten at start-up: %s%n",
                (System.nanoTime() - started) / 1e9, reuse ? (refreshedBefore.equals(refreshedAt(server)) ? "no" : "YES") : "(new database)");
        try {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            long t0;
            if (!reuse) {
                load(ctx, jdbc, today);
            }
            long supervisorOrg = jdbc.sql("select id from identity_organisation where kind = 'SUPERVISOR'").query(Long.class).single();
            long u0 = jdbc.sql("select min(id) from identity_organisation where kind = 'UNIT'").query(Long.class).single();
            for (String table : List.of("systems_system", "duties_duty", "duties_submission")) {
                System.out.printf("  %-20s %,10d rows%n", table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
            }
            Actor supervisor = new Actor(1, "bench-supervisor", "基准监管", supervisorOrg, "市大数据中心（基准）", OrgKind.SUPERVISOR,
                    Set.of(Role.SUPERVISOR), Set.of(), false);
            ComplianceMatrix matrix = ctx.getBean(ComplianceMatrix.class);
            InMemoryComplianceMatrix old = new InMemoryComplianceMatrix(jdbc, ctx.getBean(RuleCatalog.class), ctx.getBean(Subjects.class),
                    ctx.getBean(Submissions.class), ctx.getBean(Clock.class));

            // a view writes nothing: the cells task (every 30 s, and at start-up) brings the cells up to date
            jdbc.sql("update duties_matrix_state set catalog_fp = '' where id = 1").update(); // as after an overlay: every cell rewritten
            t0 = System.nanoTime();
            matrix.refreshCells();
            int total = matrix.page(supervisor, Filter.none(), 0, 200).total();
            System.out.printf("cells task after an overlay: writes every cell (%,d rows): %.1f s%n", total, (System.nanoTime() - t0) / 1e9);
            jdbc.sql("update systems_system set mlps_level = 3 where id = (select min(id) from systems_system where mlps_level = 2)").update();
            t0 = System.nanoTime();
            matrix.refreshCells();
            System.out.printf("cells task after one system's level changed (its cells rewritten): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            jdbc.sql("vacuum analyze duties_matrix_cell").update();
            jdbc.sql("vacuum analyze duties_matrix_summary").update();
            t0 = System.nanoTime();
            int differing = ctx.getBean(ComplianceTally.class).differences().size();
            System.out.printf("tally and page details (kept by the triggers) against a count from scratch: %d keys differ (%.1f s)%n", differing,
                    (System.nanoTime() - t0) / 1e9);
            ComplianceTally tally = ctx.getBean(ComplianceTally.class);
            var kept = tally.summaryKept();
            System.out.printf("summary (kept by the triggers): %,d rows, equal to a count from scratch over the cells: %s%n", kept.size(),
                    kept.equals(tally.summaryCounted()));

            Filter overdueOfUnit = new Filter(null, Status.OVERDUE, u0, null);
            int deep = Math.max(0, total - 200);
            var deepKey = jdbc.sql("select kind_pos, subject_id, rule_pos from duties_matrix_cell where listed order by kind_pos, subject_id, rule_pos "
                    + "offset " + (deep - 1) + " limit 1").query((rs, i) -> new ComplianceMatrix.Key(rs.getInt(1), rs.getLong(2), rs.getInt(3))).single();
            MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) ctx).apply(SecurityMockMvcConfigurers.springSecurity()).build();

            System.out.printf("%nload average before timing: %s%n", uptime());
            System.out.printf("%n%-60s %9s %9s %9s  %s%n", "what (N = " + RUNS + " timed calls after 5 warm-up calls)", "cold", "median", "p95", "result");
            time("SQL: first page (supervisor, 200 rows)", () -> describe(matrix.page(supervisor, Filter.none(), 0, 200)));
            time("SQL: filtered page (one unit's OVERDUE rows)", () -> describe(matrix.page(supervisor, overdueOfUnit, 0, 200)));
            time("SQL: deep page, keyset (after row " + deep + ", the page's link)", () -> describe(matrix.page(supervisor, Filter.none(), deepKey, 200)));
            time("SQL: deep page, offset " + deep + " (the API)", () -> describe(matrix.page(supervisor, Filter.none(), deep, 200)));
            time("GET /compliance (whole page, supervisor)", () -> page(mvc, "/compliance", supervisor));
            time("cells task when nothing changed (not part of a view)", () -> {
                matrix.refreshCells();
                return ctx.getBean(Subjects.class).snapshot().of(SubjectKind.SYSTEM).size() + " systems";
            });

            System.out.printf("%nyardstick: the in-memory evaluation the SQL replaced, same data, same run (N = %d after 2 warm-up calls)%n",
                    YARDSTICK_RUNS);
            time("in memory: first page (all rows evaluated, 200 kept)", () -> {
                var rows = old.rows(supervisor, Filter.none());
                old.summary(rows);
                return rows.subList(0, 200).size() + " of " + rows.size();
            }, YARDSTICK_RUNS, 2);
            time("in memory: filtered page (one unit's OVERDUE rows)", () -> {
                var rows = old.rows(supervisor, overdueOfUnit);
                old.summary(rows);
                return Math.min(200, rows.size()) + " of " + rows.size();
            }, YARDSTICK_RUNS, 2);
            // the in-memory deep page costs what its first page costs: every row is evaluated either way
            System.out.printf("%nload average after timing: %s%n", uptime());
        } finally {
            ctx.close();
        }
    }

    /** The city: 50 units, 10,000 admitted systems, the last year of duties generated by the engine and settled. */
    private static void load(ConfigurableApplicationContext ctx, JdbcClient jdbc, LocalDate today) {
        long t0 = System.nanoTime();
        jdbc.sql("insert into identity_organisation (name, kind, created_at) values ('市大数据中心（基准）', 'SUPERVISOR', now()), "
                + "('基准云服务商', 'PROVIDER', now()), ('基准网信办', 'REGULATOR', now())").update();
        jdbc.sql("insert into identity_organisation (name, kind, created_at) select '基准单位-' || lpad(g::text, 2, '0'), 'UNIT', now() "
                + "from generate_series(0, " + (UNITS - 1) + ") g order by g").update();
        long u0 = jdbc.sql("select min(id) from identity_organisation where kind = 'UNIT'").query(Long.class).single();
        jdbc.sql("insert into systems_system (org_id, name, mlps_level, exposure, state, internet_access, external_exchange, cii, created_at, "
                + "created_by, updated_at) select " + u0 + " + g % " + UNITS + ", '基准系统-' || g, case when g % 20 = 0 then 4 when g % 3 = 0 "
                + "then 3 else 2 end, 'INTERNET', 'ADMITTED', false, false, g % 50 = 0, now(), 'bench', now() from generate_series(1, "
                + SYSTEMS + ") g").update();
        int generated = ctx.getBean(DutyEngine.class).generate(today.minusYears(1), today);
        System.out.printf("generated %,d duties for %s .. %s (%,d systems, %d units): %.1f s%n", generated, today.minusYears(1), today,
                SYSTEMS, UNITS, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        jdbc.sql("update duties_duty set state = case when id % 20 < 15 then 'ACCEPTED' when id % 20 < 17 then 'OVERDUE' when id % 20 = 17 "
                + "then 'SUBMITTED' when id % 20 = 18 then 'RETURNED' else 'WAIVED' end, overdue_at = case when id % 20 in (15, 16) then due_at end, "
                + "closed_at = case when id % 20 < 15 or id % 20 = 19 then due_at - interval '1 day' end where due_at < now()").update();
        jdbc.sql("insert into duties_submission (duty_id, submitted_at, submitted_by, submitted_name, fields_json, late, decision) select d.id, "
                + "case when d.id % 10 = 0 then d.due_at + interval '1 day' else d.due_at - interval '1 day' end, 'bench', '基准填报人', '{}', "
                + "d.id % 10 = 0, case when d.state = 'ACCEPTED' then 'ACCEPTED' when d.state = 'RETURNED' then 'RETURNED' end "
                + "from duties_duty d where d.state in ('SUBMITTED', 'ACCEPTED', 'RETURNED')").update();
        jdbc.sql("vacuum analyze").update();
        System.out.printf("settled the past duties, submissions, vacuum analyze: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String describe(ComplianceMatrix.Page page) {
        return page.rows().size() + " of " + page.total() + " rows";
    }

    private static String page(MockMvc mvc, String path, Actor actor) throws Exception {
        var auth = UsernamePasswordAuthenticationToken.authenticated(actor, null,
                actor.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        var r = mvc.perform(MockMvcRequestBuilders.get(path).with(SecurityMockMvcRequestPostProcessors.authentication(auth))).andReturn().getResponse();
        if (r.getStatus() != 200) {
            throw new IllegalStateException(path + " → " + r.getStatus());
        }
        return r.getStatus() + ", " + r.getContentAsByteArray().length / 1024 + " KiB";
    }

    private static String refreshedAt(String server) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(server + DB, "postgres", "");
             var rs = c.createStatement().executeQuery("select coalesce(refreshed_at::text, '-') from duties_matrix_state where id = 1")) {
            return rs.next() ? rs.getString(1) : "-";
        }
    }

    private static String uptime() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void time(String what, Callable<String> call) throws Exception {
        time(what, call, RUNS, 5);
    }

    private static void time(String what, Callable<String> call, int runs, int warmUp) throws Exception {
        long c = System.nanoTime();
        String result = call.call();
        double cold = (System.nanoTime() - c) / 1e6;
        for (int i = 0; i < warmUp; i++) {
            call.call();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%-60s %7.1f ms %6.1f ms %6.1f ms  %s%n", what, cold, nanos[runs / 2] / 1e6,
                nanos[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)] / 1e6, result);
    }

    private MatrixBenchmark() {
    }
}
