package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.systems.SystemDataGrades;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A8.2 (就高从严): a system holds data of the highest grade among its data sets. The systems module
 * hands this to the duty engine as the subject's {@code dataGrade}, which decides who owes the
 * half-yearly backup-policy check.
 */
@Component
class DataGradesOfSystems implements SystemDataGrades {
    private final JdbcClient jdbc;

    DataGradesOfSystems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String gradeOf(long systemId) {
        Grade highest = null;
        for (String grade : jdbc.sql("select distinct grade from data_dataset where system_id = :s").param("s", systemId)
                .query(String.class).list()) {
            highest = Grade.max(highest, Grade.valueOf(grade));
        }
        return highest == null ? Grade.GENERAL_1.catalogGrade() : highest.catalogGrade();
    }

    @Override
    public Map<Long, String> aboveGeneral() {
        Map<Long, String> grades = new HashMap<>();
        jdbc.sql("select system_id, grade from data_dataset where grade in ('CORE', 'IMPORTANT')").query(rs -> {
            Grade grade = Grade.valueOf(rs.getString(2));
            grades.merge(rs.getLong(1), grade.catalogGrade(),
                    (a, b) -> Grade.CORE.catalogGrade().equals(a) || Grade.CORE.catalogGrade().equals(b) ? Grade.CORE.catalogGrade() : a);
        });
        return grades;
    }
}
