package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.incidents.IncidentFigures;
import cn.govcloud.guard.shared.Actor;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link IncidentFigures} as GROUP BY queries with the lists' own scopes. The month is computed
 * from Beijing month boundaries passed as parameters (a CASE over twelve instants), which reads
 * the same on H2 and PostgreSQL without time-zone functions.
 */
@Component
@Transactional(readOnly = true)
class IncidentFiguresQuery implements IncidentFigures {
    private final JdbcClient jdbc;

    private final cn.govcloud.guard.rules.RuleCatalog catalog;

    IncidentFiguresQuery(JdbcClient jdbc, cn.govcloud.guard.rules.RuleCatalog catalog) {
        this.catalog = catalog;
        this.jdbc = jdbc;
    }

    @Override
    public List<GradeMonth> byGradeAndMonth(Actor actor, int year) {
        Map<String, Object> params = new HashMap<>();
        String scope = IncidentRepository.scope(actor, params);
        StringBuilder month = new StringBuilder("case");
        for (int m = 2; m <= 12; m++) {
            month.append(" when i.confirmed_at < :m").append(m).append(" then ").append(m - 1);
            params.put("m" + m, monthStart(year, m));
        }
        month.append(" else 12 end");
        params.put("start", monthStart(year, 1));
        params.put("end", startOf(LocalDate.of(year + 1, 1, 1)));
        // grouped in an outer query: PostgreSQL does not match the CASE's parameters in GROUP BY with those in the select list
        return jdbc.sql("select x.grade, x.mon, count(*) n from (select i.grade, " + month + " mon from incidents_incident i "
                        + "where i.confirmed_at >= :start and i.confirmed_at < :end and " + scope + ") x group by x.grade, x.mon "
                        + "order by x.mon, x.grade")
                .params(params).query((rs, r) -> new GradeMonth(rs.getString(1), rs.getInt(2), rs.getLong(3))).list();
    }

    @Override
    public DrillCoverage drills(Actor actor, LocalDate from, LocalDate to) {
        Map<String, Object> params = new HashMap<>();
        String scope = DrillService.where(actor, params);
        params.put("from", from);
        params.put("to", to);
        return jdbc.sql("select count(*), "
                        + "sum(case when " + DrillService.comprehensiveSql(catalog.parameter(DrillService.COMPREHENSIVE).choices(), "d")
                        + " then 1 else 0 end), "
                        + "sum(case when d.network_attack then 1 else 0 end), sum(case when d.data_leak then 1 else 0 end), "
                        + "sum(case when d.system_failure then 1 else 0 end), sum(case when d.dr_switchover then 1 else 0 end) "
                        + "from incidents_drill d where d.drill_date between :from and :to and " + scope)
                .params(params).query((rs, r) -> new DrillCoverage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))).single();
    }

    static OffsetDateTime monthStart(int year, int month) {
        return startOf(LocalDate.of(year, month, 1));
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(WorkingCalendar.ZONE).toInstant().atOffset(ZoneOffset.UTC);
    }
}
