package cn.govcloud.guard.hazards.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 point 3: RFC 6587 framing on a stream (octet-counting and newline framing told apart per message, long
 * lines cut) and the bounded queue that counts what does not fit instead of blocking the socket.
 */
class SyslogFramingUnitTests {
    static SyslogSettings settings(int capacity, int maxLine) {
        return new SyslogSettings(null, null, null, null, null, null, null, "unit", capacity, 10, maxLine, 10, null);
    }

    static SyslogPipeline pipeline(int capacity, int maxLine) {
        return new SyslogPipeline(settings(capacity, maxLine), null, null, Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void A10_1_octet_counted_and_newline_framed_messages_mix_on_one_stream() throws Exception {
        SyslogPipeline p = pipeline(100, 40);
        SyslogReceiver r = new SyslogReceiver(settings(100, 40), p);
        String stream = "11 <14>1 - a b\n<13>Oct 11 22:14:15 h t: lf framed\r\n\n"
                + "5 <1>xy" + "<14>" + "z".repeat(60) + "\n" + "9 <14>1 -";
        r.stream(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), "192.0.2.1");
        assertThat(p.poll().line()).isEqualTo("<14>1 - a b");
        assertThat(p.poll().line()).isEqualTo("<13>Oct 11 22:14:15 h t: lf framed");
        assertThat(p.poll().line()).isEqualTo("<1>xy");
        SyslogPipeline.Received cut = p.poll();
        assertThat(cut.line()).hasSize(40).startsWith("<14>zzz"); // cut at max-line-bytes, the rest of the line skipped
        assertThat(cut.sender()).isEqualTo("192.0.2.1");
        assertThat(p.poll()).isNull(); // the last frame ended early (the sender went away): not taken half
    }

    @Test
    void A10_1_a_full_queue_counts_overflow_per_sender_and_never_blocks() {
        SyslogPipeline p = pipeline(2, 100);
        byte[] line = "<14>1 - a b".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            p.accept("192.0.2.1", line, 0, line.length);
        }
        assertThat(p.status().queued()).isEqualTo(2);
        assertThat(p.status().overflow()).isEqualTo(3);
        p.refuse("198.51.100.1");
        assertThat(p.status().refused()).isEqualTo(1);
    }
}
