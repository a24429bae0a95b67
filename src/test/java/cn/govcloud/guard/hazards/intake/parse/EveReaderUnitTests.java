package cn.govcloud.guard.hazards.intake.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A10.1: Suricata EVE JSON lines — alerts only, offsets like +0800, bad bodies refused whole. */
class EveReaderUnitTests {

    @Test
    void readsAlertsOnly_withTheirOffsetTimestamps() {
        List<EveAlert> alerts = new ArrayList<>();
        EveReader.Counts counts = EveReader.parse(new ByteArrayInputStream(ScanReportsUnitTests.sample("eve-sample.json")), 1 << 20, alerts::add);
        assertThat(counts.events()).isEqualTo(6);
        assertThat(counts.alerts()).isEqualTo(4);
        assertThat(counts.skipped()).isEqualTo(2);
        EveAlert first = alerts.get(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-03-02T06:05:00.123456Z"));
        assertThat(first.flowId()).isEqualTo(1825093348753811L);
        assertThat(first.communityId()).isEqualTo("1:Wa9yK5mBq2zXG0Qf+u1s3vTnE4c=");
        assertThat(first.srcIp()).isEqualTo("203.0.113.45");
        assertThat(first.destPort()).isEqualTo(443);
        assertThat(first.proto()).isEqualTo("TCP");
        assertThat(first.signatureId()).isEqualTo(2024792);
        assertThat(first.signature()).contains("Struts");
        assertThat(first.category()).isEqualTo("Attempted Administrator Privilege Gain");
        assertThat(first.severity()).isEqualTo(1);
        assertThat(first.level()).isEqualTo(Severity.HIGH);
        assertThat(alerts.get(3).communityId()).isNull();
    }

    @Test
    void timestampsWithAndWithoutTheColonInTheOffset() {
        assertThat(EveReader.timestamp("2026-03-02T14:05:00.123456+0800", "t")).isEqualTo(Instant.parse("2026-03-02T06:05:00.123456Z"));
        assertThat(EveReader.timestamp("2026-03-02T14:05:00.123456+08:00", "t")).isEqualTo(Instant.parse("2026-03-02T06:05:00.123456Z"));
        assertThatThrownBy(() -> EveReader.timestamp("2026-03-02 14:05", "t")).isInstanceOf(MalformedInput.class);
    }

    @Test
    void truncatedOrBadBodiesAreRefused() {
        assertThatThrownBy(() -> EveReader.parse(new ByteArrayInputStream(ScanReportsUnitTests.sample("eve-truncated.json")), 1 << 20, a -> { }))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("not valid EVE JSON");
        assertThatThrownBy(() -> EveReader.parse(new ByteArrayInputStream(ScanReportsUnitTests.sample("eve-bad-timestamp.json")), 1 << 20, a -> { }))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> EveReader.parse(new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)), 1 << 20, a -> { }))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> EveReader.parse(new ByteArrayInputStream(ScanReportsUnitTests.sample("eve-sample.json")), 100, a -> { }))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("larger than the limit");
    }
}
