package cn.govcloud.guard.hazards.intake.syslog;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.govcloud.guard.hazards.intake.internal.SyslogAlerts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Issue 21 point 3, "survives the peer being down": while the database refuses the intake's transaction, the writer
 * keeps the batch and retries it; the line becomes an alert once the database is back, and its counts are written.
 */
class SyslogPipelineUnitTests {

    @Test
    void A10_1_a_batch_refused_during_a_database_outage_is_retried_not_lost() {
        SyslogStore store = mock(SyslogStore.class);
        SyslogAlerts alerts = mock(SyslogAlerts.class);
        when(store.senders()).thenReturn(List.of());
        when(store.rules()).thenReturn(List.of(new MappingRule(1L, "r", 10, true, "REGEX", null, "(?<what>outage test)", "{what}", null, null,
                "HIGH", null, null, null, null, false, null, Instant.EPOCH, "t")));
        when(alerts.write(eq("unit"), anyList(), anyLong()))
                .thenThrow(new CannotCreateTransactionException("database down"))
                .thenReturn(new SyslogAlerts.Written(1, 0, 0, 1, Map.of()));
        SyslogSettings settings = new SyslogSettings(0, null, null, null, null, null, null, "unit", 10, 10, 1000, 10, null);
        SyslogPipeline pipeline = new SyslogPipeline(settings, store, alerts, Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC));
        pipeline.start();
        try {
            byte[] line = "<14>1 - host app - - - outage test".getBytes(StandardCharsets.UTF_8);
            pipeline.accept("192.0.2.1", line, 0, line.length);
            verify(alerts, timeout(15_000).times(2)).write(eq("unit"),
                    argThat(l -> l.size() == 1 && l.get(0).title().equals("outage test") && l.get(0).sender().equals("192.0.2.1")), anyLong());
            verify(store, timeout(5_000)).addStat(eq("unit"), eq("192.0.2.1"), argThat(d -> d.received() == 1 && d.alerts() == 1), any());
        } finally {
            pipeline.stop();
        }
    }
}
