package cn.govcloud.guard.systems.ledger.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.SqlLiterals;
import cn.govcloud.guard.systems.internal.SystemCensusQuery;
import cn.govcloud.guard.systems.ledger.LedgerFigures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link LedgerFigures} in two grouped queries. The cadence of a kind depends on the protection level and comes from the
 * catalog ({@link Cadences}); there are five levels, so the "still current" threshold of each (level, kind) is written into
 * the query as a date literal ({@link SqlLiterals}) instead of reading the filings row by row.
 */
@Repository
@Transactional(readOnly = true)
class LedgerFiguresQuery implements LedgerFigures {
    private static final int LEVELS = 5;

    private final JdbcClient jdbc;
    private final Cadences cadences;

    LedgerFiguresQuery(JdbcClient jdbc, Cadences cadences) {
        this.jdbc = jdbc;
        this.cadences = cadences;
    }

    @Override
    public List<Coverage> coverage(Instant at) {
        LocalDate day = at.minusNanos(1).atZone(WorkingCalendar.ZONE).toLocalDate();
        // systems on the platform at `at`, by level
        Map<Integer, Long> onPlatform = new HashMap<>();
        jdbc.sql("select s.mlps_level, count(*) from systems_system s where " + SystemCensusQuery.onPlatformAt("s", at) + " group by s.mlps_level")
                .query(rs -> {
                    onPlatform.put(rs.getInt(1), rs.getLong(2));
                });
        // per level and kind, those systems whose latest filing by the day is still current
        StringBuilder threshold = new StringBuilder("case");
        for (AssessmentKind kind : AssessmentKind.values()) {
            for (int level = 1; level <= LEVELS; level++) {
                Optional<Period> cadence = cadences.of(kind, level);
                if (cadence.isPresent()) {
                    threshold.append(" when f.kind = '").append(kind.name()).append("' and s.mlps_level = ").append(level)
                            .append(" then ").append(SqlLiterals.date(day.minus(cadence.get())));
                }
            }
        }
        threshold.append(" end");
        Map<String, Long> current = new HashMap<>();
        if (!threshold.toString().equals("case end")) {
            jdbc.sql("select f.kind, count(*) from systems_system s join (select system_id, kind, max(assessed_on) as latest from systems_assessment "
                            + "where assessed_on <= " + SqlLiterals.date(day) + " group by system_id, kind) f on f.system_id = s.id "
                            + "where " + SystemCensusQuery.onPlatformAt("s", at) + " and f.latest >= " + threshold + " group by f.kind")
                    .query(rs -> {
                        current.put(rs.getString(1), rs.getLong(2));
                    });
        }
        List<Coverage> result = new ArrayList<>();
        for (AssessmentKind kind : AssessmentKind.values()) {
            long owing = 0;
            for (Map.Entry<Integer, Long> level : onPlatform.entrySet()) {
                if (cadences.of(kind, level.getKey()).isPresent()) {
                    owing += level.getValue();
                }
            }
            result.add(new Coverage(kind.name(), kind.label(), owing, current.getOrDefault(kind.name(), 0L)));
        }
        return result;
    }

    @Override
    public List<Result> results(LocalDate from, LocalDate to) {
        String range = "between " + SqlLiterals.date(from) + " and " + SqlLiterals.date(to);
        return jdbc.sql("select a.kind, a.conclusion, count(*) from systems_assessment a where a.assessed_on " + range
                        + " and not exists (select 1 from systems_assessment b where b.system_id = a.system_id and b.kind = a.kind "
                        + "and b.assessed_on " + range + " and (b.assessed_on > a.assessed_on or (b.assessed_on = a.assessed_on and b.id > a.id))) "
                        + "group by a.kind, a.conclusion order by a.kind, a.conclusion")
                .query((rs, i) -> {
                    AssessmentKind kind = AssessmentKind.valueOf(rs.getString(1));
                    return new Result(kind.name(), kind.label(), rs.getString(2), rs.getLong(3));
                }).list();
    }
}
