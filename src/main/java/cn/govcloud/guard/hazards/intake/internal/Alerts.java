package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.clip;
import static cn.govcloud.guard.hazards.intake.internal.Columns.instant;
import static cn.govcloud.guard.hazards.intake.internal.Columns.utc;

import cn.govcloud.guard.hazards.intake.parse.EveAlert;
import cn.govcloud.guard.systems.Systems.Address;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The alerts ({@code intake_alert}) and the EVE event identities taken ({@code intake_alert_event}):
 * Suricata groups written set-based per batch (issue 19 point 2), generic alerts one by one, and the
 * scoped reads of the lists.
 */
@Repository
class Alerts {
    /** The staging table of the changed groups of one batch (one set-based update per batch). */
    static final String STAGE = "intake_alert_stage";
    private static final List<String> COLUMNS = List.of("source", "group_key", "signature_id", "title", "category", "severity", "src_ip",
            "src_port", "dest_ip", "dest_port", "proto", "flow_id", "community_id", "address", "detail", "first_at", "last_at", "event_count",
            "system_id", "org_id", "state", "received_at", "received_by");
    private static final int[] TYPES = {Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER, Types.BIGINT, Types.BIGINT, Types.VARCHAR,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR};

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Bulk bulk;

    Alerts(JdbcClient jdbc, JdbcTemplate template, Bulk bulk) {
        this.jdbc = jdbc;
        this.template = template;
        this.bulk = bulk;
    }

    /**
     * A Suricata alert group: the events of one flow and signature within the window. {@code id} null: new;
     * {@code sample}, {@code match}: the new group's first event and its system.
     */
    record Group(Long id, String key, Instant first, Instant last, int count, EveAlert sample, Address match, boolean changed) {
    }

    /** Creates the import's staging table (once per transaction). */
    void stage() {
        bulk.stage(STAGE, "id bigint, first_at timestamp with time zone, last_at timestamp with time zone, event_count integer");
    }

    /** Of these EVE event identities, those taken before (replays, issue 24 point 6). */
    List<Long> taken(Collection<Long> eventKeys) {
        return bulk.inList("select event_key from intake_alert_event where event_key", eventKeys, "bigint", "", Map.of(), (rs, i) -> rs.getLong(1));
    }

    void take(Collection<Long> eventKeys, long importId) {
        bulk.insert("intake_alert_event", List.of("event_key", "import_id"), new int[] {Types.BIGINT, Types.BIGINT},
                eventKeys.stream().map(k -> new Object[] {k, importId}).toList());
    }

    /** The Suricata groups of these keys that were still open at {@code since}, by key (the latest of each). */
    Map<String, Group> openGroups(Collection<String> keys, Instant since) {
        return openGroups("SURICATA", keys, since);
    }

    /** The groups of one source ({@code SURICATA}, {@code SYSLOG}) of these keys still open at {@code since}, by key. */
    Map<String, Group> openGroups(String source, Collection<String> keys, Instant since) {
        Map<String, Group> open = new HashMap<>();
        bulk.inList("select id, group_key, first_at, last_at, event_count from intake_alert where source = '" + source + "' and group_key", keys,
                "varchar", " and last_at >= :since order by last_at", Map.of("since", utc(since)),
                (rs, i) -> open.put(rs.getString("group_key"), new Group(rs.getLong("id"), rs.getString("group_key"),
                        instant(rs, "first_at"), instant(rs, "last_at"), rs.getInt("event_count"), null, null, false)));
        return open;
    }

    /** New groups in one COPY (one batch on H2), matched or waiting in triage. */
    void insert(List<Group> fresh, AddressMatcher matcher, String receivedBy, Instant receivedAt) {
        List<Object[]> rows = new ArrayList<>();
        for (Group g : fresh) {
            EveAlert a = g.sample();
            Address m = g.match();
            String address = m == null ? null : (matcher.matchPort(a.destIp(), a.destPort()).isPresent()
                    || (matcher.matchPort(a.srcIp(), a.srcPort()).isEmpty() && matcher.match(a.destIp()).isPresent()) ? a.destIp() : a.srcIp());
            rows.add(new Object[] {"SURICATA", g.key(), a.signatureId(), clip(a.signature(), 500), clip(a.category(), 200), a.level().name(),
                    a.srcIp(), a.srcPort(), a.destIp(), a.destPort(), a.proto(), a.flowId(), a.communityId(), address,
                    a.action() == null ? null : "action: " + a.action(), utc(g.first()), utc(g.last()), g.count(),
                    m == null ? null : m.systemId(), m == null ? null : m.orgId(), m == null ? "TRIAGE" : "OPEN", utc(receivedAt), receivedBy});
        }
        bulk.insert("intake_alert", COLUMNS, TYPES, rows);
    }

    /** New syslog groups (issue 21 point 3) in one COPY (one batch on H2): {@code rows} in the order of {@link #COLUMNS}. */
    void insertRows(List<Object[]> rows) {
        bulk.insert("intake_alert", COLUMNS, TYPES, rows);
    }

    /** Grown groups in one set-based update. */
    void update(List<Group> grown) {
        if (grown.isEmpty()) {
            return;
        }
        bulk.clear(STAGE);
        bulk.insert(STAGE, List.of("id", "first_at", "last_at", "event_count"),
                new int[] {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER},
                grown.stream().map(g -> new Object[] {g.id(), utc(g.first()), utc(g.last()), g.count()}).toList());
        if (bulk.postgres()) {
            template.update("update intake_alert a set first_at = s.first_at, last_at = s.last_at, event_count = s.event_count from "
                    + STAGE + " s where a.id = s.id");
        } else {
            template.update("merge into intake_alert a using " + STAGE + " s on (a.id = s.id) when matched then update set "
                    + "first_at = s.first_at, last_at = s.last_at, event_count = s.event_count");
        }
    }

    /** One generic alert; a system null leaves it in triage. Returns its id. */
    long insertGeneric(String title, String severity, String address, String detail, Instant occurredAt, Long systemId, Long orgId,
                       Instant receivedAt, String receivedBy) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into intake_alert (source, title, severity, address, detail, first_at, last_at, event_count, system_id, org_id, state, "
                        + "received_at, received_by) values ('GENERIC', :title, :sev, :address, :detail, :at, :at, 1, :system, :org, :state, :now, :by)")
                .param("title", title).param("sev", severity).param("address", address).param("detail", detail).param("at", utc(occurredAt))
                .param("system", systemId).param("org", orgId).param("state", systemId == null ? "TRIAGE" : "OPEN")
                .param("now", utc(receivedAt)).param("by", receivedBy).update(key, "id");
        return key.getKey().longValue();
    }

    /** What the keyword is looked for in (issue 23 point 11). */
    private static final List<String> TEXT = List.of("title", "category", "src_ip", "dest_ip", "address", "source");

    /** The list, one item and the triage queue (issue 23 point 11: the keyword in {@link #TEXT}). */
    IntakeTable<Alert> table() {
        return new IntakeTable<>(jdbc, "intake_alert", "a", "last_at", TEXT, (rs, i) -> Alert.of(rs));
    }
}
