package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.WorkOrderQueries.Pending;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Component;

/**
 * The provider's read-only view of the register's metadata (issue 17 point 6): what it needs to run the firewalls and
 * carry out work orders — name, unit, level, exposure, addresses, state and switches — and nothing of the unit's data,
 * agreements, documents, people or duties: those stay behind the unit's grant (A8.1). Reads only these columns.
 */
@Transactional(readOnly = true)
@Component
public class SystemRegister {

    /** One system as the provider sees it. */
    public record Entry(long id, String name, long unitId, String unitName, int mlpsLevel, Set<Exposure> exposure, List<String> addresses,
                        SystemState state, boolean internetAccess, boolean externalExchange, boolean internetAccessPending,
                        boolean externalExchangePending, LocalDate exitDeadline) {
    }

    /** Filters; null means any. {@code name} matches part of the name. */
    public record Filter(Long unitId, Integer mlpsLevel, SystemState state, Exposure exposure, String name) {
    }

    private final JdbcClient jdbc;
    private final OrganisationDirectory organisations;
    private final WorkOrderQueries orders;

    SystemRegister(JdbcClient jdbc, OrganisationDirectory organisations, WorkOrderQueries orders) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.orders = orders;
    }

    /** One page, newest first (keyset on id), for the provider: registered drafts are the unit's own business and left out. */
    public List<Entry> page(Actor actor, Filter f, Long beforeId, int limit) {
        if (!actor.has(Role.PROVIDER_OPERATOR) || actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("the register view is the provider's");
        }
        KeysetQuery query = new KeysetQuery("select id, org_id, name, mlps_level, exposure, state, internet_access, external_exchange, "
                + "exit_deadline from systems_system where state not in ('DRAFT')")
                .equal("org_id", "org", f.unitId()).equal("mlps_level", "level", f.mlpsLevel()).equal("state", "state", f.state())
                .exposure("exposure", f.exposure()).nameContains("name", f.name());
        record Row(long id, long org, String name, int level, Set<Exposure> exposure, SystemState state, boolean internet, boolean exchange,
                   LocalDate exit) {
        }
        List<Row> rows = query.page(jdbc, "id", beforeId, limit, (rs, i) -> {
            Set<Exposure> exposure = EnumSet.noneOf(Exposure.class);
            for (String e : rs.getString("exposure").split(",")) {
                if (!e.isBlank()) {
                    exposure.add(Exposure.valueOf(e));
                }
            }
            return new Row(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"), rs.getInt("mlps_level"), exposure,
                    SystemState.valueOf(rs.getString("state")), rs.getBoolean("internet_access"), rs.getBoolean("external_exchange"),
                    rs.getObject("exit_deadline", LocalDate.class));
        });
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<String>> addresses = new HashMap<>();
        jdbc.sql("select system_id, address from systems_asset where system_id in (:ids) order by system_id, id").param("ids", ids)
                .query((rs, i) -> addresses.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2))).list();
        Map<Long, Pending> pending = orders.pending(ids);
        Map<Long, String> names = organisations.all().stream()
                .collect(Collectors.toMap(OrganisationView::id, OrganisationView::name, (a, b) -> a));
        return rows.stream().map(r -> {
            Pending p = pending.getOrDefault(r.id(), Pending.NONE);
            return new Entry(r.id(), r.name(), r.org(), names.getOrDefault(r.org(), String.valueOf(r.org())), r.level(), r.exposure(),
                    addresses.getOrDefault(r.id(), List.of()), r.state(), r.internet(), r.exchange(), p.internetAccessPending(),
                    p.externalExchangePending(), r.exit());
        }).toList();
    }

    /** The units a filter may name. */
    public List<OrganisationView> units() {
        return organisations.ofKind(OrgKind.UNIT);
    }
}
