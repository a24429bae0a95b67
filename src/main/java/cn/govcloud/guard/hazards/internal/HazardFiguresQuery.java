package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.hazards.HazardFigures;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link HazardFigures} as GROUP BY queries with the hazard list's own scope; the open hazards are
 * served by the indexes on {@code (closed_at, severity, notified_at)} and the unit's variant.
 * Overdue is read as the list reads it after its sweep: marked overdue, or open past its due time.
 */
@Component
@Transactional(readOnly = true)
class HazardFiguresQuery implements HazardFigures {
    private final JdbcClient jdbc;

    HazardFiguresQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Count> openBySeverity(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select h.severity, count(*) n from hazards_hazard h where h.closed_at is null and "
                        + scope.where(HazardRepository.scopeColumn(actor))
                        + " group by h.severity")
                .params(scope.params()).query((rs, i) -> new Count(rs.getString(1), rs.getLong(2))).list().stream()
                .sorted(java.util.Comparator.comparing(c -> cn.govcloud.guard.hazards.Hazards.Severity.valueOf(c.key()).ordinal())).toList();
    }

    @Override
    public List<Count> openByAge(Actor actor, Instant now) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        StringBuilder sql = new StringBuilder("select ");
        Age[] ages = Age.values();
        for (int i = 0; i < ages.length; i++) {
            Age a = ages[i];
            sql.append(i == 0 ? "" : ", ").append("sum(case when h.notified_at <= :to").append(i);
            params.put("to" + i, ts(a.notifiedAtOrBefore(now)));
            if (a.notifiedAfter(now).isPresent()) {
                sql.append(" and h.notified_at > :from").append(i);
                params.put("from" + i, ts(a.notifiedAfter(now).get()));
            }
            sql.append(" then 1 else 0 end) a").append(i);
        }
        sql.append(" from hazards_hazard h where h.closed_at is null and ").append(scope.where(HazardRepository.scopeColumn(actor)));
        return jdbc.sql(sql.toString()).params(params).query((rs, r) -> {
            List<Count> out = new ArrayList<>();
            for (int i = 0; i < ages.length; i++) {
                out.add(new Count(ages[i].key(), rs.getLong(i + 1)));
            }
            return out;
        }).single();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
