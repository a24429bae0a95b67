package cn.govcloud.guard.hazards.intake.syslog.web;

import cn.govcloud.guard.hazards.intake.syslog.Mapper;
import cn.govcloud.guard.hazards.intake.syslog.MappingRule;
import cn.govcloud.guard.hazards.intake.syslog.SyslogAdmin;
import cn.govcloud.guard.hazards.intake.syslog.SyslogMessage;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The requests and answers of the syslog receiver's API (issue 21 point 3). */
final class SyslogDto {
    private SyslogDto() {
    }

    /** The receiver on the node that answered, its allowed senders and the counts per sender (all nodes). */
    record ReceiverView(boolean enabled, String node, int udpPort, int tcpPort, int tlsPort, int queued, int queueCapacity, long overflow,
                        long refused, long written, String lastError, List<SenderView> senders, List<StatView> stats) {
    }

    record SenderView(long id, String cidr, String note, Instant updatedAt, String updatedBy) {
    }

    record StatView(String sender, long received, long alerts, long replayed, long unmapped, long refused, long overflow, Instant firstAt,
                    Instant lastAt) {
    }

    record UnmappedView(long id, String node, String sender, Instant receivedAt, String reason, String reasonText, String line) {
    }

    /** The allowed senders, replacing the list. */
    record SendersBody(List<SyslogAdmin.SenderInput> senders) {
    }

    /** A pasted line and the address it would come from (optional). */
    record TestBody(String line, String sender) {
    }

    record RuleView(long id, String name, int position, boolean enabled, String kind, String appFilter, String pattern, String title,
                    String severity, String severityMap, String defaultSeverity, String sourceAddress, String destAddress, String signature,
                    Long systemId, boolean builtin, String sample, Instant updatedAt, String updatedBy) {
        static RuleView of(MappingRule r) {
            return new RuleView(r.id(), r.name(), r.position(), r.enabled(), r.kind(), r.appFilter(), r.pattern(), r.title(), r.severity(),
                    r.severityMap(), r.defaultSeverity(), r.sourceAddress(), r.destAddress(), r.signature(), r.systemId(), r.builtin(),
                    r.sample(), r.updatedAt(), r.updatedBy());
        }
    }

    record Field(String name, String value) {
    }

    record Tried(String rule, String reason, String reasonText) {
    }

    /** The alert a line would make; {@code systemId} null: it would wait in the triage queue. */
    record AlertPreview(String title, String severity, String signature, String sourceAddress, String destAddress, Instant occurredAt,
                        Long systemId, String systemName) {
    }

    /** The header as read, the rule that matched, the fields it extracted and the alert — or why nothing matched. */
    record TestOutcome(String format, Integer facility, Integer severity, Instant timestamp, String hostname, String appName, String message,
                       boolean mapped, Long ruleId, String rule, List<Field> fields, AlertPreview alert, String reason, String reasonText,
                       List<Tried> tried) {
        static TestOutcome of(Mapper.Outcome o, AlertPreview alert, Function<String, String> text) {
            SyslogMessage m = o.message();
            return new TestOutcome(m.format(), m.facility() < 0 ? null : m.facility(), m.severity() < 0 ? null : m.severity(), m.timestamp(),
                    m.hostname(), m.appName(), m.message(), o.mapped(), o.ruleId(), o.ruleName(),
                    o.fields().entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList(), alert, o.reason(),
                    o.reason() == null ? null : text.apply(o.reason()),
                    o.tried().stream().map(t -> new Tried(t.rule(), t.reason(), text.apply(t.reason()))).toList());
        }
    }
}
