package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.systems.internal.WorkOrders.Filter;
import cn.govcloud.guard.systems.internal.WorkOrders.Kind;
import cn.govcloud.guard.systems.internal.WorkOrders.State;
import cn.govcloud.guard.systems.internal.WorkOrders.WorkOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Component;

/** The reads of {@link WorkOrders}: one query per page, the system's name and unit joined in, never one query per row. */
@Transactional(readOnly = true)
@Component
public class WorkOrderQueries {
    private static final String SELECT = "select w.*, s.name as system_name from systems_work_order w join systems_system s on s.id = w.system_id";

    /** The switches an open order is still to set on one system (issue 17 point 6: "ordered, awaiting execution"). */
    public record Pending(Boolean internetAccess, Boolean externalExchange, int openOrders) {
        public static final Pending NONE = new Pending(null, null, 0);

        public boolean internetAccessPending() {
            return internetAccess != null;
        }

        public boolean externalExchangePending() {
            return externalExchange != null;
        }
    }

    private final JdbcClient jdbc;
    private final OrganisationDirectory organisations;
    private final Clock clock;

    WorkOrderQueries(JdbcClient jdbc, OrganisationDirectory organisations, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.clock = clock;
    }

    WorkOrder get(long id) {
        return find(id).orElseThrow();
    }

    Optional<WorkOrder> find(long id) {
        Map<Long, String> names = names();
        Instant now = clock.instant();
        return jdbc.sql(SELECT + " where w.id = :id").param("id", id).query((rs, i) -> map(rs, names, now)).optional();
    }

    /** {@code scopeOrg}: null for every unit's orders, otherwise only that organisation's systems'. */
    List<WorkOrder> page(Long scopeOrg, Filter f, Long beforeId, int limit) {
        KeysetQuery query = new KeysetQuery(SELECT + " where 1=1").equal("w.org_id", "scope", scopeOrg)
                .equal("w.system_id", "system", f.systemId()).equal("w.org_id", "org", f.orgId()).equal("w.kind", "kind", f.kind());
        if (f.state() != null) {
            switch (f.state()) {
                case CONFIRMED -> query.and("w.state = 'CONFIRMED'", Map.of());
                case OPEN -> query.and("w.state = 'OPEN' and w.due_at > :now", "now", ts(clock.instant()));
                case OVERDUE -> query.and("w.state = 'OPEN' and w.due_at <= :now", "now", ts(clock.instant()));
            }
        }
        if (Keywords.contains(f.q()) != null) {
            String number = f.q().strip().toUpperCase(java.util.Locale.ROOT).replaceFirst("^GD-", "");
            String q = Keywords.contains(f.q());
            if (number.matches("\\d{1,18}")) {
                query.and("(lower(s.name)" + Keywords.LIKE + " or w.id = :number)", Map.of("q", q, "number", Long.parseLong(number)));
            } else {
                query.and("lower(s.name)" + Keywords.LIKE, "q", q);
            }
        }
        Map<Long, String> names = names();
        Instant now = clock.instant();
        return query.page(jdbc, "w.id", beforeId, limit, (rs, i) -> map(rs, names, now));
    }

    /** Per system, what its open orders are still to set (the latest order for a switch wins); systems without open orders are left out. */
    public Map<Long, Pending> pending(Collection<Long> systemIds) {
        if (systemIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Pending> result = new HashMap<>();
        jdbc.sql("select system_id, internet_access, external_exchange from systems_work_order where state = 'OPEN' and system_id in (:ids) "
                        + "order by system_id, id")
                .param("ids", List.copyOf(new java.util.LinkedHashSet<>(systemIds)))
                .query((rs, i) -> {
                    long system = rs.getLong(1);
                    Boolean internet = (Boolean) rs.getObject(2);
                    Boolean exchange = (Boolean) rs.getObject(3);
                    Pending before = result.getOrDefault(system, Pending.NONE);
                    result.put(system, new Pending(internet != null ? internet : before.internetAccess(),
                            exchange != null ? exchange : before.externalExchange(), before.openOrders() + 1));
                    return system;
                }).list();
        return result;
    }

    public Pending pending(long systemId) {
        return pending(List.of(systemId)).getOrDefault(systemId, Pending.NONE);
    }

    private Map<Long, String> names() {
        return organisations.all().stream().collect(Collectors.toMap(OrganisationView::id, OrganisationView::name, (a, b) -> a));
    }

    private static WorkOrder map(ResultSet rs, Map<Long, String> names, Instant now) throws SQLException {
        long org = rs.getLong("org_id");
        Instant due = instant(rs, "due_at");
        State state = "CONFIRMED".equals(rs.getString("state")) ? State.CONFIRMED : now.isBefore(due) ? State.OPEN : State.OVERDUE;
        long duty = rs.getLong("duty_id");
        Long dutyId = rs.wasNull() ? null : duty;
        long doc = rs.getLong("evidence_document_id");
        Long docId = rs.wasNull() ? null : doc;
        return new WorkOrder(rs.getLong("id"), rs.getLong("system_id"), rs.getString("system_name"), org,
                names.getOrDefault(org, String.valueOf(org)), Kind.valueOf(rs.getString("kind")), rs.getString("rule_id"),
                rs.getString("change_text"), (Boolean) rs.getObject("internet_access"), (Boolean) rs.getObject("external_exchange"),
                rs.getString("reason"), instant(rs, "ordered_at"), rs.getString("ordered_by"), dutyId, rs.getObject("due_date", LocalDate.class),
                due, rs.getBoolean("due_provisional"), state, rs.getString("executed_by"), instant(rs, "executed_at"),
                rs.getString("execution_note"), docId, instant(rs, "confirmed_at"), rs.getString("confirmed_by"));
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
