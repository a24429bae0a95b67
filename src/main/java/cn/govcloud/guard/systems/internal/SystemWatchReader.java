package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.systems.SystemWatch;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Component;

/** The system register's answer to {@link SystemWatch}, read from its own tables. */
@Transactional(readOnly = true)
@Component
class SystemWatchReader implements SystemWatch {
    private final JdbcClient jdbc;

    SystemWatchReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<SystemRef> awaitingAdmission() {
        return jdbc.sql("select id, org_id, name, mlps_level, state from systems_system "
                        + "where state in ('AWAITING_AGREEMENT','AWAITING_VERIFICATION') order by updated_at, id")
                .query((rs, n) -> new SystemRef(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"), rs.getInt("mlps_level"),
                        rs.getString("state"))).list();
    }

    @Override
    public List<Expiring> expiringBy(LocalDate until) {
        List<Expiring> out = new ArrayList<>();
        out.addAll(jdbc.sql("select s.id, s.org_id, s.name, i.cert_number, i.valid_until from systems_verification_item i "
                        + "join systems_system s on s.id = i.system_id where i.kind = 'MLPS_CERTIFICATE' and i.valid_until is not null "
                        + "and i.valid_until <= :until and s.state <> 'EXITED'")
                .param("until", until)
                .query((rs, n) -> new Expiring(rs.getLong(1), rs.getLong(2), rs.getString(3), "MLPS_CERTIFICATE",
                        rs.getString(4) == null ? "" : rs.getString(4), rs.getObject(5, LocalDate.class))).list());
        out.addAll(jdbc.sql("select s.id, s.org_id, s.name, c.name, c.expires_on from systems_contractor c "
                        + "join systems_system s on s.id = c.system_id where c.expires_on is not null and c.expires_on <= :until "
                        + "and s.state <> 'EXITED'")
                .param("until", until)
                .query((rs, n) -> new Expiring(rs.getLong(1), rs.getLong(2), rs.getString(3), "CONTRACTOR_AGREEMENT", rs.getString(4),
                        rs.getObject(5, LocalDate.class))).list());
        out.sort(Comparator.comparing(Expiring::validUntil).thenComparing(Expiring::systemId));
        return out;
    }
}
