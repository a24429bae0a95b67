package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.instant;
import static cn.govcloud.guard.hazards.intake.internal.Columns.nullableLong;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A scan finding as the lists, pages and API show it: one scanner's result for one plugin on one host and port. */
public record Finding(long id, String scanner, String pluginId, String host, String port, String hostname, String name, String severity,
                      Double score, List<String> cves, String detail, Long systemId, String systemName, Long orgId, String state,
                      Instant firstSeen, Instant lastSeen, int seenCount, String triagedBy, Instant triagedAt, String dismissReason,
                      Long hazardId) {

    Finding named(String name) {
        return new Finding(id, scanner, pluginId, host, port, hostname, this.name, severity, score, cves, detail, systemId, name, orgId, state,
                firstSeen, lastSeen, seenCount, triagedBy, triagedAt, dismissReason, hazardId);
    }

    static Finding of(ResultSet rs) throws SQLException {
        String cves = rs.getString("cves");
        java.math.BigDecimal score = rs.getBigDecimal("score");
        return new Finding(rs.getLong("id"), rs.getString("scanner"), rs.getString("plugin_id"), rs.getString("host"), rs.getString("port"),
                rs.getString("hostname"), rs.getString("name"), rs.getString("severity"), score == null ? null : score.doubleValue(),
                cves == null ? List.of() : Arrays.asList(cves.split(" ")), rs.getString("detail"), nullableLong(rs, "system_id"), null,
                nullableLong(rs, "org_id"), rs.getString("state"), instant(rs, "first_seen"), instant(rs, "last_seen"), rs.getInt("seen_count"),
                rs.getString("triaged_by"), instant(rs, "triaged_at"), rs.getString("dismiss_reason"), nullableLong(rs, "hazard_id"));
    }
}
