package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.shared.ListFilter;
import static cn.govcloud.guard.access.internal.Columns.instant;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 22 point 5: the on-site visits (A9.1) one row per named visitor, for the Excel register: one join a page
 * (keyset on the visitor, {@code limit}), never a query per visit, and the visits each reader may see as on /access/visits
 * (a unit its own). Visitors' ID-card and mobile numbers come masked, except for the two who check them against the
 * person at the door: the owning unit's security officer (who issued the letter) and the provider's operator (who
 * escorts and signs the visitor in). They get the sealed numbers opened; the export says so and is audited as unmasked.
 */
@Service
public class VisitRegister {

    public record Row(long visitId, long visitorId, long orgId, long systemId, String letterNumber, String purpose, LocalDate validFrom,
                      LocalDate validUntil, String status, String escort, Instant signedInAt, Instant signedOutAt, String recordedBy,
                      String realName, String idNumber, String mobile) {
    }

    private final JdbcClient jdbc;
    private final FieldEncryption fields;
    private final Clock clock;

    VisitRegister(JdbcClient jdbc, FieldEncryption fields, Clock clock) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.clock = clock;
    }

    /** Whether {@code actor} sees visitors' ID-card and mobile numbers in full (see the class comment). */
    public static boolean seesFullNumbers(Actor actor) {
        return actor.has(Role.UNIT_SECURITY_OFFICER) || actor.has(Role.PROVIDER_OPERATOR);
    }

    /** Every visitor row of the visits the filter matches on /access/visits (issue 23 point 11), newest first, {@code pageSize} rows a query. */
    @Transactional(readOnly = true)
    public void each(Actor actor, ListFilter filter, int pageSize, Consumer<Row> row) {
        boolean full = seesFullNumbers(actor);
        Visits.listing(actor, filter, LocalDate.now(clock.withZone(WorkingCalendar.ZONE))).each(jdbc, """
                select v.id visit_id, v.org_id, v.system_id, v.letter_number, v.purpose, v.valid_from, v.valid_until, v.status, v.escort,
                       v.signed_in_at, v.signed_out_at, v.recorded_by, p.id visitor_id, p.real_name, p.id_number_masked, p.mobile_masked,
                       p.id_number_sealed, p.mobile_sealed
                from access_visitor p join access_visit v on v.id = p.visit_id""", "p.id", pageSize, (rs, i) -> {
            String id = full && rs.getString("id_number_sealed") != null ? fields.open(Visits.ID_CONTEXT, rs.getString("id_number_sealed"))
                    : rs.getString("id_number_masked");
            String mobile = full && rs.getString("mobile_sealed") != null ? fields.open(Visits.MOBILE_CONTEXT, rs.getString("mobile_sealed"))
                    : rs.getString("mobile_masked");
            return new Row(rs.getLong("visit_id"), rs.getLong("visitor_id"), rs.getLong("org_id"), rs.getLong("system_id"),
                    rs.getString("letter_number"), rs.getString("purpose"), rs.getObject("valid_from", LocalDate.class),
                    rs.getObject("valid_until", LocalDate.class), rs.getString("status"), rs.getString("escort"), instant(rs, "signed_in_at"),
                    instant(rs, "signed_out_at"), rs.getString("recorded_by"), rs.getString("real_name"), id, mobile);
        }, Row::visitorId, row);
    }
}
