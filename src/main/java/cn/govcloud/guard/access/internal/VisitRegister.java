package cn.govcloud.guard.access.internal;

import static cn.govcloud.guard.access.internal.Columns.instant;

import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Issue 22 point 5: the on-site visits (A9.1) one row per named visitor, for the Excel register: one join a page
 * (keyset on the visitor, {@code limit}), never a query per visit, and the visits each reader may see as on /access/visits
 * (a unit its own). Visitors' ID-card and mobile numbers come masked, except for the two who check them against the
 * person at the door: the owning unit's security officer (who issued the letter) and the provider's operator (who
 * escorts and signs the visitor in). They get the sealed numbers opened; the export says so and is audited as unmasked.
 */
@Service
public class VisitRegister {

    public record Row(long visitId, long orgId, long systemId, String letterNumber, String purpose, LocalDate validFrom, LocalDate validUntil,
                      String status, String escort, Instant signedInAt, Instant signedOutAt, String recordedBy, String realName,
                      String idNumber, String mobile) {
    }

    private final JdbcClient jdbc;
    private final FieldEncryption fields;

    VisitRegister(JdbcClient jdbc, FieldEncryption fields) {
        this.jdbc = jdbc;
        this.fields = fields;
    }

    /** Whether {@code actor} sees visitors' ID-card and mobile numbers in full (see the class comment). */
    public static boolean seesFullNumbers(Actor actor) {
        return actor.has(Role.UNIT_SECURITY_OFFICER) || actor.has(Role.PROVIDER_OPERATOR);
    }

    /** Every visitor row the actor may see, newest first, {@code pageSize} rows a query. */
    public void each(Actor actor, int pageSize, Consumer<Row> row) {
        boolean full = seesFullNumbers(actor);
        boolean unit = actor.orgKind() == OrgKind.UNIT;
        Long before = null;
        while (true) {
            Map<String, Object> params = new HashMap<>();
            StringBuilder sql = new StringBuilder("""
                    select v.id visit_id, v.org_id, v.system_id, v.letter_number, v.purpose, v.valid_from, v.valid_until, v.status, v.escort,
                           v.signed_in_at, v.signed_out_at, v.recorded_by, p.id visitor_id, p.real_name, p.id_number_masked, p.mobile_masked,
                           p.id_number_sealed, p.mobile_sealed
                    from access_visitor p join access_visit v on v.id = p.visit_id where 1=1""");
            if (unit) {
                sql.append(" and v.org_id = :scopeOrgId");
                params.put("scopeOrgId", actor.orgId());
            }
            if (before != null) {
                sql.append(" and p.id < :before");
                params.put("before", before);
            }
            sql.append(" order by p.id desc limit :limit");
            params.put("limit", pageSize);
            long[] last = {-1};
            int[] count = {0};
            List<Row> page = jdbc.sql(sql.toString()).params(params).query((rs, i) -> {
                last[0] = rs.getLong("visitor_id");
                count[0]++;
                String id = full && rs.getString("id_number_sealed") != null ? fields.open(Visits.ID_CONTEXT, rs.getString("id_number_sealed"))
                        : rs.getString("id_number_masked");
                String mobile = full && rs.getString("mobile_sealed") != null ? fields.open(Visits.MOBILE_CONTEXT, rs.getString("mobile_sealed"))
                        : rs.getString("mobile_masked");
                return new Row(rs.getLong("visit_id"), rs.getLong("org_id"), rs.getLong("system_id"), rs.getString("letter_number"),
                        rs.getString("purpose"), rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                        rs.getString("status"), rs.getString("escort"), instant(rs, "signed_in_at"), instant(rs, "signed_out_at"),
                        rs.getString("recorded_by"), rs.getString("real_name"), id, mobile);
            }).list();
            page.forEach(row);
            if (count[0] < pageSize) {
                return;
            }
            before = last[0];
        }
    }
}
