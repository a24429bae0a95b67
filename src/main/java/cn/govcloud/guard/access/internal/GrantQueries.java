package cn.govcloud.guard.access.internal;

import static cn.govcloud.guard.access.internal.Columns.instant;
import static cn.govcloud.guard.access.internal.Columns.ts;

import cn.govcloud.guard.access.internal.DataAccessGrants.Access;
import cn.govcloud.guard.access.internal.DataAccessGrants.Grant;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data-access grants and the accesses under them as their readers see them (A8.1, issue 23 point 11), split from
 * {@link DataAccessGrants}, which changes them: a unit its own systems', the provider its own requests, the supervisor and
 * the regulators all.
 */
@Service
public class GrantQueries {
    private final JdbcClient jdbc;
    private final Clock clock;

    GrantQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The states a grant list filters by. A unit sees its own systems' grants; the provider its requests; supervisor and regulators all. */
    public static final List<String> STATES = List.of("REQUESTED", "GRANTED", "REFUSED", "REVOKED");

    /** Issue 23 point 11: one page of the grants the actor may see, narrowed by keyword, unit, state and the end of the grant's window. */
    @Transactional(readOnly = true)
    public Page<Grant> search(Actor actor, ListFilter filter) {
        return listing(actor, filter).page(jdbc, "access_grant g", "g.id", filter, this::map);
    }

    /** Every grant {@link #search} matches, for the export, {@code pageSize} rows a query. */
    @Transactional(readOnly = true)
    public void each(Actor actor, ListFilter filter, int pageSize, Consumer<Grant> row) {
        listing(actor, filter).each(jdbc, "select * from access_grant g", "g.id", pageSize, this::map, Grant::id, row);
    }

    private Listing listing(Actor actor, ListFilter f) {
        Instant now = clock.instant();
        return new Listing(scope(actor, "g"), params(actor))
                .keyword(f, List.of("g.purpose", "g.requested_by", "g.decided_by"))
                .and("g.org_id = :unit", "unit", f.unit())
                .and("g.status = :state", "state", f.state())
                .due(f.due(), "g.ends_at", ts(now), ts(now.plus(java.time.Duration.ofDays(7))));
    }

    @Transactional(readOnly = true)
    public Grant visible(long id, Actor actor) {
        Map<String, Object> p = new HashMap<>(params(actor));
        p.put("id", id);
        return jdbc.sql("select * from access_grant g where g.id = :id and " + scope(actor, "g")).params(p).query(this::map).optional()
                .orElseThrow(() -> new NotFound("grant " + id));
    }

    @Transactional(readOnly = true)
    public List<Access> accesses(Actor actor) {
        return jdbc.sql("select * from access_data_access g where " + scope(actor, "g") + " order by g.id desc").params(params(actor))
                .query((rs, i) -> {
                    long grant = rs.getLong("grant_id");
                    return new Access(rs.getLong("id"), rs.wasNull() ? null : grant, rs.getLong("org_id"), rs.getLong("system_id"),
                            rs.getLong("provider_org_id"), rs.getString("purpose"), rs.getString("actor"), rs.getString("detail"),
                            rs.getString("source"), instant(rs, "accessed_at"), rs.getBoolean("violation"));
                }).list();
    }

    private static String scope(Actor actor, String alias) {
        if (actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR) {
            return "1=1";
        }
        return (actor.orgKind() == OrgKind.PROVIDER ? alias + ".provider_org_id" : alias + ".org_id") + " = :scopeOrgId";
    }

    private static Map<String, Object> params(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR ? Map.of() : Map.of("scopeOrgId", actor.orgId());
    }

    private Grant map(ResultSet rs, int row) throws SQLException {
        Instant starts = instant(rs, "starts_at");
        Instant ends = instant(rs, "ends_at");
        Instant now = clock.instant();
        String status = rs.getString("status");
        return new Grant(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("system_id"), rs.getLong("provider_org_id"), rs.getString("purpose"),
                DataAccessGrants.parse(rs.getString("scope")), starts, ends, status, rs.getString("requested_by"), instant(rs, "requested_at"),
                rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("decision_reason"),
                "GRANTED".equals(status) && !now.isBefore(starts) && now.isBefore(ends));
    }
}
