package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.clip;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.hazards.intake.Intake.NewAlert;
import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A generic monitoring alert pushed alone (A10.1): checked field by field (400 naming each), matched to its
 * system by id or address or left in triage; a serious one reaches its unit at once.
 */
@Service
class AlertIntake {
    private final Alerts alerts;
    private final Systems systems;
    /** The systems' asset and exposure inventories: alerts and findings match on their ports too (issue 22 point 1). */
    private final cn.govcloud.guard.systems.inventory.AssetInventory inventory;
    private final AlertNotices notices;
    private final TriageClock triageClock;
    private final AuditLog audit;
    private final Clock clock;

    AlertIntake(Alerts alerts, Systems systems, cn.govcloud.guard.systems.inventory.AssetInventory inventory, AlertNotices notices, TriageClock triageClock, AuditLog audit, Clock clock) {
        this.alerts = alerts;
        this.systems = systems;
        this.inventory = inventory;
        this.notices = notices;
        this.triageClock = triageClock;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    long record(Actor actor, NewAlert alert) {
        IntakeAccess.requireAlertWriter(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (alert.title() == null || alert.title().isBlank() || alert.title().length() > 500) {
            errors.put("title", "hazards.intake.error.title");
        }
        Severity severity = severity(alert.severity());
        if (severity == null) {
            errors.put("severity", "hazards.intake.error.severity");
        }
        if (alert.systemId() == null && (alert.address() == null || alert.address().isBlank())) {
            errors.put("systemId", "hazards.intake.error.system");
        }
        if (alert.address() != null && alert.address().length() > 255) {
            errors.put("address", "hazards.intake.error.address");
        }
        if (alert.detail() != null && alert.detail().length() > 4000) {
            errors.put("detail", "hazards.intake.error.detail");
        }
        Instant now = clock.instant();
        if (alert.occurredAt() != null && alert.occurredAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.put("occurredAt", "hazards.intake.error.future");
        }
        Long systemId = null;
        Long orgId = null;
        if (alert.systemId() != null) {
            Optional<Systems.SystemRef> system = systems.find(alert.systemId());
            if (system.isEmpty()) {
                errors.put("systemId", "hazards.intake.error.unknownSystem");
            } else {
                systemId = system.get().id();
                orgId = system.get().orgId();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.intake.error.invalid", errors);
        }
        if (systemId == null) {
            AddressMatcher matcher = new AddressMatcher(systems.addresses(), inventory.endpoints());
            String[] hostPort = hostAndPort(alert.address());
            // issue 22 point 1: "ip:port" resolves through an inventory's NAT mapping or open port first
            Address m = (hostPort == null ? Optional.<Address>empty() : matcher.matchPort(hostPort[0], Integer.valueOf(hostPort[1])))
                    .or(() -> matcher.match(hostPort == null ? alert.address() : hostPort[0])).orElse(null);
            if (m != null) {
                systemId = m.systemId();
                orgId = m.orgId();
            }
        }
        long id = alerts.insertGeneric(alert.title().strip(), severity.name(), alert.address() == null ? null : alert.address().strip(),
                alert.detail(), alert.occurredAt() == null ? now : alert.occurredAt(), systemId, orgId, now, actor.username());
        notices.matched(id, now); // A10.1: a serious alert reaches its unit at once
        triageClock.alertsReceived("triage:alert:" + id, now, now);
        audit.record(AuditEvent.success("intake.alert.record", "alert:" + id, severity + " " + clip(alert.title().strip(), 200)
                + (systemId == null ? " (unmatched: triage)" : " system:" + systemId)));
        return id;
    }

    private static Severity severity(String text) {
        try {
            return text == null ? null : Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null; // reported with the other fields
        }
    }

    private static final java.util.regex.Pattern V4_PORT = java.util.regex.Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");
    private static final java.util.regex.Pattern V6_PORT = java.util.regex.Pattern.compile("\\[([0-9a-fA-F:.]+)]:(\\d{1,5})");

    /** An address written with its port — {@code 203.0.113.10:8443} or {@code [2001:db8::1]:443} — as host and port; null otherwise. */
    static String[] hostAndPort(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        for (java.util.regex.Pattern p : new java.util.regex.Pattern[] {V4_PORT, V6_PORT}) {
            java.util.regex.Matcher m = p.matcher(a);
            if (m.matches() && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 65535) {
                return new String[] {m.group(1), m.group(2)};
            }
        }
        return null;
    }
}
