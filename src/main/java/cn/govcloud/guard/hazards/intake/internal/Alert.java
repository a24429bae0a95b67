package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.instant;
import static cn.govcloud.guard.hazards.intake.internal.Columns.nullableInt;
import static cn.govcloud.guard.hazards.intake.internal.Columns.nullableLong;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** An alert as the lists, pages and API show it: a Suricata group (flow and signature in a window) or one generic alert. */
public record Alert(long id, String source, String title, String category, String severity, String srcIp, Integer srcPort, String destIp,
                    Integer destPort, String proto, Long flowId, String communityId, Long signatureId, String address, String detail,
                    Instant firstAt, Instant lastAt, int count, Long systemId, String systemName, Long orgId, String state,
                    Instant receivedAt, String receivedBy, String triagedBy, Instant triagedAt, String dismissReason, Long hazardId) {

    Alert named(String name) {
        return new Alert(id, source, title, category, severity, srcIp, srcPort, destIp, destPort, proto, flowId, communityId, signatureId, address,
                detail, firstAt, lastAt, count, systemId, name, orgId, state, receivedAt, receivedBy, triagedBy, triagedAt, dismissReason, hazardId);
    }

    static Alert of(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getString("source"), rs.getString("title"), rs.getString("category"), rs.getString("severity"),
                rs.getString("src_ip"), nullableInt(rs, "src_port"), rs.getString("dest_ip"), nullableInt(rs, "dest_port"), rs.getString("proto"),
                nullableLong(rs, "flow_id"), rs.getString("community_id"), nullableLong(rs, "signature_id"), rs.getString("address"),
                rs.getString("detail"), instant(rs, "first_at"), instant(rs, "last_at"), rs.getInt("event_count"), nullableLong(rs, "system_id"),
                null, nullableLong(rs, "org_id"), rs.getString("state"), instant(rs, "received_at"), rs.getString("received_by"),
                rs.getString("triaged_by"), instant(rs, "triaged_at"), rs.getString("dismiss_reason"), nullableLong(rs, "hazard_id"));
    }
}
