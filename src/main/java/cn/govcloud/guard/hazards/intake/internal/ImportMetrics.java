package cn.govcloud.guard.hazards.intake.internal;

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
 * Scan and sensor imports by outcome, for Prometheus (issue 21 point 6):
 * {@code govguard_imports{status="FAILED"}} growing, or {@code govguard_imports{status="RUNNING"}} stuck,
 * is what the provider's SOC watches.
 */
@Component
class ImportMetrics implements MeterBinder {
    private static final List<String> STATUSES = List.of("RUNNING", "DONE", "FAILED");
    private final CachedFigure<Map<String, Long>> byStatus;

    ImportMetrics(JdbcClient jdbc) {
        this.byStatus = new CachedFigure<>(Duration.ofSeconds(30), Map.of(), () -> {
            Map<String, Long> counts = new HashMap<>();
            jdbc.sql("select status, count(*) as n from intake_import group by status")
                    .query((rs, i) -> counts.put(rs.getString("status"), rs.getLong("n"))).list();
            return counts;
        });
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String status : STATUSES) {
            Gauge.builder("govguard.imports", byStatus, figures -> figures.get().getOrDefault(status, 0L))
                    .description("Scan and sensor imports by status").tag("status", status).register(registry);
        }
    }
}
