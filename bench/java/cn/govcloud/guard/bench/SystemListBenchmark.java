package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemQueries.Filter;
import cn.govcloud.guard.systems.internal.SystemState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether the systems list stays fast with 10,000 systems: inserts them (spread over the demo
 * units, mixed levels, states and exposures, two addresses each) and times the list's queries as
 * the supervisor and as a unit — the first page, a page deep in the keyset, and each filter.
 *
 * <p>Run: {@code mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.SystemListBenchmark}
 * (H2 in memory); add {@code -Dbench.db=postgres} for the PostgreSQL at 127.0.0.1:5432 (database
 * {@code bench_systems}, recreated).
 */
public final class SystemListBenchmark {
    private static final int SYSTEMS = 10_000;
    private static final int RUNS = 200;

    public static void main(String[] args) throws Exception {
        boolean postgres = "postgres".equals(System.getProperty("bench.db"));
        Path data = Files.createTempDirectory("systems-bench");
        List<String> props = new ArrayList<>(List.of("--server.port=0", "--govguard.data-dir=" + data, "--govguard.demo.enabled=true",
                "--govguard.demo.password=Bench-Passw0rd-2026", "--db-scheduler.enabled=false", "--logging.level.root=WARN"));
        if (postgres) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                 var s = c.createStatement()) {
                s.execute("drop database if exists bench_systems with (force)");
                s.execute("create database bench_systems");
            }
            props.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/bench_systems");
            props.add("--spring.datasource.username=postgres");
            props.add("--spring.datasource.password=");
        } else {
            props.add("--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GovcloudGuardApplication.class).run(props.toArray(String[]::new))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            SystemQueries systems = app.getBean(SystemQueries.class);
            List<Long> units = jdbc.sql("select id from identity_organisation where kind = 'UNIT' order by id").query(Long.class).list();
            long supervisorOrg = jdbc.sql("select id from identity_organisation where kind = 'SUPERVISOR' order by id").query(Long.class).list().get(0);

            long t0 = System.nanoTime();
            insert(app.getBean(DataSource.class), units);
            double insertSeconds = (System.nanoTime() - t0) / 1e9;
            if (postgres) {
                jdbc.sql("analyze").update();
            }
            long total = jdbc.sql("select count(*) from systems_system").query(Long.class).single();

            Actor supervisor = new Actor(1, "supervisor", "bench", supervisorOrg, "大数据中心", OrgKind.SUPERVISOR, Set.of(Role.SUPERVISOR), Set.of(), false);
            Actor unit = new Actor(2, "unit1", "bench", units.get(0), "单位", OrgKind.UNIT, Set.of(Role.UNIT_SECURITY_OFFICER), Set.of(), false);
            long deep = jdbc.sql("select id from systems_system order by id desc limit 1 offset 5000").query(Long.class).single();

            System.out.printf("database: %s%n", postgres ? "PostgreSQL 127.0.0.1:5432" : "H2 in memory");
            System.out.printf("%,d systems in the table (%,d inserted in %.1f s)%n", total, SYSTEMS, insertSeconds);
            time("supervisor, first page of 50", () -> systems.page(supervisor, Filter.none(), null, 51));
            time("supervisor, page after 5,000 rows (keyset)", () -> systems.page(supervisor, Filter.none(), deep, 51));
            time("supervisor, level 3", () -> systems.page(supervisor, new Filter(null, 3, null, null, null), null, 51));
            time("supervisor, state AWAITING_VERIFICATION", () -> systems.page(supervisor,
                    new Filter(null, null, SystemState.AWAITING_VERIFICATION, null, null), null, 51));
            time("supervisor, exposure INTERNET", () -> systems.page(supervisor, new Filter(null, null, null, Exposure.INTERNET, null), null, 51));
            time("supervisor, overdue exits", () -> systems.page(supervisor, new Filter(null, null, null, null, true), null, 51));
            time("supervisor, one unit + level 2", () -> systems.page(supervisor, new Filter(units.get(1), 2, null, null, null), null, 51));
            time("unit, own systems, first page", () -> systems.page(unit, Filter.none(), null, 51));
            time("unit, own systems, state ADMITTED", () -> systems.page(unit, new Filter(null, null, SystemState.ADMITTED, null, null), null, 51));
        }
    }

    private static void time(String what, Supplier<List<HostedSystem>> query) {
        for (int i = 0; i < 20; i++) {
            query.get(); // warm-up
        }
        long[] nanos = new long[RUNS];
        int rows = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            rows = query.get().size();
            nanos[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("%-46s %3d rows  median %6.2f ms  p95 %6.2f ms%n", what, rows, nanos[RUNS / 2] / 1e6, nanos[RUNS * 95 / 100] / 1e6);
    }

    private static void insert(DataSource dataSource, List<Long> units) throws Exception {
        String[] states = {"ADMITTED", "ADMITTED", "ADMITTED", "ADMITTED", "AWAITING_VERIFICATION", "DRAFT", "AWAITING_AGREEMENT", "SUSPENDED",
                "EXIT_ORDERED", "EXITED"};
        String[] exposures = {"INTERNET", "GOV_EXTRANET", "DEPARTMENT_PRIVATE", "INTERNET,GOV_EXTRANET"};
        Timestamp now = Timestamp.from(Instant.now());
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into systems_system (org_id, name, purpose, mlps_level, filing_number, "
                    + "exposure, state, internet_access, external_exchange, exit_deadline, data_disposition, created_at, created_by, updated_at) "
                    + "values (?, ?, '基准测试', ?, ?, ?, ?, ?, false, ?, ?, ?, 'bench', ?)")) {
                for (int i = 0; i < SYSTEMS; i++) {
                    String state = states[i % states.length];
                    ps.setLong(1, units.get(i % units.size()));
                    ps.setString(2, "基准系统-" + i);
                    ps.setInt(3, i % 3 == 0 ? 3 : 2);
                    ps.setString(4, "BENCH-" + i);
                    ps.setString(5, exposures[i % exposures.length]);
                    ps.setString(6, state);
                    ps.setBoolean(7, state.equals("ADMITTED") && i % 2 == 0);
                    ps.setDate(8, state.equals("EXIT_ORDERED") ? Date.valueOf(LocalDate.now().minusDays(i % 20 - 10)) : null);
                    ps.setString(9, state.equals("EXITED") ? "已迁出并清除" : null);
                    ps.setTimestamp(10, now);
                    ps.setTimestamp(11, now);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into systems_asset (system_id, kind, address) "
                    + "select id, 'IP', concat('10.', mod(id, 250), '.', mod(id / 250, 250), '.10') from systems_system where created_by = 'bench'")) {
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    private SystemListBenchmark() {
    }
}
