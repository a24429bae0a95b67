package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.shared.CachedFigure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Duties by state and the duties past due that the sweep has not yet marked, for Prometheus
 * (issue 21 point 6): {@code govguard_duties{state="OVERDUE"}} is what the city is late on;
 * {@code govguard_duties_past_due_unswept} above zero for long means the sweep is not running.
 */
@Component
class DutyMetrics implements MeterBinder {
    private static final Duration FRESH = Duration.ofSeconds(30);
    private final CachedFigure<Map<DutyState, Long>> byState;
    private final CachedFigure<Long> pastDue;

    DutyMetrics(JdbcClient jdbc, Clock clock) {
        this.byState = new CachedFigure<>(FRESH, Map.of(), () -> {
            Map<DutyState, Long> counts = new EnumMap<>(DutyState.class);
            jdbc.sql("select state, count(*) as n from duties_duty group by state")
                    .query((rs, i) -> counts.put(DutyState.valueOf(rs.getString("state")), rs.getLong("n"))).list();
            return counts;
        });
        this.pastDue = new CachedFigure<>(FRESH, 0L, () -> jdbc.sql(
                        "select count(*) from duties_duty where state in ('OPEN', 'RETURNED') and due_at < :now")
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (DutyState state : DutyState.values()) {
            Gauge.builder("govguard.duties", byState, figures -> figures.get().getOrDefault(state, 0L))
                    .description("Duties by state").tag("state", state.name()).register(registry);
        }
        Gauge.builder("govguard.duties.past.due.unswept", pastDue, figure -> figure.get())
                .description("Open or returned duties past their due time not yet marked overdue").register(registry);
    }
}
