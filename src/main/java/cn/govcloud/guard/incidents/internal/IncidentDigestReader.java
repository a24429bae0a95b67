package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.incidents.IncidentDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The incidents module's answer to {@link IncidentDigest}: one query over its own table. */
@Component
@Transactional(readOnly = true)
class IncidentDigestReader implements IncidentDigest {
    private final JdbcClient jdbc;

    IncidentDigestReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RecentIncident> openOrConfirmedSince(Instant since, int limit) {
        return jdbc.sql("select id, org_id, system_id, title, grade, status, confirmed_at from incidents_incident "
                        + "where status <> 'RESOLVED' or confirmed_at >= :since order by confirmed_at desc, id desc limit :limit")
                .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC)).param("limit", limit)
                .query((rs, n) -> {
                    long system = rs.getLong("system_id");
                    Long systemId = rs.wasNull() ? null : system;
                    return new RecentIncident(rs.getLong("id"), rs.getLong("org_id"), systemId, rs.getString("title"), rs.getString("grade"),
                            rs.getString("status"), rs.getObject("confirmed_at", OffsetDateTime.class).toInstant());
                }).list();
    }
}
