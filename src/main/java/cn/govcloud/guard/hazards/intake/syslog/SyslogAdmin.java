package cn.govcloud.guard.hazards.intake.syslog;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.IpAddresses;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security administrator's side of the syslog receiver (issue 21 point 3): mapping rules and allowed senders,
 * each change checked field by field (400 naming each field) and audited; the statistics, the last unmapped lines and
 * the test of a pasted line for the page and the API.
 */
@Service
public class SyslogAdmin {
    private static final List<String> KINDS = List.of("REGEX", "KV", "JSON");

    private final SyslogStore store;
    private final SyslogPipeline pipeline;
    private final SyslogReceiver receiver;
    private final SyslogSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    SyslogAdmin(SyslogStore store, SyslogPipeline pipeline, SyslogReceiver receiver, SyslogSettings settings, AuditLog audit, Clock clock) {
        this.store = store;
        this.pipeline = pipeline;
        this.receiver = receiver;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** A rule as entered (form or API); null fields take their defaults (enabled, position at the end). */
    public record RuleInput(String name, Integer position, Boolean enabled, String kind, String appFilter, String pattern, String title,
                            String severity, String severityMap, String defaultSeverity, String sourceAddress, String destAddress,
                            String signature, Long systemId, String sample) {
    }

    /** An allowed sender: an address or a CIDR range, with a note (which device). */
    public record SenderInput(String cidr, String note) {
    }

    /** The receiver as configured on this node. */
    public record Receiver(boolean enabled, String node, int udpPort, int tcpPort, int tlsPort, SyslogPipeline.Status pipeline) {
    }

    public Receiver receiver() {
        return new Receiver(settings.enabled(), settings.node(), receiver.udpPort(), receiver.tcpPort(), receiver.tlsPort(), pipeline.status());
    }

    public List<MappingRule> rules() {
        return store.rules();
    }

    public MappingRule rule(long id) {
        return store.rule(id).orElseThrow(() -> new NotFound("syslog rule " + id));
    }

    public List<SyslogStore.Sender> senders() {
        return store.senders();
    }

    public List<SyslogStore.SenderStat> stats() {
        return store.stats();
    }

    public List<SyslogStore.Unmapped> unmapped() {
        return store.unmapped(settings.unmappedKept());
    }

    /** How a pasted line maps with the rules now in force; {@code sender} stands for the address it would come from. */
    public Mapper.Outcome test(Actor actor, String line, String sender) {
        require(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (line == null || line.isBlank()) {
            errors.put("line", "hazards.intake.syslog.error.line");
        } else if (line.length() > settings.maxLineBytes()) {
            errors.put("line", "hazards.intake.syslog.error.lineLength");
        }
        if (sender != null && !sender.isBlank() && IpAddresses.literal(sender.strip()).isEmpty()) {
            errors.put("sender", "hazards.intake.syslog.error.sender");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.intake.syslog.error.invalid", errors);
        }
        return pipeline.preview(line.strip(), sender == null || sender.isBlank() ? "192.0.2.1" : sender.strip());
    }

    @Transactional
    public MappingRule create(Actor actor, RuleInput in) {
        require(actor);
        MappingRule r = check(in, null);
        long id = store.insert(r, actor.username(), clock.instant());
        audit.record(AuditEvent.success("intake.syslog.rule.create", "syslog-rule:" + id, describe(r)));
        pipeline.reload();
        return rule(id);
    }

    @Transactional
    public MappingRule update(Actor actor, long id, RuleInput in) {
        require(actor);
        MappingRule before = rule(id);
        MappingRule r = check(in, before);
        store.update(id, r, actor.username(), clock.instant());
        audit.record(AuditEvent.success("intake.syslog.rule.update", "syslog-rule:" + id, "before: " + describe(before) + " | after: " + describe(r)));
        pipeline.reload();
        return rule(id);
    }

    @Transactional
    public void delete(Actor actor, long id) {
        require(actor);
        MappingRule before = rule(id);
        store.delete(id);
        audit.record(AuditEvent.success("intake.syslog.rule.delete", "syslog-rule:" + id, describe(before)));
        pipeline.reload();
    }

    /** Replaces the allowed senders; each entry an IP address or CIDR range (400 naming the entry). */
    @Transactional
    public List<SyslogStore.Sender> replaceSenders(Actor actor, List<SenderInput> senders) {
        require(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> cidrs = new LinkedHashMap<>();
        List<SenderInput> list = senders == null ? List.of() : senders;
        if (list.size() > 500) {
            errors.put("senders", "hazards.intake.syslog.error.tooManySenders");
        }
        for (int i = 0; i < list.size(); i++) {
            SenderInput s = list.get(i);
            String cidr = s == null || s.cidr() == null ? "" : s.cidr().strip();
            if (IpAddresses.literal(cidr).isPresent()) {
                cidr = cidr + (cidr.contains(":") ? "/128" : "/32");
            }
            var parsed = IpAddresses.cidr(cidr);
            if (parsed.isEmpty()) {
                errors.put("senders[" + i + "].cidr", "hazards.intake.syslog.error.cidr");
                continue;
            }
            String note = s.note() == null || s.note().isBlank() ? null : s.note().strip();
            if (note != null && note.length() > 200) {
                errors.put("senders[" + i + "].note", "hazards.intake.syslog.error.note");
            }
            cidrs.put(cidr.toLowerCase(Locale.ROOT), note);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.intake.syslog.error.invalid", errors);
        }
        String before = String.join(", ", store.senders().stream().map(SyslogStore.Sender::cidr).toList());
        store.replaceSenders(cidrs, actor.username(), clock.instant());
        audit.record(AuditEvent.success("intake.syslog.senders", "syslog-senders", "before: [" + before + "] after: [" + String.join(", ", cidrs.keySet()) + "]"));
        pipeline.reload();
        return store.senders();
    }

    private static void require(Actor actor) {
        if (!actor.has(Role.SECURITY_ADMIN)) {
            throw new AccessDeniedException("only the security administrator configures the syslog receiver");
        }
    }

    private MappingRule check(RuleInput in, MappingRule before) {
        Map<String, String> e = new LinkedHashMap<>();
        String name = trim(in.name());
        if (name == null || name.length() > 100) {
            e.put("name", "hazards.intake.syslog.error.name");
        } else if (store.nameTaken(name, before == null ? null : before.id())) {
            e.put("name", "hazards.intake.syslog.error.nameTaken");
        }
        String kind = trim(in.kind()) == null ? "REGEX" : in.kind().strip().toUpperCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            e.put("kind", "hazards.intake.syslog.error.kind");
        }
        String pattern = in.pattern() == null || in.pattern().isBlank() ? null : in.pattern().strip();
        if (pattern == null && "REGEX".equals(kind)) {
            e.put("pattern", "hazards.intake.syslog.error.patternRequired");
        } else if (pattern != null) {
            if (pattern.length() > 2000) {
                e.put("pattern", "hazards.intake.syslog.error.patternLength");
            } else {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException x) {
                    e.put("pattern", "hazards.intake.syslog.error.pattern");
                }
            }
        }
        String title = trim(in.title());
        if (title == null || title.length() > 500) {
            e.put("title", "hazards.intake.syslog.error.title");
        }
        template(e, "severity", in.severity());
        template(e, "sourceAddress", in.sourceAddress());
        template(e, "destAddress", in.destAddress());
        template(e, "signature", in.signature());
        String map = trim(in.severityMap());
        if (map != null) {
            if (map.length() > 1000) {
                e.put("severityMap", "hazards.intake.syslog.error.severityMap");
            } else {
                try {
                    Mapper.severities(map);
                } catch (IllegalArgumentException x) {
                    e.put("severityMap", "hazards.intake.syslog.error.severityMap");
                }
            }
        }
        String def = trim(in.defaultSeverity()) == null ? "MEDIUM" : in.defaultSeverity().strip().toUpperCase(Locale.ROOT);
        try {
            Severity.valueOf(def);
        } catch (IllegalArgumentException x) {
            e.put("defaultSeverity", "hazards.intake.syslog.error.defaultSeverity");
        }
        String app = trim(in.appFilter());
        if (app != null && app.length() > 100) {
            e.put("appFilter", "hazards.intake.syslog.error.appFilter");
        }
        if (in.systemId() != null && pipeline.systemName(in.systemId()).isEmpty()) {
            e.put("systemId", "hazards.intake.syslog.error.system");
        }
        if (in.position() != null && (in.position() < 0 || in.position() > 100_000)) {
            e.put("position", "hazards.intake.syslog.error.position");
        }
        String sample = trim(in.sample());
        if (sample != null && sample.length() > 4000) {
            e.put("sample", "hazards.intake.syslog.error.sample");
        }
        if (!e.isEmpty()) {
            throw new InvalidInput("hazards.intake.syslog.error.invalid", e);
        }
        int position = in.position() != null ? in.position() : before != null ? before.position()
                : store.rules().stream().mapToInt(MappingRule::position).max().orElse(0) + 10;
        boolean enabled = in.enabled() == null ? before == null || before.enabled() : in.enabled();
        return new MappingRule(before == null ? null : before.id(), name, position, enabled, kind, app, pattern, title, trim(in.severity()),
                map, def, trim(in.sourceAddress()), trim(in.destAddress()), trim(in.signature()), in.systemId(),
                before != null && before.builtin(), sample, Instant.now(), null);
    }

    private static void template(Map<String, String> e, String field, String value) {
        if (value != null && value.strip().length() > 200) {
            e.put(field, "hazards.intake.syslog.error.template");
        }
    }

    private static String describe(MappingRule r) {
        return r.name() + " [" + r.kind() + (r.enabled() ? "" : ", disabled") + ", #" + r.position() + "] pattern=" + r.pattern() + " title="
                + r.title() + " severity=" + r.severity() + " map=" + r.severityMap() + " default=" + r.defaultSeverity() + " src="
                + r.sourceAddress() + " dst=" + r.destAddress() + " sig=" + r.signature() + " app=" + r.appFilter() + " system=" + r.systemId();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
