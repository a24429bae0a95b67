package cn.govcloud.guard.duties.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Filter;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Row;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Status;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19 point 3 (A13): the compliance matrix computed, filtered, counted and paged in SQL gives, for every row, what
 * the in-memory evaluation it replaced gives ({@link InMemoryComplianceMatrix}, the code as it was) — on the demo city,
 * for each role, each filter and pages at the start, in the middle and past the end; a duty's change reaches it at once
 * (the tally and the details a page shows move in the duty's transaction, and are checked against a count from scratch
 * at every comparison), a subject's change and a district overlay with the next run of the cells
 * task ({@link #cellsTask()}: the scheduler is off in tests); and a view writes nothing.
 */
@AppTest
class ComplianceMatrixSqlTests {
    private static final String RULE = "A7.2-mlps-assessment"; // yearly, per system, when mlpsLevel >= 3

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ComplianceMatrix matrix;
    @Autowired
    RuleCatalog catalog;
    @Autowired
    Subjects subjects;
    @Autowired
    Submissions submissions;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    ComplianceTally tally;

    private final ApiClient api = new ApiClient(() -> mvc);
    private InMemoryComplianceMatrix oracle;
    private final List<Runnable> undo = new ArrayList<>();

    @BeforeEach
    void setUp() {
        oracle = new InMemoryComplianceMatrix(jdbc, catalog, subjects, submissions, clock);
        cellsTask(); // other tests of the shared context registered systems and units since the last run
    }

    /** What the {@code duties-matrix-cells} task does every 30 seconds (DutiesConfiguration). */
    private void cellsTask() {
        matrix.refreshCells();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        jdbc.sql("delete from duties_submission where duty_id in (select id from duties_duty where occurrence_key like 'matrix-test:%')").update();
        jdbc.sql("delete from duties_duty where occurrence_key like 'matrix-test:%'").update();
        api.call("supervisor", delete("/api/v1/rules/overlay"));
        clock.reset();
        cellsTask();
    }

    @Test
    void A13_theSqlMatrixEqualsTheInMemoryEvaluationForEveryRoleFilterAndPage() {
        List<Long> systems = admittedSystems();
        long s1 = systems.get(0);
        long s2 = systems.get(1);
        long unit1 = orgOf("unit1");
        Instant now = clock.instant();
        // every kind of row: overdue, open, done on time, done late, an event duty raised, one only older than the look-back
        Rule yearly = systemRule(true);
        Rule event = systemRule(false);
        duty("overdue", yearly, s1, now.minus(Duration.ofDays(3)), "OVERDUE", false);
        duty("late", yearly, s2, now.minus(Duration.ofDays(30)), "ACCEPTED", true);
        duty("ontime", event, s2, now.minus(Duration.ofDays(20)), "ACCEPTED", false);
        duty("open", event, s1, now.plus(Duration.ofDays(5)), "OPEN", false);
        duty("old", event, systems.get(systems.size() - 1), now.minus(Duration.ofDays(500)), "ACCEPTED", false);
        // the key's newest duty and evidence lie before the look-back, an older one within it: the kept details are not
        // decisive and the row reads its duties (issue 19 point 3, fourth step)
        duty("recent", event, systems.get(2), now.minus(Duration.ofDays(10)), "ACCEPTED", true);
        duty("stale-newest", event, systems.get(2), now.minus(Duration.ofDays(500)), "ACCEPTED", false);

        List<Filter> filters = new ArrayList<>(List.of(Filter.none(), new Filter(yearly.id(), null, null, null),
                new Filter(null, null, unit1, null), new Filter(event.id(), Status.DUE, null, null), new Filter(null, Status.OVERDUE, unit1, null),
                new Filter("no-such-rule", null, null, null)));
        for (Status s : Status.values()) {
            filters.add(new Filter(null, s, null, null));
        }
        for (SubjectKind k : SubjectKind.values()) {
            filters.add(new Filter(null, null, null, k));
        }
        for (String user : List.of("supervisor", "regulator", "provider", "unit1", "unit2")) {
            Actor actor = DemoActors.actor(jdbc, user);
            for (Filter filter : filters) {
                same(actor, filter);
            }
        }
        List<Row> all = oracle.rows(DemoActors.actor(jdbc, "supervisor"), Filter.none());
        assertThat(all).extracting(Row::status).contains(Status.OVERDUE, Status.DUE, Status.COMPLIANT, Status.NOT_APPLICABLE);
        assertThat(all).extracting(Row::reason).contains("duties.matrix.reason.doneLate", "duties.matrix.reason.done",
                "duties.matrix.reason.noEvent", "duties.matrix.reason.condition", "duties.matrix.reason.overdue");
    }

    @Test
    void A13_aSubjectsChangeAndADistrictOverlayReachTheMatrixOnTheNextView() throws Exception {
        long level2 = jdbc.sql("select id from systems_system where state = 'ADMITTED' and mlps_level = 2 order by id").query(Long.class).list().get(0);
        Actor supervisor = DemoActors.actor(jdbc, "supervisor");
        Filter one = new Filter(RULE, null, null, SubjectKind.SYSTEM);
        assertThat(cell(level2)).isEqualTo(Status.NOT_APPLICABLE);

        // the system is raised to level 3: the yearly assessment now applies to it
        jdbc.sql("update systems_system set mlps_level = 3 where id = :id").param("id", level2).update();
        undo.add(() -> jdbc.sql("update systems_system set mlps_level = 2 where id = :id").param("id", level2).update());
        cellsTask();
        assertThat(cell(level2)).isNotEqualTo(Status.NOT_APPLICABLE);
        same(supervisor, one);
        jdbc.sql("update systems_system set mlps_level = 2 where id = :id").param("id", level2).update();
        cellsTask();
        assertThat(cell(level2)).isEqualTo(Status.NOT_APPLICABLE);

        // it leaves the platform: its rows go
        jdbc.sql("update systems_system set state = 'AWAITING_VERIFICATION' where id = :id").param("id", level2).update();
        undo.add(() -> jdbc.sql("update systems_system set state = 'ADMITTED' where id = :id").param("id", level2).update());
        cellsTask();
        assertThat(matrix.rows(supervisor, one)).extracting(Row::subjectId).doesNotContain(level2);
        same(supervisor, Filter.none());
        jdbc.sql("update systems_system set state = 'ADMITTED' where id = :id").param("id", level2).update();
        cellsTask();

        // a district overlay asks the assessment from level 2 up (A13): the cell changes on the next view
        String version = catalog.version().version();
        String product = version.contains("+") ? version.substring(0, version.indexOf('+')) : version;
        MvcResult overlay = api.call("supervisor", put("/api/v1/rules/overlay").contentType(MediaType.parseMediaType("text/yaml")).content(
                "overlay: {name: 矩阵区, version: m-1, basedOn: " + product + "}\nrules:\n  " + RULE + ": {when: [\"mlpsLevel >= 2\"]}\n"));
        assertThat(overlay.getResponse().getStatus()).as(overlay.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        cellsTask();
        assertThat(cell(level2)).isNotEqualTo(Status.NOT_APPLICABLE);
        assertThat(matrix.rows(supervisor, one)).allSatisfy(r -> assertThat(r.catalogVersion()).contains("矩阵区"));
        same(supervisor, one);
        same(DemoActors.actor(jdbc, "unit1"), Filter.none());

        api.call("supervisor", delete("/api/v1/rules/overlay"));
        cellsTask();
        assertThat(cell(level2)).isEqualTo(Status.NOT_APPLICABLE);
        same(supervisor, Filter.none());
    }

    @Test
    void A13_theApiPagesTheSameRowsAndCountsAsTheInMemoryEvaluation() throws Exception {
        List<Row> all = oracle.rows(DemoActors.actor(jdbc, "supervisor"), Filter.none());
        JsonNode page = ApiClient.body(api.call("supervisor", get("/api/v1/compliance?offset=7&limit=11")));
        assertThat(page.get("total").asInt()).isEqualTo(all.size());
        List<String> expected = all.subList(7, 18).stream().map(r -> r.subjectKind() + ":" + r.subjectId() + ":" + r.rule().id()).toList();
        List<String> got = new ArrayList<>();
        page.get("rows").forEach(r -> got.add(r.get("subjectKind").asString() + ":" + r.get("subjectId").asLong() + ":" + r.get("ruleId").asString()));
        assertThat(got).isEqualTo(expected);
        oracle.summary(all).forEach((status, n) -> assertThat(page.get("summary").get(status.name()).asLong()).as(status.name()).isEqualTo(n));
    }

    @Test
    void A13_aDutysChangeReachesTheMatrixAtOnceAndAClosedDutyLeavesItWithTheLookBack() {
        // an admitted system that owes nothing yet under one of the unconditional event rules (the shared suite's other
        // classes have raised many such duties, so look for a free pair rather than take the first rule)
        Rule event = null;
        long system = -1;
        for (Rule r : catalog.rules().stream().filter(r -> r.appliesTo() == SubjectKind.SYSTEM && !r.recurring() && r.conditions().isEmpty()).toList()) {
            List<Long> free = jdbc.sql("select id from systems_system where state = 'ADMITTED' and id not in (select subject_id from duties_duty "
                    + "where subject_kind = 'SYSTEM' and rule_id = :r) order by id").param("r", r.id()).query(Long.class).list();
            if (!free.isEmpty()) {
                event = r;
                system = free.get(0);
                break;
            }
        }
        assertThat(event).as("an unconditional event rule with an admitted system that owes nothing under it").isNotNull();
        Actor supervisor = DemoActors.actor(jdbc, "supervisor");
        Filter one = new Filter(event.id(), null, null, SubjectKind.SYSTEM);
        Instant now = clock.instant();
        assertThat(statusOf(system, one)).isEqualTo(Status.NOT_APPLICABLE); // nothing triggered it yet
        duty("closed", event, system, now.minus(Duration.ofDays(390)), "ACCEPTED", false);
        assertThat(statusOf(system, one)).isEqualTo(Status.COMPLIANT);
        same(supervisor, one);
        // nothing is written as time passes: 11 days later the duty lies before the look-back, and the row says so
        clock.set(now.plus(Duration.ofDays(11)));
        assertThat(statusOf(system, one)).isEqualTo(Status.NOT_APPLICABLE);
        same(supervisor, one);
        clock.reset();
        duty("live", event, system, now.plus(Duration.ofDays(3)), "OPEN", false);
        assertThat(statusOf(system, one)).isEqualTo(Status.DUE);
        jdbc.sql("update duties_duty set state = 'OVERDUE', overdue_at = :at where occurrence_key = 'matrix-test:live'")
                .param("at", now.atOffset(ZoneOffset.UTC)).update();
        assertThat(statusOf(system, one)).isEqualTo(Status.OVERDUE);
        same(supervisor, one);
        jdbc.sql("delete from duties_duty where occurrence_key = 'matrix-test:live'").update();
        jdbc.sql("delete from duties_submission where duty_id in (select id from duties_duty where occurrence_key = 'matrix-test:closed')").update();
        jdbc.sql("delete from duties_duty where occurrence_key = 'matrix-test:closed'").update();
        same(supervisor, one);
    }

    @Test
    void A13_theCellsTaskWritesNothingWhenNothingChanged() {
        // what a restart does (the task at start-up): the fingerprints match, so no cell, summary row or state is written
        List<String> before = matrixTables();
        cellsTask();
        assertThat(matrixTables()).isEqualTo(before);
    }

    @Test
    void A13_keysetPagesFollowTheDutiesWrittenBetweenThem() {
        // a page's key survives writes: rows that change state between two pages keep their place in the order
        Actor supervisor = DemoActors.actor(jdbc, "supervisor");
        List<Row> first = oracle.rows(supervisor, Filter.none());
        ComplianceMatrix.Page page = matrix.page(supervisor, Filter.none(), (ComplianceMatrix.Key) null, 20);
        assertThat(page.rows()).containsExactlyElementsOf(first.subList(0, 20));
        long system = admittedSystems().get(0);
        duty("between", systemRule(true), system, clock.instant().minus(Duration.ofDays(2)), "OVERDUE", false);
        List<Row> now = oracle.rows(supervisor, Filter.none());
        ComplianceMatrix.Page second = matrix.page(supervisor, Filter.none(), ComplianceMatrix.Key.parse(page.next()), 20);
        assertThat(second.rows()).containsExactlyElementsOf(now.subList(20, 40));
        assertThat(second.summary()).containsExactlyEntriesOf(oracle.summary(now));
        same(supervisor, new Filter(null, Status.OVERDUE, null, SubjectKind.SYSTEM));
    }

    @Test
    void A13_aViewOfTheMatrixWritesNothing() throws Exception {
        long level2 = jdbc.sql("select id from systems_system where state = 'ADMITTED' and mlps_level = 2 order by id").query(Long.class).list().get(1);
        // the subjects changed since the cells were written: the view before issue 19's counters rewrote cells here
        jdbc.sql("update systems_system set mlps_level = 3 where id = :id").param("id", level2).update();
        undo.add(() -> jdbc.sql("update systems_system set mlps_level = 2 where id = :id").param("id", level2).update());
        List<String> before = matrixTables();
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/compliance?limit=50"))).get("total").asInt()).isPositive();
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/compliance?status=OVERDUE&limit=50"))).get("total").asInt()).isNotNegative();
        for (String user : List.of("supervisor", "unit1")) {
            MvcResult page = mvc.perform(get("/compliance?rule=" + RULE).with(SecurityMockMvcRequestPostProcessors.authentication(
                    DemoActors.authentication(jdbc, user)))).andReturn();
            assertThat(page.getResponse().getStatus()).isEqualTo(200);
            assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("matrix-table");
        }
        assertThat(api.call("regulator", get("/api/v1/compliance/export")).getResponse().getStatus()).isEqualTo(200);
        assertThat(matrixTables()).as("the matrix's tables after the views").isEqualTo(before);
        assertThat(cell(level2)).isEqualTo(Status.NOT_APPLICABLE); // not yet: the cells task brings the change
        cellsTask();
        assertThat(matrixTables()).isNotEqualTo(before);
        assertThat(cell(level2)).isNotEqualTo(Status.NOT_APPLICABLE);
    }

    /** Every row of the matrix's tables and of the duties (their keys, states and due times), as text. */
    private List<String> matrixTables() {
        List<String> all = new ArrayList<>();
        for (String sql : List.of("select * from duties_matrix_state", "select * from duties_matrix_subject order by subject_kind, subject_id",
                "select * from duties_matrix_cell order by subject_kind, subject_id, rule_id",
                "select * from duties_matrix_summary order by subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due",
                "select id, state, due_at, overdue_at, closed_at, reminders_sent from duties_duty order by id")) {
            jdbc.sql(sql).query(rs -> {
                StringBuilder row = new StringBuilder(sql.substring(sql.indexOf(" from ") + 6)).append(':');
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                all.add(row.toString());
            });
        }
        return all;
    }

    private Status statusOf(long system, Filter filter) {
        Actor supervisor = DemoActors.actor(jdbc, "supervisor");
        ComplianceMatrix.Page page = matrix.page(supervisor, filter, 0, 10_000);
        assertThat(page.rows()).as("the page holds every row of the filter").hasSize(page.total());
        return page.rows().stream().filter(r -> r.subjectId() == system).findFirst().orElseThrow().status();
    }

    /**
     * Everything the SQL matrix answers for this actor and filter equals the in-memory evaluation: every row, pages by
     * offset and page after page by keyset, the total and the counts by status — and the summary the triggers keep
     * equals one counted from scratch over the cells.
     */
    private void same(Actor actor, Filter filter) {
        List<Row> expected = oracle.rows(actor, filter);
        String what = actor.username() + " " + filter;
        assertThat(tally.summaryKept()).as("the summary kept by the triggers against a count from scratch").isEqualTo(tally.summaryCounted());
        assertThat(tally.differences()).as("the tally and details kept in the cells against a count from scratch").isEmpty();
        assertThat(matrix.rows(actor, filter)).as(what).containsExactlyElementsOf(expected);
        List<Row> walked = new ArrayList<>();
        ComplianceMatrix.Key after = null;
        for (int n = 0; n <= expected.size() / 50 + 1; n++) {
            ComplianceMatrix.Page page = matrix.page(actor, filter, after, 50);
            assertThat(page.total()).as(what).isEqualTo(expected.size());
            assertThat(page.summary()).as(what).containsExactlyEntriesOf(oracle.summary(expected));
            walked.addAll(page.rows());
            after = ComplianceMatrix.Key.parse(page.next());
            if (after == null) {
                break;
            }
            assertThat(page.rows()).as(what + " a page with a next one is full").hasSize(50);
        }
        assertThat(walked).as(what + " page after page by keyset").containsExactlyElementsOf(expected);
        for (int offset : new int[] {0, Math.max(0, expected.size() / 2 - 3), Math.max(0, expected.size() - 4), expected.size() + 10}) {
            ComplianceMatrix.Page page = matrix.page(actor, filter, offset, 7);
            int from = Math.min(offset, expected.size());
            assertThat(page.rows()).as(what + " from " + offset).containsExactlyElementsOf(expected.subList(from, Math.min(expected.size(), from + 7)));
            assertThat(page.total()).as(what).isEqualTo(expected.size());
            assertThat(page.summary()).as(what).containsExactlyEntriesOf(oracle.summary(expected));
        }
    }

    private Status cell(long system) {
        return matrix.rows(DemoActors.actor(jdbc, "supervisor"), new Filter(RULE, null, null, SubjectKind.SYSTEM)).stream()
                .filter(r -> r.subjectId() == system).findFirst().orElseThrow().status();
    }

    private List<Long> admittedSystems() {
        return jdbc.sql("select id from systems_system where state = 'ADMITTED' order by id").query(Long.class).list();
    }

    private long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    private Rule systemRule(boolean recurring) {
        return catalog.rules().stream().filter(r -> r.appliesTo() == SubjectKind.SYSTEM && r.recurring() == recurring && r.conditions().isEmpty())
                .findFirst().orElseThrow();
    }

    private void duty(String key, Rule rule, long system, Instant due, String state, boolean late) {
        long org = jdbc.sql("select org_id from systems_system where id = :id").param("id", system).query(Long.class).single();
        var at = due.atOffset(ZoneOffset.UTC);
        jdbc.sql("insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, "
                        + "org_id, party, triggered_at, due_date, due_at, state, overdue_at, closed_at, created_at) values (:k, :r, :a, 'test', "
                        + "'SYSTEM', :s, '测试系统', :o, :p, :t, :d, :t, :st, :od, :c, :t)")
                .param("k", "matrix-test:" + key).param("r", rule.id()).param("a", rule.article()).param("s", system).param("o", org)
                .param("p", rule.party().name()).param("t", at).param("d", at.toLocalDate()).param("st", state)
                .param("od", "OVERDUE".equals(state) ? at : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("c", "ACCEPTED".equals(state) ? at : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
        long id = jdbc.sql("select id from duties_duty where occurrence_key = :k").param("k", "matrix-test:" + key).query(Long.class).single();
        if ("ACCEPTED".equals(state)) {
            jdbc.sql("insert into duties_submission (duty_id, submitted_at, submitted_by, submitted_name, fields_json, late, decision) "
                    + "values (:d, :at, 'unit1', '测试提交人', '{}', :late, 'ACCEPTED')").param("d", id)
                    .param("at", (late ? due.plus(Duration.ofDays(1)) : due.minus(Duration.ofDays(1))).atOffset(ZoneOffset.UTC)).param("late", late)
                    .update();
        }
    }
}
