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
    private final AlertNotices notices;
    private final TriageClock triageClock;
    private final AuditLog audit;
    private final Clock clock;

    AlertIntake(Alerts alerts, Systems systems, AlertNotices notices, TriageClock triageClock, AuditLog audit, Clock clock) {
        this.alerts = alerts;
        this.systems = systems;
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
            Address m = new AddressMatcher(systems.addresses()).match(alert.address()).orElse(null);
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
}
