package cn.govcloud.guard.systems.inventory.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.inventory.AssetInventory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The asset and exposure inventory of each hosted system (A7.1, A10.1; issue 22 point 1). The system's unit keeps it (its
 * own systems only); whoever may read the system reads it — the supervisor and the regulators all, the provider under the
 * unit's data-access grant (A8.1, {@link SystemQueries#readable}). Every change is audited.
 */
@Service
public class Assets implements AssetInventory {
    private final JdbcClient jdbc;
    private final SystemQueries systems;
    private final AuditLog audit;
    private final Clock clock;

    Assets(JdbcClient jdbc, SystemQueries systems, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- reads -------------------------------------------------------------------------------

    /** The system if the actor may read it (404 otherwise). */
    public HostedSystem system(long systemId, Actor actor) {
        return systems.readable(systemId, actor);
    }

    /** A system's inventory by kind, then as entered. Not read-only: the provider's read is recorded as a data access (A8.1). */
    @Transactional
    public List<Asset> list(long systemId, Actor actor) {
        systems.readable(systemId, actor);
        return ofSystem(systemId);
    }

    /** Whether the actor keeps this system's inventory: a unit's people, their own system, not yet exited. */
    public boolean mayEdit(HostedSystem system, Actor actor) {
        return actor.isUnitUser() && actor.orgId() == system.orgId() && system.state() != SystemState.EXITED;
    }

    List<Asset> ofSystem(long systemId) {
        return jdbc.sql("select * from systems_inventory where system_id = :s order by case kind when 'HOST' then 1 when 'NAT' then 2 "
                        + "when 'PORT' then 3 when 'DOMAIN' then 4 else 5 end, id")
                .param("s", systemId).query((rs, i) -> of(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        jdbc.sql("select a.*, s.org_id from systems_inventory a join systems_system s on s.id = a.system_id where s.state <> 'EXITED' order by a.id")
                .query(rs -> {
                    Asset a = of(rs);
                    long org = rs.getLong("org_id");
                    switch (a.kind()) {
                        case NAT, PORT -> {
                            if (a.publicAddress() != null && a.publicPort() != null) {
                                out.add(new Endpoint(a.systemId(), org, a.kind().name(), a.publicAddress(), a.publicPort(), a.protocol()));
                            }
                            if (a.address() != null && a.port() != null) {
                                out.add(new Endpoint(a.systemId(), org, a.kind().name(), a.address(), a.port(), a.protocol()));
                            }
                        }
                        case HOST, MIDDLEWARE -> {
                            if (a.address() != null) {
                                out.add(new Endpoint(a.systemId(), org, a.kind().name(), a.address(), null, null));
                            }
                        }
                        case DOMAIN -> out.add(new Endpoint(a.systemId(), org, a.kind().name(), a.name(), null, null));
                        default -> { }
                    }
                });
        return out;
    }

    // ---- changes (the unit, its own systems) --------------------------------------------------

    @Transactional
    public Asset add(long systemId, AssetCheck.Input input) {
        HostedSystem system = editable(systemId);
        Asset a = checked(input, systemId);
        long id = insert(a, clock.instant(), Actor.require().username());
        audit.record(AuditEvent.success("systems.asset.add", "system:" + system.id(), "asset:" + id + " " + a.describe()));
        return get(systemId, id);
    }

    @Override
    @Transactional
    public long add(long systemId, NewAsset a) {
        return add(systemId, new AssetCheck.Input(a.kind(), a.name(), a.product(), a.version(), a.address(), a.port() == null ? null : a.port().toString(),
                a.publicAddress(), a.publicPort() == null ? null : a.publicPort().toString(), a.protocol(), a.service(), a.icpNumber(),
                a.remarks())).id();
    }

    @Transactional
    public Asset update(long systemId, long assetId, AssetCheck.Input input) {
        editable(systemId);
        Asset a = checked(input, systemId);
        Asset before = get(systemId, assetId);
        jdbc.sql("update systems_inventory set kind = :kind, name = :name, product = :product, version = :version, address = :address, port = :port, "
                        + "public_address = :pa, public_port = :pp, protocol = :protocol, service = :service, icp_number = :icp, remarks = :remarks, "
                        + "updated_at = :at, updated_by = :by where id = :id and system_id = :s")
                .params(params(a, clock.instant(), Actor.require().username())).param("id", assetId).param("s", systemId).update();
        audit.record(AuditEvent.success("systems.asset.update", "system:" + systemId, "asset:" + assetId + " " + before.describe() + " => "
                + a.describe()));
        return get(systemId, assetId);
    }

    @Transactional
    public void delete(long systemId, long assetId) {
        editable(systemId);
        Asset before = get(systemId, assetId);
        jdbc.sql("delete from systems_inventory where id = :id and system_id = :s").param("id", assetId).param("s", systemId).update();
        audit.record(AuditEvent.success("systems.asset.delete", "system:" + systemId, "asset:" + assetId + " " + before.describe()));
    }

    /** The import (all rows checked before): the workbook is the system's whole inventory and replaces it. */
    @Transactional
    public int replaceAll(long systemId, List<Asset> rows, String filename) {
        editable(systemId);
        int removed = jdbc.sql("delete from systems_inventory where system_id = :s").param("s", systemId).update();
        Instant now = clock.instant();
        String by = Actor.require().username();
        for (Asset a : rows) {
            insert(a, now, by);
        }
        audit.record(AuditEvent.success("systems.asset.import", "system:" + systemId, rows.size() + " rows imported from "
                + (filename == null ? "a workbook" : filename) + ", " + removed + " replaced"));
        return rows.size();
    }

    public Asset get(long systemId, long assetId) {
        return jdbc.sql("select * from systems_inventory where id = :id and system_id = :s").param("id", assetId).param("s", systemId)
                .query((rs, i) -> of(rs)).optional().orElseThrow(() -> new NotFound("asset " + assetId));
    }

    /** The system if the actor keeps its inventory: 404 when they may not see it, 403 for readers, 409 once it exited. */
    HostedSystem editable(long systemId) {
        Actor actor = Actor.require();
        if (!actor.isUnitUser()) {
            throw new AccessDeniedException("a unit keeps its own systems' inventory (A7.1)");
        }
        HostedSystem system = systems.visible(systemId, actor);
        if (system.state() == SystemState.EXITED) {
            throw new RuleViolation("A7.1", "系统已退出政务云，资产清单不再变更 (the system has left the platform)");
        }
        return system;
    }

    private static Asset checked(AssetCheck.Input input, long systemId) {
        AssetCheck.Checked c = AssetCheck.check(input, systemId);
        if (!c.ok()) {
            throw new InvalidInput("systems.assets.error.invalid", c.errors());
        }
        return c.asset();
    }

    private long insert(Asset a, Instant at, String by) {
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into systems_inventory (system_id, kind, name, product, version, address, port, public_address, public_port, protocol, "
                        + "service, icp_number, remarks, updated_at, updated_by) values (:s, :kind, :name, :product, :version, :address, :port, :pa, "
                        + ":pp, :protocol, :service, :icp, :remarks, :at, :by)")
                .params(params(a, at, by)).param("s", a.systemId()).update(key, "id");
        return key.getKey().longValue();
    }

    private static java.util.Map<String, Object> params(Asset a, Instant at, String by) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("kind", a.kind().name());
        p.put("name", a.name());
        p.put("product", a.product());
        p.put("version", a.version());
        p.put("address", a.address());
        p.put("port", a.port());
        p.put("pa", a.publicAddress());
        p.put("pp", a.publicPort());
        p.put("protocol", a.protocol());
        p.put("service", a.service());
        p.put("icp", a.icpNumber());
        p.put("remarks", a.remarks());
        p.put("at", at.atOffset(ZoneOffset.UTC));
        p.put("by", by);
        return p;
    }

    private static Asset of(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("updated_at", OffsetDateTime.class);
        return new Asset(rs.getLong("id"), rs.getLong("system_id"), AssetKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getString("product"), rs.getString("version"), rs.getString("address"), rs.getObject("port", Integer.class),
                rs.getString("public_address"), rs.getObject("public_port", Integer.class), rs.getString("protocol"), rs.getString("service"),
                rs.getString("icp_number"), rs.getString("remarks"), at == null ? null : at.toInstant(), rs.getString("updated_by"));
    }
}
