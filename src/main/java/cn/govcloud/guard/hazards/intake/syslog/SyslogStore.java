package cn.govcloud.guard.hazards.intake.syslog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The receiver's tables: mapping rules, allowed senders, per-node statistics per sender, the last unmapped lines. */
@Repository
public class SyslogStore {
    private final JdbcClient jdbc;

    SyslogStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A sender's counts summed over the nodes. */
    public record SenderStat(String sender, long received, long alerts, long replayed, long unmapped, long refused, long overflow, Instant firstAt,
                      Instant lastAt) {
    }

    public record Unmapped(long id, String node, String sender, Instant receivedAt, String reason, String line) {
    }

    public record Sender(long id, String cidr, String note, Instant updatedAt, String updatedBy) {
    }

    /** The counts one node gathered since its last flush, for one sender. */
    record Delta(long received, long alerts, long replayed, long unmapped, long refused, long overflow) {
        boolean empty() {
            return received == 0 && alerts == 0 && replayed == 0 && unmapped == 0 && refused == 0 && overflow == 0;
        }
    }

    List<MappingRule> rules() {
        return jdbc.sql("select * from intake_syslog_rule order by position, id").query((rs, i) -> rule(rs)).list();
    }

    Optional<MappingRule> rule(long id) {
        return jdbc.sql("select * from intake_syslog_rule where id = :id").param("id", id).query((rs, i) -> rule(rs)).optional();
    }

    boolean nameTaken(String name, Long except) {
        return jdbc.sql("select count(*) from intake_syslog_rule where lower(name) = lower(:n) and id <> :id").param("n", name)
                .param("id", except == null ? -1L : except).query(Long.class).single() > 0;
    }

    long insert(MappingRule r, String by, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        params(jdbc.sql("insert into intake_syslog_rule (name, position, enabled, kind, app_filter, pattern, title, severity, severity_map, "
                + "default_severity, source_address, dest_address, signature, system_id, builtin, sample, updated_at, updated_by) values "
                + "(:name, :position, :enabled, :kind, :app, :pattern, :title, :severity, :map, :def, :src, :dst, :sig, :system, false, :sample, "
                + ":at, :by)"), r, by, at).update(key, "id");
        return key.getKey().longValue();
    }

    void update(long id, MappingRule r, String by, Instant at) {
        params(jdbc.sql("update intake_syslog_rule set name = :name, position = :position, enabled = :enabled, kind = :kind, app_filter = :app, "
                + "pattern = :pattern, title = :title, severity = :severity, severity_map = :map, default_severity = :def, source_address = :src, "
                + "dest_address = :dst, signature = :sig, system_id = :system, sample = :sample, updated_at = :at, updated_by = :by where id = :id"),
                r, by, at).param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from intake_syslog_rule where id = :id").param("id", id).update();
    }

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec s, MappingRule r, String by, Instant at) {
        return s.param("name", r.name()).param("position", r.position()).param("enabled", r.enabled()).param("kind", r.kind())
                .param("app", r.appFilter()).param("pattern", r.pattern()).param("title", r.title()).param("severity", r.severity())
                .param("map", r.severityMap()).param("def", r.defaultSeverity()).param("src", r.sourceAddress()).param("dst", r.destAddress())
                .param("sig", r.signature()).param("system", r.systemId()).param("sample", r.sample()).param("at", utc(at)).param("by", by);
    }

    private static MappingRule rule(ResultSet rs) throws SQLException {
        long system = rs.getLong("system_id");
        Long systemId = rs.wasNull() ? null : system;
        return new MappingRule(rs.getLong("id"), rs.getString("name"), rs.getInt("position"), rs.getBoolean("enabled"), rs.getString("kind"),
                rs.getString("app_filter"), rs.getString("pattern"), rs.getString("title"), rs.getString("severity"),
                rs.getString("severity_map"), rs.getString("default_severity"), rs.getString("source_address"), rs.getString("dest_address"),
                rs.getString("signature"), systemId, rs.getBoolean("builtin"), rs.getString("sample"), instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    List<Sender> senders() {
        return jdbc.sql("select * from intake_syslog_sender order by id").query((rs, i) -> new Sender(rs.getLong("id"), rs.getString("cidr"),
                rs.getString("note"), instant(rs, "updated_at"), rs.getString("updated_by"))).list();
    }

    /** Replaces the allowed senders with these (CIDR → note). */
    void replaceSenders(Map<String, String> cidrs, String by, Instant at) {
        jdbc.sql("delete from intake_syslog_sender").update();
        cidrs.forEach((cidr, note) -> jdbc.sql("insert into intake_syslog_sender (cidr, note, updated_at, updated_by) values (:c, :n, :at, :by)")
                .param("c", cidr).param("n", note).param("at", utc(at)).param("by", by).update());
    }

    List<SenderStat> stats() {
        return jdbc.sql("select sender, sum(received) as received, sum(alerts) as alerts, sum(replayed) as replayed, sum(unmapped) as unmapped, "
                        + "sum(refused) as refused, sum(overflow) as overflow, min(first_at) as first_at, max(last_at) as last_at "
                        + "from intake_syslog_stat group by sender order by max(last_at) desc, sender")
                .query((rs, i) -> new SenderStat(rs.getString("sender"), rs.getLong("received"), rs.getLong("alerts"), rs.getLong("replayed"),
                        rs.getLong("unmapped"), rs.getLong("refused"), rs.getLong("overflow"), instant(rs, "first_at"), instant(rs, "last_at")))
                .list();
    }

    /** Adds one node's counts for one sender; only this node's writer thread writes its rows, so update-then-insert cannot race. */
    void addStat(String node, String sender, Delta d, Instant at) {
        int n = jdbc.sql("update intake_syslog_stat set received = received + :r, alerts = alerts + :a, replayed = replayed + :p, "
                        + "unmapped = unmapped + :u, refused = refused + :f, overflow = overflow + :o, last_at = :at where node = :node and sender = :s")
                .param("r", d.received()).param("a", d.alerts()).param("p", d.replayed()).param("u", d.unmapped()).param("f", d.refused())
                .param("o", d.overflow()).param("at", utc(at)).param("node", node).param("s", sender).update();
        if (n == 0) {
            jdbc.sql("insert into intake_syslog_stat (node, sender, received, alerts, replayed, unmapped, refused, overflow, first_at, last_at) "
                            + "values (:node, :s, :r, :a, :p, :u, :f, :o, :at, :at)")
                    .param("r", d.received()).param("a", d.alerts()).param("p", d.replayed()).param("u", d.unmapped()).param("f", d.refused())
                    .param("o", d.overflow()).param("at", utc(at)).param("node", node).param("s", sender).update();
        }
    }

    List<Unmapped> unmapped(int limit) {
        return jdbc.sql("select * from intake_syslog_unmapped order by id desc limit " + limit).query((rs, i) -> new Unmapped(rs.getLong("id"),
                rs.getString("node"), rs.getString("sender"), instant(rs, "received_at"), rs.getString("reason"), rs.getString("line"))).list();
    }

    void addUnmapped(String node, List<Unmapped> lines, int keep) {
        for (Unmapped u : lines) {
            jdbc.sql("insert into intake_syslog_unmapped (node, sender, received_at, reason, line) values (:node, :s, :at, :r, :l)")
                    .param("node", node).param("s", u.sender()).param("at", utc(u.receivedAt())).param("r", u.reason()).param("l", u.line()).update();
        }
        Long floor = jdbc.sql("select min(id) from (select id from intake_syslog_unmapped order by id desc limit " + keep + ") t")
                .query(Long.class).optional().orElse(null);
        if (floor != null) {
            jdbc.sql("delete from intake_syslog_unmapped where id < :f").param("f", floor).update();
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
