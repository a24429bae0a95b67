package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.shared.CachedFigure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The age of the newest signed audit checkpoint, for Prometheus (issue 21 point 6): the records
 * written since then are what a database superuser could still cut unnoticed (issue 20 point 1), so
 * an alert on {@code govguard_audit_checkpoint_age_seconds > 900} tells the operator the checkpoints
 * stopped. No checkpoint at all reads as NaN.
 */
@Component
class AuditMetrics implements MeterBinder {
    private final CachedFigure<Optional<Instant>> newest;
    private final Clock clock;

    AuditMetrics(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.newest = new CachedFigure<>(Duration.ofSeconds(15), Optional.empty(), () -> jdbc
                .sql("select max(signed_at) from audit_checkpoint")
                .query((rs, i) -> Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant)).single());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("govguard.audit.checkpoint.age", newest,
                        figure -> figure.get().map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0).orElse(Double.NaN))
                .description("Seconds since the newest signed audit checkpoint").baseUnit("seconds").register(registry);
    }
}
