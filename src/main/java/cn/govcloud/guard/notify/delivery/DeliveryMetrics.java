package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.shared.CachedFigure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outbound notices (e-mail, robots) by delivery state, for Prometheus (issue 21 point 6):
 * {@code govguard_notification_deliveries{state="FAILED"}} growing means notices that the Measures
 * require to reach someone did not.
 */
@Component
class DeliveryMetrics implements MeterBinder {
    private static final List<String> STATES = List.of("PENDING", "SENT", "FAILED");
    private final CachedFigure<Map<String, Long>> byState;

    DeliveryMetrics(JdbcClient jdbc) {
        this.byState = new CachedFigure<>(Duration.ofSeconds(30), Map.of(), () -> {
            Map<String, Long> counts = new HashMap<>();
            jdbc.sql("select state, count(*) as n from notify_delivery group by state")
                    .query((rs, i) -> counts.put(rs.getString("state"), rs.getLong("n"))).list();
            return counts;
        });
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : STATES) {
            Gauge.builder("govguard.notification.deliveries", byState, figures -> figures.get().getOrDefault(state, 0L))
                    .description("Outbound notice deliveries by state").tag("state", state).register(registry);
        }
    }
}
