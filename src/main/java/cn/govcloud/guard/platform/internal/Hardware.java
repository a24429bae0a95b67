package cn.govcloud.guard.platform.internal;

import static cn.govcloud.guard.platform.internal.Fields.text;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgScope;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A5.1: the platform's hardware ({@code platform_device}) with whether each meets the 信创 rules, and the share by type. */
@Service
public class Hardware {
    public static final List<String> DEVICE_TYPES = List.of("SERVER", "NETWORK", "SECURITY", "STORAGE", "CRYPTO");

    public record Device(long id, String type, String vendor, String model, String role, String location, int quantity, boolean compliant,
                         String basis) {
    }

    public record NewDevice(String type, String vendor, String model, String role, String location, Integer quantity, Boolean compliant,
                            String basis) {
    }

    /** The 信创 share of one device type, counted in devices (quantity), not register lines. */
    public record Share(String type, long devices, long compliant) {
        public int percent() {
            return devices == 0 ? 0 : (int) Math.round(100.0 * compliant / devices);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PlatformClock clock;

    Hardware(JdbcClient jdbc, AuditLog audit, PlatformClock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Device addDevice(Actor by, NewDevice d) {
        Actor actor = Provider.require(by, "only the provider keeps the platform registers");
        Map<String, String> errors = new LinkedHashMap<>();
        if (d.type() == null || !DEVICE_TYPES.contains(d.type())) {
            errors.put("type", "platform.hw.error.type");
        }
        String vendor = text(errors, "vendor", d.vendor(), 200, true, "platform.hw.error.vendor");
        String model = text(errors, "model", d.model(), 200, true, "platform.hw.error.model");
        String role = text(errors, "role", d.role(), 300, true, "platform.hw.error.role");
        String location = text(errors, "location", d.location(), 200, true, "platform.hw.error.location");
        if (d.quantity() == null || d.quantity() < 1 || d.quantity() > 100_000) {
            errors.put("quantity", "platform.hw.error.quantity");
        }
        if (d.compliant() == null) {
            errors.put("compliant", "platform.hw.error.compliant");
        }
        // 信创: whether it meets the rules, "with the basis" — the basis is required when it does
        String basis = text(errors, "basis", d.basis(), 1000, Boolean.TRUE.equals(d.compliant()), "platform.hw.error.basis");
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.hw.error.invalid", errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_device (provider_org_id, type, vendor, model, role, location, quantity, compliant, basis, created_at, "
                        + "created_by) values (:org, :type, :vendor, :model, :role, :location, :qty, :ok, :basis, :at, :by)")
                .param("org", actor.orgId()).param("type", d.type()).param("vendor", vendor).param("model", model).param("role", role)
                .param("location", location).param("qty", d.quantity()).param("ok", d.compliant()).param("basis", basis)
                .param("at", clock.now()).param("by", actor.username()).update(key, "id");
        long id = key.getKey().longValue();
        audit.record(AuditEvent.success("platform.device.register", "device:" + id, d.type() + " " + vendor + " " + model + " x"
                + d.quantity() + " compliant=" + d.compliant()));
        return devices(actor).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Device> devices(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select * from platform_device d where " + scope.where("d.provider_org_id") + " order by d.type, d.vendor, d.model, d.id")
                .params(scope.params())
                .query((rs, i) -> new Device(rs.getLong("id"), rs.getString("type"), rs.getString("vendor"), rs.getString("model"),
                        rs.getString("role"), rs.getString("location"), rs.getInt("quantity"), rs.getBoolean("compliant"), rs.getString("basis")))
                .list();
    }

    /** The 信创 share by device type (every type listed, zero when none registered). */
    @Transactional(readOnly = true)
    public List<Share> shares(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, long[]> byType = new LinkedHashMap<>();
        DEVICE_TYPES.forEach(t -> byType.put(t, new long[2]));
        jdbc.sql("select d.type, sum(d.quantity) as n, sum(case when d.compliant then d.quantity else 0 end) as ok from platform_device d where "
                        + scope.where("d.provider_org_id") + " group by d.type").params(scope.params())
                .query((ResultSet rs) -> {
                    long[] v = byType.get(rs.getString("type"));
                    v[0] = rs.getLong("n");
                    v[1] = rs.getLong("ok");
                });
        List<Share> shares = new ArrayList<>();
        byType.forEach((t, v) -> shares.add(new Share(t, v[0], v[1])));
        return shares;
    }
}
