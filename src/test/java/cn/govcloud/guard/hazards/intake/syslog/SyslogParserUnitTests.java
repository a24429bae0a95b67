package cn.govcloud.guard.hazards.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Issue 21 point 3: RFC 5424 and RFC 3164 headers, read from the example lines of the RFCs themselves. */
class SyslogParserUnitTests {
    static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void A10_1_rfc5424_example_1_no_structured_data_with_bom() {
        SyslogMessage m = SyslogParser.parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8",
                NOW, ZONE);
        assertThat(m.format()).isEqualTo("RFC5424");
        assertThat(m.facility()).isEqualTo(4);
        assertThat(m.severity()).isEqualTo(2);
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
        assertThat(m.hostname()).isEqualTo("mymachine.example.com");
        assertThat(m.appName()).isEqualTo("su");
        assertThat(m.procId()).isNull();
        assertThat(m.msgId()).isEqualTo("ID47");
        assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
    }

    @Test
    void A10_1_rfc5424_example_2_offset_and_microseconds() {
        SyslogMessage m = SyslogParser.parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
                NOW, ZONE);
        assertThat(m.facility()).isEqualTo(20);
        assertThat(m.severity()).isEqualTo(5);
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
        assertThat(m.hostname()).isEqualTo("192.0.2.1");
        assertThat(m.procId()).isEqualTo("8710");
        assertThat(m.message()).isEqualTo("%% It's time to make the do-nuts.");
    }

    @Test
    void A10_1_rfc5424_examples_3_and_4_structured_data() {
        SyslogMessage m = SyslogParser.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" "
                + "eventSource=\"Application\" eventID=\"1011\"] \uFEFFAn application event log entry...", NOW, ZONE);
        assertThat(m.structuredData()).containsEntry("sd.exampleSDID@32473.iut", "3").containsEntry("sd.exampleSDID@32473.eventID", "1011");
        assertThat(m.message()).isEqualTo("An application event log entry...");

        SyslogMessage two = SyslogParser.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" "
                + "eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]", NOW, ZONE);
        assertThat(two.structuredData()).containsEntry("sd.examplePriority@32473.class", "high");
        assertThat(two.message()).isEmpty();
    }

    @Test
    void A10_1_rfc5424_escaped_structured_data_values() {
        SyslogMessage m = SyslogParser.parse("<14>1 - host app - - [x@1 a=\"say \\\"hi\\\" \\] done\"] rest", NOW, ZONE);
        assertThat(m.timestamp()).isNull();
        assertThat(m.structuredData()).containsEntry("sd.x@1.a", "say \"hi\" ] done");
        assertThat(m.message()).isEqualTo("rest");
    }

    @Test
    void A10_1_rfc3164_examples() {
        SyslogMessage m = SyslogParser.parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8", NOW, ZONE);
        assertThat(m.format()).isEqualTo("RFC3164");
        assertThat(m.facility()).isEqualTo(4);
        assertThat(m.severity()).isEqualTo(2);
        // no year in a BSD header: the one that puts it nearest before now; the zone is the configured one
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2026-10-11T14:14:15Z"));
        assertThat(m.hostname()).isEqualTo("mymachine");
        assertThat(m.appName()).isEqualTo("su");
        assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");

        SyslogMessage noTag = SyslogParser.parse("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!", NOW, ZONE);
        assertThat(noTag.hostname()).isEqualTo("10.0.0.99");
        assertThat(noTag.appName()).isNull();
        assertThat(noTag.message()).isEqualTo("Use the BFG!");
        assertThat(noTag.timestamp()).isEqualTo(Instant.parse("2026-02-05T09:32:18Z"));

        SyslogMessage pid = SyslogParser.parse("<30>Dec  8 10:00:00 fw1 kernel[0]: IN=eth0", NOW, ZONE);
        assertThat(pid.appName()).isEqualTo("kernel");
        assertThat(pid.procId()).isEqualTo("0");
        // 8 December is ahead of 7 December 12:00 Beijing by less than a day: this year's
        assertThat(pid.timestamp()).isEqualTo(Instant.parse("2026-12-08T02:00:00Z"));

        SyslogMessage lastYear = SyslogParser.parse("<30>Dec 31 23:59:59 fw1 app: x", Instant.parse("2027-01-01T00:00:00Z"), ZONE);
        assertThat(lastYear.timestamp()).isEqualTo(Instant.parse("2026-12-31T15:59:59Z"));
    }

    @Test
    void A10_1_a_line_without_a_valid_pri_is_kept_whole() {
        SyslogMessage m = SyslogParser.parse("just some text\r\n", NOW, ZONE);
        assertThat(m.format()).isEqualTo("RAW");
        assertThat(m.severity()).isEqualTo(-1);
        assertThat(m.message()).isEqualTo("just some text");
        assertThat(SyslogParser.parse("<999>1 x", NOW, ZONE).format()).isEqualTo("RAW");
        assertThat(SyslogParser.parse(null, NOW, ZONE).message()).isEmpty();
        // a broken RFC 5424 header is read as BSD (lenient relay behaviour), never thrown
        assertThat(SyslogParser.parse("<14>1 2003-10-11T22:14:15Z host", NOW, ZONE).format()).isEqualTo("RFC3164");
    }
}
