package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.ListFilter;
import static cn.govcloud.guard.access.internal.Columns.instant;
import static cn.govcloud.guard.access.internal.Columns.ts;

import cn.govcloud.guard.access.Channels.NewChannel;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of remote channels ({@code access_channel}); the single use of a credential is one conditional UPDATE here. */
@Repository
class ChannelStore {
    private final JdbcClient jdbc;
    private final Clock clock;

    ChannelStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long insert(NewChannel c, Actor actor, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_channel (kind, org_id, system_id, purpose, operations, accounts, channel_type, operator_name, starts_at, "
                        + "ends_at, long_term, status, requested_by, requested_by_id, requested_at) values (:kind, :org, :system, :purpose, :ops, "
                        + ":accounts, :type, :operator, :starts, :ends, :longTerm, 'REQUESTED', :by, :byId, :now)")
                .param("kind", c.systemId() == null ? "PLATFORM" : "SYSTEM").param("org", actor.orgId()).param("system", c.systemId())
                .param("purpose", c.purpose().strip()).param("ops", c.operations().strip()).param("accounts", c.accounts().strip())
                .param("type", c.channelType()).param("operator", c.operatorName().strip()).param("starts", ts(c.startsAt()))
                .param("ends", ts(c.endsAt())).param("longTerm", c.longTerm()).param("by", actor.username()).param("byId", actor.userId())
                .param("now", ts(now)).update(key, "id");
        return key.getKey().longValue();
    }

    void decided(long id, String next, String by, Instant at, String note) {
        jdbc.sql("update access_channel set status = :next, approved_by = :by, approved_at = :now, decision_reason = :note where id = :id")
                .param("next", next).param("by", by).param("now", ts(at)).param("note", note).param("id", id).update();
    }

    void regulatorDecided(long id, String next, String by, Instant at, String reason) {
        jdbc.sql("update access_channel set status = :next, regulator_by = :by, regulator_at = :now, decision_reason = coalesce(:note, decision_reason) "
                + "where id = :id").param("next", next).param("by", by).param("now", ts(at)).param("note", reason).param("id", id).update();
    }

    void opened(long id, String by, Instant at) {
        jdbc.sql("update access_channel set status = 'OPEN', opened_by = :by, opened_at = :now where id = :id").param("by", by)
                .param("now", ts(at)).param("id", id).update();
    }

    void closed(long id, String by, Instant at) {
        jdbc.sql("update access_channel set status = 'CLOSED', closed_by = :by, closed_at = :now where id = :id").param("by", by)
                .param("now", ts(at)).param("id", id).update();
    }

    /** Stores the credential's hash unless one was issued already; whether this call issued it (A9.3: shown once). */
    boolean issueCredential(long id, String hash, Instant at) {
        return jdbc.sql("update access_channel set credential_hash = :h, credential_shown_at = :now where id = :id "
                        + "and credential_hash is null and status = 'OPEN'").param("h", hash).param("now", ts(at)).param("id", id).update() == 1;
    }

    /** Consumes the credential inside the window of an open channel: of concurrent calls on any node exactly one gets 1. */
    int consume(String hash, String from, Instant now) {
        return jdbc.sql("update access_channel set consumed_at = :now, consumed_from = :from where credential_hash = :h "
                        + "and consumed_at is null and status = 'OPEN' and starts_at <= :now and ends_at > :now")
                .param("now", ts(now)).param("from", from).param("h", hash).update();
    }

    Optional<Channel> byCredential(String hash) {
        return jdbc.sql("select * from access_channel where credential_hash = :h").param("h", hash).query(this::map).optional();
    }

    /**
     * Issue 23 point 11: one page of the channels the actor may see — a unit its own; the provider its own requests and
     * every unit's channel once approved (it opens them and watches the open ones); supervisor and regulators all —
     * narrowed by the filter (state = the state shown).
     */
    Page<Channel> search(Actor actor, ListFilter f) {
        return listing(actor, f).page(jdbc, "access_channel c", "c.id", f, this::map);
    }

    /** Every channel the filter matches, for the export, {@code pageSize} rows a query. */
    void each(Actor actor, ListFilter f, int pageSize, Consumer<Channel> row) {
        listing(actor, f).each(jdbc, "select * from access_channel c", "c.id", pageSize, this::map, Channel::id, row);
    }

    /**
     * The filter as SQL. USED and EXPIRED are not stored: an open channel is used once its credential was consumed and
     * expired once its window is over ({@link Channel#effectiveStatus()}), so those states are asked of the columns.
     */
    private Listing listing(Actor actor, ListFilter f) {
        Object now = ts(clock.instant());
        Listing l = new Listing(scope(actor), scopeParams(actor))
                .keyword(f, List.of("c.purpose", "c.operations", "c.accounts", "c.operator_name", "c.requested_by"))
                .and("c.org_id = :unit", "unit", f.unit())
                .due(f.due(), "c.ends_at", now, ts(clock.instant().plus(Duration.ofDays(7))));
        String state = f.state();
        if (state == null) {
            return l;
        }
        return switch (state) {
            case "EXPIRED" -> l.and(true, "c.status = 'OPEN' and c.ends_at <= :stateNow", Map.of("stateNow", now));
            case "USED" -> l.and(true, "c.status = 'OPEN' and c.consumed_at is not null and c.ends_at > :stateNow", Map.of("stateNow", now));
            case "OPEN" -> l.and(true, "c.status = 'OPEN' and c.consumed_at is null and c.ends_at > :stateNow", Map.of("stateNow", now));
            default -> l.and("c.status = :state", "state", state);
        };
    }

    Channel visible(long id, Actor actor) {
        Map<String, Object> params = new HashMap<>(scopeParams(actor));
        params.put("id", id);
        return jdbc.sql("select * from access_channel c where c.id = :id and " + scope(actor)).params(params).query(this::map).optional()
                .orElseThrow(() -> new NotFound("channel " + id));
    }

    /** The channel the actor may see, its row locked for the transaction: decisions on one channel are serialised (a double click, two officers). */
    Channel locked(long id, Actor actor) {
        Channel c = visible(id, actor);
        jdbc.sql("select id from access_channel where id = :id for update").param("id", id).query(Long.class).single();
        return jdbc.sql("select * from access_channel where id = :id").param("id", id).query(this::map).optional().orElse(c);
    }

    private static String scope(Actor actor) {
        if (actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR) {
            return "1=1";
        }
        if (actor.orgKind() == OrgKind.PROVIDER) {
            return "(c.org_id = :scopeOrgId or (c.kind = 'SYSTEM' and c.status not in ('REQUESTED')))";
        }
        return "c.org_id = :scopeOrgId";
    }

    private static Map<String, Object> scopeParams(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR ? Map.of() : Map.of("scopeOrgId", actor.orgId());
    }

    private Channel map(ResultSet rs, int row) throws SQLException {
        long system = rs.getLong("system_id");
        Long systemId = rs.wasNull() ? null : system;
        Instant ends = instant(rs, "ends_at");
        return new Channel(rs.getLong("id"), rs.getString("kind"), rs.getLong("org_id"), systemId, rs.getString("purpose"),
                rs.getString("operations"), rs.getString("accounts"), rs.getString("channel_type"), rs.getString("operator_name"),
                instant(rs, "starts_at"), ends, rs.getBoolean("long_term"), rs.getString("status"), rs.getString("requested_by"),
                rs.getLong("requested_by_id"), instant(rs, "requested_at"), rs.getString("approved_by"), instant(rs, "approved_at"),
                rs.getString("regulator_by"), instant(rs, "regulator_at"), rs.getString("decision_reason"), rs.getString("opened_by"),
                instant(rs, "opened_at"), rs.getString("credential_hash") != null, instant(rs, "credential_shown_at"),
                instant(rs, "consumed_at"), rs.getString("consumed_from"), rs.getString("closed_by"), instant(rs, "closed_at"),
                !clock.instant().isBefore(ends));
    }
}
