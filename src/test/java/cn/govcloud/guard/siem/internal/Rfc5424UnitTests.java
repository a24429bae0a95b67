package cn.govcloud.guard.siem.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 5424 formatter and RFC 5425 framing of SIEM out (issue 21 point 2), byte for byte. */
class Rfc5424UnitTests {
    static final Instant AT = Instant.parse("2026-12-07T08:30:15.123456789Z");

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void PRI_is_facility_times_eight_plus_severity() {
        assertThat(Rfc5424.pri(10, 5)).isEqualTo(85);   // authpriv.notice
        assertThat(Rfc5424.pri(0, 0)).isZero();         // kern.emerg
        assertThat(Rfc5424.pri(23, 7)).isEqualTo(191);  // local7.debug
        assertThat(Rfc5424.pri(4, 2)).isEqualTo(34);    // the RFC's own example 1
        assertThatThrownBy(() -> Rfc5424.pri(24, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc5424.pri(1, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void PARAM_VALUE_escapes_quote_backslash_and_closing_bracket_only() {
        assertThat(Rfc5424.escape("a\"b\\c]d[e=f 中文")).isEqualTo("a\\\"b\\\\c\\]d[e=f 中文");
        byte[] m = Rfc5424.message(new Rfc5424.Header(10, 6, AT, "h", "app", null, "id"),
                List.of(new Rfc5424.SdElement("govguard@32473", List.of(new SimpleEntry<>("v", "x\"]\\y"), new SimpleEntry<>("none", null)))),
                null);
        assertThat(text(m)).isEqualTo("<86>1 2026-12-07T08:30:15.123456Z h app - id [govguard@32473 v=\"x\\\"\\]\\\\y\"]");
    }

    @Test
    void NILVALUE_stands_for_empty_header_fields_and_absent_structured_data() {
        byte[] m = Rfc5424.message(new Rfc5424.Header(1, 3, null, "", null, null, null), List.of(), null);
        assertThat(text(m)).isEqualTo("<11>1 - - - - - -");
    }

    @Test
    void header_fields_are_printable_ascii_within_their_lengths() {
        assertThat(Rfc5424.field("主机 名", 255)).isEqualTo("____");
        assertThat(Rfc5424.field("x".repeat(40), 32)).hasSize(32);
        assertThat(Rfc5424.name("a=b c]d\"e", false)).isEqualTo("a_b_c_d_e");
        assertThat(Rfc5424.name("govguard@32473", true)).isEqualTo("govguard@32473");
        assertThat(Rfc5424.name("x@y", false)).isEqualTo("x_y");
    }

    @Test
    void MSG_is_UTF_8_behind_a_BOM_and_the_frame_counts_octets_not_characters() {
        byte[] m = Rfc5424.message(new Rfc5424.Header(10, 5, AT, "guard-1", "govcloud-guard", null, "hazard"), List.of(), "隐患已通报");
        String prefix = "<85>1 2026-12-07T08:30:15.123456Z guard-1 govcloud-guard - hazard - ";
        assertThat(Arrays.copyOf(m, prefix.length())).isEqualTo(prefix.getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.copyOfRange(m, prefix.length(), prefix.length() + 3)).isEqualTo(Rfc5424.BOM);
        assertThat(new String(m, prefix.length() + 3, m.length - prefix.length() - 3, StandardCharsets.UTF_8)).isEqualTo("隐患已通报");

        byte[] frame = Rfc5424.octetCounted(m);
        String count = m.length + " ";
        assertThat(text(Arrays.copyOf(frame, count.length()))).isEqualTo(count);
        assertThat(m.length).as("five Chinese characters are 15 octets").isEqualTo(prefix.length() + 3 + 15);
        assertThat(Arrays.copyOfRange(frame, count.length(), frame.length)).isEqualTo(m);
    }

    @Test
    void an_audit_record_becomes_one_message_with_its_fields_as_structured_data() {
        SiemSettings settings = new SiemSettings(null, 0, 0, null, null, null, null, null, "guard-1", null, null, null);
        AuditRecord r = new AuditRecord(42, AT, "unit1", "包头市教育局", "10.0.0.8", "hazards.feedback", "hazard:7", "SUCCESS",
                "已整改 \"补丁\"", "0".repeat(64), "a".repeat(64));
        String m = text(new Events(settings).syslog(r));
        assertThat(m).startsWith("<85>1 2026-12-07T08:30:15.123456Z guard-1 govcloud-guard - hazard [govguard@32473 seq=\"42\" category=\"hazard\""
                + " action=\"hazards.feedback\" target=\"hazard:7\" result=\"SUCCESS\" actor=\"unit1\" org=\"包头市教育局\" src=\"10.0.0.8\" hash=\"");
        assertThat(m).endsWith("] \uFEFFunit1 hazards.feedback hazard:7 SUCCESS: 已整改 \"补丁\"");
        AuditRecord denied = new AuditRecord(43, AT, "anonymous", null, null, "http.get /audit", "/audit", "DENIED", null, "0".repeat(64),
                "b".repeat(64));
        assertThat(text(new Events(settings).syslog(denied))).startsWith("<84>1 ").contains(" audit [govguard@32473 seq=\"43\"")
                .doesNotContain("org=");
    }

    @Test
    void retries_wait_longer_each_time_up_to_the_maximum() {
        SiemSettings s = new SiemSettings(null, 0, 0, null, null, null, Duration.ofSeconds(15), Duration.ofMinutes(2), "h", null, null, null);
        assertThat(List.of(s.retryAfter(1), s.retryAfter(2), s.retryAfter(3), s.retryAfter(4), s.retryAfter(30)))
                .containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(120));
    }

}
