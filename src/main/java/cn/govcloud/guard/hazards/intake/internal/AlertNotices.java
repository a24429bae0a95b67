package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.systems.Systems;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * A10.1 "立即告知市大数据中心和涉事政务信息系统所属单位，并确保相关信息准确送达": a serious alert (critical
 * or high) on a known system goes at once to the owning unit and the supervisor — inbox, e-mail and
 * robots — and the unit owes an acknowledgement (catalog rule {@code A10.1-alert-acknowledgement},
 * event {@code alert.sent}), which escalates when nobody answers. Medium and lower alerts wait on the
 * lists and in the hazard loop; a burst of them must not drown the one that matters.
 *
 * <p>Issue 24 point 5, floods fold: the serious alerts of one host on one system that follow each
 * other within the burst window (the catalog parameter {@code A10.1-alert-burst-window}, one hour, counted
 * from the burst's latest alert) are one burst — one notice and one acknowledgement duty, named after
 * the burst's first alert and listing its signatures with their counts — not one per signature. An
 * alert joining a burst already told is added to its list (the alert page shows it) without paging
 * the unit again. The window is the catalog's setting {@code A10.1-alert-burst-window}, so a district
 * overlay changes it (A13); "serious" is at or above the catalog's {@code A10.1-immediate-notice-severity}
 * (issue 17 point 16), the rest waits for the daily digest ({@link AlertDigest}).
 */
@Component
class AlertNotices {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ToldAtOnce told;
    private final Systems systems;
    private final cn.govcloud.guard.rules.RuleCatalog catalog;

    static final String BURST_WINDOW = "A10.1-alert-burst-window";
    static final String IMMEDIATE = "A10.1-immediate-notice-severity";

    AlertNotices(JdbcClient jdbc, JdbcTemplate template, ToldAtOnce told, Systems systems, cn.govcloud.guard.rules.RuleCatalog catalog) {
        this.jdbc = jdbc;
        this.template = template;
        this.told = told;
        this.systems = systems;
        this.catalog = catalog;
    }

    /** Issue 24 point 5: the catalog's burst window in force (a district overlay may change it). */
    Duration window() {
        return catalog.parameter(BURST_WINDOW).duration();
    }

    /**
     * Issue 17 points 5 and 16: the severities told at once, as the catalog chooses them; the others (down to LOW)
     * go in the daily digest.
     */
    static List<String> immediate(cn.govcloud.guard.rules.RuleCatalog catalog) {
        return catalog.parameter(IMMEDIATE).choices();
    }

    private record Alarm(long id, long systemId, String host, String title, String severity, Instant firstAt, Instant lastAt, int events) {
    }

    private static final String ALARM = "select id, system_id, coalesce(address, dest_ip, '') as host, title, severity, first_at, last_at, event_count "
            + "from intake_alert where system_id is not null and severity in (:serious) and burst_id is null and notified_at is null ";

    private static Alarm alarm(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Alarm(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getInt(8));
    }

    /**
     * Every alarming, matched alert of the import received at {@code receivedAt}, in the caller's
     * transaction. Found by receipt time (±1 ms: the database keeps microseconds at most); another
     * import in that millisecond is told too, once — an alert in a burst is never told again.
     */
    void receivedAt(Instant receivedAt) {
        tell(jdbc.sql(ALARM + "and received_at between :from and :to order by first_at, id")
                .param("serious", immediate(catalog)).param("from", receivedAt.minusMillis(1).atOffset(ZoneOffset.UTC)).param("to", receivedAt.plusMillis(1).atOffset(ZoneOffset.UTC))
                .query((rs, i) -> alarm(rs)).list(), receivedAt);
    }

    /** One alert just matched to a system (recorded, or assigned from the triage queue). */
    void matched(long alertId, Instant now) {
        tell(jdbc.sql(ALARM + "and id = :id").param("serious", immediate(catalog)).param("id", alertId).query((rs, i) -> alarm(rs)).list(), now);
    }

    /** One burst being gathered: its row, its first alert, what it holds. */
    private static final class Burst {
        final long id;
        final boolean fresh;
        final long leader;
        final long systemId;
        final String host;
        Instant last;
        int alerts;
        int events;
        String severity = "HIGH";
        final Map<String, Integer> signatures = new LinkedHashMap<>();

        Burst(long id, boolean fresh, long leader, long systemId, String host, Instant last) {
            this.id = id;
            this.fresh = fresh;
            this.leader = leader;
            this.systemId = systemId;
            this.host = host;
            this.last = last;
        }

        void add(Alarm a) {
            alerts++;
            events += a.events();
            signatures.merge(a.title(), a.events(), Integer::sum);
            if (a.lastAt().isAfter(last)) {
                last = a.lastAt();
            }
            if (a.severity().equals("CRITICAL")) {
                severity = "CRITICAL";
            }
        }
    }

    private void tell(List<Alarm> alarms, Instant now) {
        if (alarms.isEmpty()) {
            return;
        }
        Duration window = window();
        Map<String, Burst> open = new HashMap<>();
        List<Burst> touched = new ArrayList<>();
        List<Object[]> members = new ArrayList<>();
        for (Alarm alarm : alarms) {
            String key = alarm.systemId() + "|" + alarm.host();
            Burst b = open.get(key);
            if (b != null && alarm.firstAt().isAfter(b.last.plus(window))) {
                b = null; // a quiet spell longer than the window ended that burst
            }
            if (b == null) {
                b = earlier(alarm, window);
                if (b == null) {
                    GeneratedKeyHolder id = new GeneratedKeyHolder();
                    jdbc.sql("insert into intake_alert_burst (system_id, org_id, host, first_at, last_at, created_at) "
                                    + "select :system, org_id, :host, :first, :first, :now from systems_system where id = :system")
                            .param("system", alarm.systemId()).param("host", alarm.host()).param("first", alarm.firstAt().atOffset(ZoneOffset.UTC))
                            .param("now", now.atOffset(ZoneOffset.UTC)).update(id, "id");
                    b = new Burst(id.getKey().longValue(), true, alarm.id(), alarm.systemId(), alarm.host(), alarm.firstAt());
                }
                open.put(key, b);
                touched.add(b);
            }
            b.add(alarm);
            members.add(new Object[] {b.id, alarm.id()});
        }
        template.batchUpdate("update intake_alert set burst_id = ?, notified_at = ? where id = ?",
                members.stream().map(m -> new Object[] {m[0], now.atOffset(ZoneOffset.UTC), m[1]}).toList(),
                new int[] {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
        template.batchUpdate("update intake_alert_burst set last_at = case when last_at < ? then ? else last_at end, alerts = alerts + ?, "
                        + "events = events + ? where id = ?",
                touched.stream().map(b -> new Object[] {b.last.atOffset(ZoneOffset.UTC), b.last.atOffset(ZoneOffset.UTC), b.alerts, b.events, b.id})
                        .toList(),
                new int[] {Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER, Types.INTEGER, Types.BIGINT});
        List<Burst> fresh = touched.stream().filter(b -> b.fresh).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<Long, Systems.SystemRef> byId = systems.find(fresh.stream().map(b -> b.systemId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Systems.SystemRef::id, Function.identity()));
        List<Long> supervisors = told.supervisors();
        for (Burst burst : fresh) {
            Systems.SystemRef system = byId.get(burst.systemId);
            if (system == null) {
                continue;
            }
            String first = burst.signatures.keySet().iterator().next();
            List<String> args;
            String message;
            if (burst.alerts == 1) {
                message = "hazards.intake.notice.alert";
                args = List.of(system.name(), Notice.label("hazards.severity." + burst.severity), first);
            } else {
                message = "hazards.intake.notice.burst";
                args = List.of(system.name(), Notice.label("hazards.severity." + burst.severity), burst.host, String.valueOf(burst.signatures.size()), String.valueOf(burst.events),
                        summary(burst.signatures));
            }
            told.tell("alert:" + burst.leader, system, supervisors, message, args, "/intake/alerts/" + burst.leader,
                    burst.severity.equals("CRITICAL"), "告警已立即送达系统所属单位和市大数据中心（站内信、邮件、群机器人）", now);
        }
    }

    /** A burst of this host on this system still open when the alert began (its latest alert within the window). */
    private Burst earlier(Alarm alarm, Duration window) {
        return jdbc.sql("select id, last_at from intake_alert_burst where system_id = :system and host = :host and last_at >= :since "
                        + "and first_at <= :until order by last_at desc limit 1")
                .param("system", alarm.systemId()).param("host", alarm.host()).param("since", alarm.firstAt().minus(window).atOffset(ZoneOffset.UTC))
                .param("until", alarm.firstAt().plus(window).atOffset(ZoneOffset.UTC))
                .query((rs, i) -> new Burst(rs.getLong(1), false, 0, alarm.systemId(), alarm.host(), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional().orElse(null);
    }

    /** The signatures with their event counts, most first, at most ten named (the alert page lists them all). */
    static String summary(Map<String, Integer> signatures) {
        List<Map.Entry<String, Integer>> sorted = signatures.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).toList();
        String named = sorted.stream().limit(10).map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining("; "));
        return sorted.size() > 10 ? named + "; … (+" + (sorted.size() - 10) + ")" : named;
    }

    /** The alerts of the burst an alert belongs to, first first (the alert page and the API show them). */
    List<IntakeQueries.BurstMember> burstOf(long alertId) {
        return jdbc.sql("select m.id, m.title, m.severity, m.event_count, m.first_at, m.last_at from intake_alert a join intake_alert m "
                        + "on m.burst_id = a.burst_id where a.id = :id order by m.first_at, m.id limit 500")
                .param("id", alertId).query((rs, i) -> new IntakeQueries.BurstMember(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant())).list();
    }
}
