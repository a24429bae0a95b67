package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A10.1 "立即告知市大数据中心和涉事政务信息系统所属单位，并确保相关信息准确送达": a serious alert (critical
 * or high) on a known system goes at once to the owning unit and the supervisor — inbox, e-mail and
 * robots — and the unit owes an acknowledgement (catalog rule {@code A10.1-alert-acknowledgement},
 * event {@code alert.sent}), which escalates when nobody answers. Medium and lower alerts wait on the
 * lists and in the hazard loop; a burst of them must not drown the one that matters.
 */
@Component
class AlertNotices {
    private final JdbcClient jdbc;
    private final Notifier notifier;
    private final Duties duties;
    private final Systems systems;
    private final OrganisationDirectory organisations;

    AlertNotices(JdbcClient jdbc, Notifier notifier, Duties duties, Systems systems, OrganisationDirectory organisations) {
        this.jdbc = jdbc;
        this.notifier = notifier;
        this.duties = duties;
        this.systems = systems;
        this.organisations = organisations;
    }

    private record Alarm(long id, long systemId, String title, String severity, Instant firstAt) {
    }

    /**
     * Every alarming, matched alert of the import received at {@code receivedAt}, in the caller's
     * transaction. Found by receipt time (±1 ms: the database keeps microseconds at most); another
     * import in that millisecond is told too, once — notices and duties are idempotent per alert.
     */
    void receivedAt(Instant receivedAt) {
        tell(jdbc.sql("select id, system_id, title, severity, first_at from intake_alert where received_at between :from and :to "
                        + "and system_id is not null and severity in ('CRITICAL','HIGH') order by id")
                .param("from", receivedAt.minusMillis(1).atOffset(ZoneOffset.UTC)).param("to", receivedAt.plusMillis(1).atOffset(ZoneOffset.UTC)).query((rs, i) -> new Alarm(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant())).list(), receivedAt);
    }

    /** One alert just matched to a system (recorded, or assigned from the triage queue). */
    void matched(long alertId, Instant now) {
        tell(jdbc.sql("select id, system_id, title, severity, first_at from intake_alert where id = :id and system_id is not null "
                        + "and severity in ('CRITICAL','HIGH')")
                .param("id", alertId).query((rs, i) -> new Alarm(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant())).list(), now);
    }

    private void tell(List<Alarm> alarms, Instant now) {
        if (alarms.isEmpty()) {
            return;
        }
        Map<Long, Systems.SystemRef> byId = systems.find(alarms.stream().map(Alarm::systemId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Systems.SystemRef::id, Function.identity()));
        List<Long> supervisors = organisations.ofKind(OrgKind.SUPERVISOR).stream().map(o -> o.id()).toList();
        for (Alarm alarm : alarms) {
            Systems.SystemRef system = byId.get(alarm.systemId());
            if (system == null) {
                continue;
            }
            List<String> args = List.of(system.name(), alarm.severity(), alarm.title());
            String link = "/intake/alerts/" + alarm.id();
            Notice.Severity level = alarm.severity().equals("CRITICAL") ? Notice.Severity.CRITICAL : Notice.Severity.WARNING;
            notifier.dispatch(new Notice("alert:" + alarm.id() + ":unit", system.orgId(), Role.UNIT_ROLES, "hazards.intake.notice.alert",
                    args, link, level, now));
            for (long supervisor : supervisors) {
                notifier.dispatch(new Notice("alert:" + alarm.id() + ":supervisor:" + supervisor, supervisor, Set.of(Role.SUPERVISOR),
                        "hazards.intake.notice.alert", args, link, level, now));
            }
            Subject subject = new Subject(SubjectKind.SYSTEM, system.id(), system.name(), system.orgId(), Map.of("mlpsLevel", system.mlpsLevel()));
            // A10.1-alert-notification: the provider's duty to tell both at once, raised by the alert and fulfilled by the notices
            // just sent (issue 17 point 10); idempotent on the reference
            duties.raise(new DutyTrigger("alert.raised", subject, now, "alert:" + alarm.id() + ":notice"));
            duties.fulfil("alert:" + alarm.id() + ":notice", "告警已立即送达系统所属单位和市大数据中心（站内信、邮件、群机器人）");
            // idempotent on the reference: an alert assigned later is not asked twice
            duties.raise(new DutyTrigger("alert.sent", subject, now, "alert:" + alarm.id()));
        }
    }
}
