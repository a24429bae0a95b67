package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.duties.SubjectSource;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.systems.SystemDataGrades;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Admitted, running systems (admitted, suspended, ordered to exit) owe the per-system duties of
 * A7.2. Reads the tables itself: the duty engine needs it, and the service needs the engine.
 */
@Component
class SystemSubjects implements SubjectSource {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<SystemDataGrades> dataGrades;

    SystemSubjects(JdbcClient jdbc, Clock clock, ObjectProvider<SystemDataGrades> dataGrades) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dataGrades = dataGrades;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.SYSTEM;
    }

    @Override
    public List<Subject> subjects() {
        Map<Long, LocalDate> certDates = new HashMap<>();
        jdbc.sql("select system_id, cert_date from systems_verification_item where kind = 'MLPS_CERTIFICATE' and cert_date is not null")
                .query((rs, i) -> certDates.put(rs.getLong(1), rs.getObject(2, LocalDate.class))).list();
        // A7.2 (issue 17 point 9): the latest 等保测评 of the assessment ledger counts, however it was filed
        jdbc.sql("select system_id, max(assessed_on) from systems_assessment where kind = 'MLPS' group by system_id")
                .query((rs, i) -> certDates.merge(rs.getLong(1), rs.getObject(2, LocalDate.class), (a, b) -> a.isAfter(b) ? a : b)).list();
        SystemDataGrades grades = dataGrades.getIfAvailable();
        Map<Long, String> aboveGeneral = grades == null ? Map.of() : grades.aboveGeneral();
        int year = LocalDate.now(clock.withZone(WorkingCalendar.ZONE)).getYear();
        return jdbc.sql("select id, name, org_id, mlps_level, cii from systems_system where state in ('ADMITTED','SUSPENDED','EXIT_ORDERED') order by id")
                .query((rs, i) -> {
                    LocalDate cert = certDates.get(rs.getLong("id"));
                    return new Subject(SubjectKind.SYSTEM, rs.getLong("id"), rs.getString("name"), rs.getLong("org_id"),
                            SystemService.attributes(rs.getInt("mlps_level"), cert == null ? 99 : year - cert.getYear(),
                                    aboveGeneral.getOrDefault(rs.getLong("id"), SystemService.GENERAL_DATA), rs.getBoolean("cii")));
                }).list();
    }
}
