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
import java.util.Optional;
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
                            attributes(rs.getInt("mlps_level"), cert == null ? 99 : year - cert.getYear(),
                                    aboveGeneral.getOrDefault(rs.getLong("id"), GENERAL_DATA), rs.getBoolean("cii")));
                }).list();
    }

    /** The duty engine's view of one system, whatever its state (e.g. for the triggers of its registration). */
    Subject of(HostedSystem s) {
        LocalDate cert = jdbc.sql("select cert_date from systems_verification_item where system_id = :id and kind = 'MLPS_CERTIFICATE'")
                .param("id", s.id()).query((rs, i) -> Optional.ofNullable(rs.getObject(1, LocalDate.class))).list().stream()
                .flatMap(Optional::stream).findFirst().orElse(null);
        int year = LocalDate.now(clock.withZone(WorkingCalendar.ZONE)).getYear();
        String grade = Optional.ofNullable(dataGrades.getIfAvailable()).map(g -> g.gradeOf(s.id())).orElse(GENERAL_DATA);
        boolean cii = jdbc.sql("select cii from systems_system where id = :id").param("id", s.id()).query(Boolean.class).single();
        return new Subject(SubjectKind.SYSTEM, s.id(), s.name(), s.orgId(), attributes(s.mlpsLevel(), cert == null ? 99 : year - cert.getYear(), grade, cii));
    }

    static final String GENERAL_DATA = "general";

    /**
     * What the catalog's conditions read of a system; {@code dataGrade} comes from the data catalog (A8.2), {@code cii}:
     * critical information infrastructure (issue 17 point 4).
     */
    static Map<String, Object> attributes(int level, int years, String dataGrade, boolean cii) {
        return Map.of("mlpsLevel", level, "yearsSinceMlpsAssessment", years, "dataGrade", dataGrade, "cii", cii);
    }
}
