package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.hazards.intake.AlertRaised;
import cn.govcloud.guard.hazards.intake.AlertSent;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A10.1 "立即告知市大数据中心和涉事政务信息系统所属单位": how a serious alert (or burst) and serious
 * vulnerabilities are told at once, the same for both — one notice to the system's unit and one to each
 * supervisor, the provider's notice duty ({@link AlertRaised}, {@code A10.1-alert-notification}) raised and
 * fulfilled by those notices, and the unit's acknowledgement duty ({@link AlertSent}). Idempotent on the
 * reference, in the caller's transaction.
 */
@Component
class ToldAtOnce {
    private final Notifier notifier;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final OrganisationDirectory organisations;

    ToldAtOnce(Notifier notifier, Duties duties, ApplicationEventPublisher events, OrganisationDirectory organisations) {
        this.notifier = notifier;
        this.duties = duties;
        this.events = events;
        this.organisations = organisations;
    }

    /** The supervisors' organisations (asked once per batch of notices). */
    List<Long> supervisors() {
        return organisations.ofKind(OrgKind.SUPERVISOR).stream().map(o -> o.id()).toList();
    }

    /**
     * Tells {@code system}'s unit and the supervisors what {@code ref} stands for ({@code message} with {@code args},
     * linked to {@code link}); {@code fulfilled} is how the notice duty was met, as the duty list shows it.
     */
    void tell(String ref, Systems.SystemRef system, List<Long> supervisors, String message, List<String> args, String link, boolean critical,
              String fulfilled, Instant now) {
        Notice.Severity level = critical ? Notice.Severity.CRITICAL : Notice.Severity.WARNING;
        notifier.dispatch(new Notice(ref + ":unit", system.orgId(), Role.UNIT_ROLES, message, args, link, level, now));
        for (long supervisor : supervisors) {
            notifier.dispatch(new Notice(ref + ":supervisor:" + supervisor, supervisor, Set.of(Role.SUPERVISOR), message, args, link, level, now));
        }
        Subject subject = new Subject(SubjectKind.SYSTEM, system.id(), system.name(), system.orgId(), Map.of("mlpsLevel", system.mlpsLevel()));
        // A10.1-alert-notification: the provider's duty to tell both at once, raised by what was found and fulfilled by the
        // notices just sent (issue 17 point 10); idempotent on the reference
        events.publishEvent(new AlertRaised(ref, subject, now));
        duties.fulfil(ref + ":notice", fulfilled);
        // one acknowledgement per reference: an alert assigned later to a burst already told is not asked twice
        events.publishEvent(new AlertSent(ref, subject, now));
    }
}
