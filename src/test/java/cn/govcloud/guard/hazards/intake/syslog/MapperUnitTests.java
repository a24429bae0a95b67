package cn.govcloud.guard.hazards.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.hazards.intake.parse.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21 point 3: the three kinds of extraction, templates, severity translation, order, and the regex budget. */
class MapperUnitTests {
    static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");

    static MappingRule rule(long id, String name, int position, String kind, String app, String pattern, String title, String severity,
                            String map, String src, String dst, String sig) {
        return new MappingRule(id, name, position, true, kind, app, pattern, title, severity, map, "MEDIUM", src, dst, sig, null, false, null,
                NOW, "t");
    }

    static Mapper.Outcome map(Mapper m, String line) {
        return m.map(SyslogParser.parse(line, NOW, ZoneId.of("Asia/Shanghai")), "192.0.2.7", NOW);
    }

    @Test
    void A10_1_regex_named_groups_fill_the_templates() {
        Mapper m = Mapper.of(List.of(rule(1, "waf", 10, "REGEX", null, "blocked (?<ip>\\S+) rule (?<id>\\d+) sev (?<sev>\\w+)",
                "WAF {id} from {ip} on {syslog.host}", "{sev}", "hi=HIGH,lo=LOW", "{ip}", null, "{id}")));
        Mapper.Outcome o = map(m, "<14>1 2026-12-07T03:00:00Z waf01 waf - - - blocked 198.51.100.9 rule 942100 sev hi");
        assertThat(o.mapped()).isTrue();
        assertThat(o.ruleName()).isEqualTo("waf");
        assertThat(o.fields()).containsEntry("ip", "198.51.100.9").containsEntry("syslog.sender", "192.0.2.7").containsEntry("syslog.app", "waf");
        assertThat(o.alert().title()).isEqualTo("WAF 942100 from 198.51.100.9 on waf01");
        assertThat(o.alert().severity()).isEqualTo(Severity.HIGH);
        assertThat(o.alert().signature()).isEqualTo("942100");
        assertThat(o.alert().sourceAddress()).isEqualTo("198.51.100.9");
        assertThat(o.alert().destAddress()).isNull();
        assertThat(o.alert().occurredAt()).isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
    }

    @Test
    void A10_1_key_value_with_quotes_and_a_filter_whose_groups_are_fields() {
        Mapper m = Mapper.of(List.of(rule(1, "kv", 10, "KV", null, "^(?<lead>\\w+):", "{lead} {attack}", "{level}", null, "{src}", "{dst}", null)));
        Mapper.Outcome o = map(m, "<14>Dec  7 11:00:00 fw app: IPS: attack=\"Some \\\"Thing\\\" Here\" src=203.0.113.5 dst=10.0.0.1 level=critical");
        assertThat(o.mapped()).isTrue();
        assertThat(o.fields()).containsEntry("attack", "Some \"Thing\" Here").containsEntry("lead", "IPS");
        assertThat(o.alert().title()).isEqualTo("IPS Some \"Thing\" Here");
        assertThat(o.alert().severity()).isEqualTo(Severity.CRITICAL); // the value names one of ours
        assertThat(o.alert().destAddress()).isEqualTo("10.0.0.1");
    }

    @Test
    void A10_1_json_is_flattened_to_dotted_names() {
        Mapper m = Mapper.of(List.of(rule(1, "json", 10, "JSON", null, null, "{alert.signature}", "{alert.severity}", "1=HIGH", "{src_ip}",
                "{dest_ip}", "{alert.signature_id}")));
        Mapper.Outcome o = map(m, "<13>Dec  7 11:00:00 ids suricata[1]: {\"src_ip\":\"203.0.113.5\",\"dest_ip\":\"10.0.0.1\",\"alert\":"
                + "{\"signature_id\":2001,\"signature\":\"ET TEST\",\"severity\":1},\"tags\":[\"a\",\"b\"]}");
        assertThat(o.alert().title()).isEqualTo("ET TEST");
        assertThat(o.alert().severity()).isEqualTo(Severity.HIGH);
        assertThat(o.alert().signature()).isEqualTo("2001");
        assertThat(o.fields()).containsEntry("tags.1", "b");
    }

    @Test
    void A10_1_first_matching_rule_by_position_and_why_others_did_not_match() {
        Mapper m = Mapper.of(List.of(
                rule(2, "second", 20, "REGEX", null, "hello", "second", null, null, null, null, null),
                rule(1, "first-only-for-sshd", 10, "REGEX", "sshd", "hello", "first", null, null, null, null, null),
                rule(3, "json", 5, "JSON", null, null, "{x}", null, null, null, null, null)));
        Mapper.Outcome o = map(m, "<14>Dec  7 11:00:00 host cron: hello");
        assertThat(o.ruleName()).isEqualTo("second");
        assertThat(o.tried()).extracting(Mapper.Tried::reason)
                .containsExactly("hazards.intake.syslog.why.notJson", "hazards.intake.syslog.why.app");
        assertThat(o.alert().severity()).isEqualTo(Severity.MEDIUM); // no severity template: the default

        Mapper.Outcome none = map(m, "<14>Dec  7 11:00:00 host cron: goodbye");
        assertThat(none.mapped()).isFalse();
        assertThat(none.reason()).isEqualTo("hazards.intake.syslog.why.none");
        assertThat(none.tried()).hasSize(3);
        assertThat(map(Mapper.of(List.of()), "x").reason()).isEqualTo("hazards.intake.syslog.why.noRules");
    }

    @Test
    void A10_1_an_empty_title_does_not_map() {
        Mapper m = Mapper.of(List.of(rule(1, "r", 10, "REGEX", null, "(?<a>x)?y", "{missing}", null, null, null, null, null)));
        assertThat(map(m, "y").tried()).extracting(Mapper.Tried::reason).containsExactly("hazards.intake.syslog.why.title");
    }

    @Test
    void A10_1_a_runaway_regex_gives_up_instead_of_holding_the_receiver() {
        Mapper m = Mapper.of(List.of(rule(1, "evil", 10, "REGEX", null, "(.*a){20}", "x", null, null, null, null, null)));
        Mapper.Outcome o = map(m, "a".repeat(30) + "!");
        assertThat(o.mapped()).isFalse();
        assertThat(o.tried()).extracting(Mapper.Tried::reason).containsExactly("hazards.intake.syslog.why.budget");
    }

    @Test
    void A10_1_severity_map_is_checked() {
        assertThat(Mapper.severities("1=high, 2 = Medium")).containsEntry("1", Severity.HIGH).containsEntry("2", Severity.MEDIUM);
        assertThatThrownBy(() -> Mapper.severities("1=SEVERE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mapper.severities("nothing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void A10_1_a_time_far_ahead_is_replaced_by_the_receipt_time() {
        Mapper m = Mapper.of(List.of(rule(1, "r", 10, "REGEX", null, "y", "x", null, null, null, null, null)));
        Mapper.Outcome o = map(m, "<14>1 2027-06-01T00:00:00Z h a - - - y");
        assertThat(o.alert().occurredAt()).isEqualTo(NOW);
    }
}
