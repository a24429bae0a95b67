package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notice.Severity;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The notices the duty engine sends — to the inbox and to the organisation's e-mail and robot
 * channels (A10.1). Each has a key naming the duty and the occasion, so it is delivered once even
 * if two nodes or a retried run send it again.
 */
@Component
class DutyNotices {
    private final Notifier notifier;
    private final Subjects subjects;
    private final Clock clock;

    DutyNotices(Notifier notifier, Subjects subjects, Clock clock) {
        this.notifier = notifier;
        this.subjects = subjects;
        this.clock = clock;
    }

    /** The people who act for a party within its organisation. */
    static Set<Role> actingRoles(Party party) {
        return switch (party) {
            case PROVIDER -> EnumSet.of(Role.PROVIDER_OPERATOR);
            case UNIT -> EnumSet.of(Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF);
            case SUPERVISOR -> EnumSet.of(Role.SUPERVISOR);
            case REGULATOR -> EnumSet.of(Role.REGULATOR);
            case SECURITY_ADMIN -> EnumSet.of(Role.SECURITY_ADMIN);
        };
    }

    void reminder(Duty duty, Rule rule, int number) {
        send("duty:" + duty.id() + ":remind:" + number, duty.orgId(), actingRoles(duty.party()), "duties.notice.reminder",
                duty, rule, Severity.INFO);
    }

    /** One notice per overdue episode: a duty returned and overdue again is told again. */
    void overdue(Duty duty, Rule rule, java.time.Instant overdueAt) {
        send("duty:" + duty.id() + ":overdue:" + overdueAt.getEpochSecond(), duty.orgId(), actingRoles(duty.party()), "duties.notice.overdue", duty, rule,
                Severity.WARNING);
    }

    /** To every organisation of the escalation's parties; a unit party means the duty's own unit. */
    int escalate(Duty duty, Rule rule) {
        int sent = 0;
        Subjects.Snapshot snapshot = subjects.snapshot();
        for (Party party : rule.escalation().parties()) {
            List<Long> orgs = party == Party.UNIT && snapshot.org(duty.orgId()).map(o -> o.kind() == OrgKind.UNIT).orElse(false)
                    ? List.of(duty.orgId())
                    : snapshot.orgsOf(Subjects.orgKind(party)).stream().map(o -> o.id()).toList();
            for (long org : orgs) {
                String episode = duty.overdueAt() == null ? "" : duty.overdueAt().getEpochSecond() + ":";
                if (send("duty:" + duty.id() + ":escalate:" + episode + org, org, actingRoles(party), "duties.notice.escalated", duty, rule,
                        Severity.CRITICAL)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    void submitted(Duty duty, Rule rule, long submissionId) {
        for (var org : subjects.snapshot().orgsOf(OrgKind.SUPERVISOR)) {
            send("duty:" + duty.id() + ":submitted:" + submissionId + ":" + org.id(), org.id(), Set.of(Role.SUPERVISOR),
                    "duties.notice.submitted", duty, rule, Severity.INFO);
        }
    }

    void reviewed(Duty duty, Rule rule, long submissionId, boolean accepted) {
        send("duty:" + duty.id() + ":reviewed:" + submissionId, duty.orgId(), actingRoles(duty.party()),
                accepted ? "duties.notice.accepted" : "duties.notice.returned", duty, rule, accepted ? Severity.INFO : Severity.WARNING);
    }

    /**
     * A loaded year moved or confirmed a provisional due date: the responsible people are told the new
     * date when it moved (a date that stayed needs no notice).
     */
    void dueMoved(Duty duty, Rule rule, java.time.LocalDate oldDueDate) {
        String title = rule == null ? duty.ruleId() : rule.title();
        notifier.dispatch(new Notice("duty:" + duty.id() + ":due-moved:" + oldDueDate + ":" + duty.dueDate(), duty.orgId(),
                actingRoles(duty.party()), "duties.notice.dueMoved", List.of(title, duty.subjectName(), oldDueDate.toString(),
                duty.dueDate().toString(), duty.article()), link(duty, actingRoles(duty.party())), Severity.INFO, clock.instant()));
    }

    private boolean send(String key, long orgId, Set<Role> roles, String messageKey, Duty duty, Rule rule, Severity severity) {
        String title = rule == null ? duty.ruleId() : rule.title();
        return notifier.dispatch(new Notice(key, orgId, roles, messageKey,
                List.of(title, duty.subjectName(), duty.dueDate().toString(), duty.article()),
                link(duty, roles), severity, clock.instant()));
    }

    /**
     * The security administrator has no duty pages (三权分立: they do not read the others' duties): the
     * calendar page is where their upkeep duty is shown and done. Everybody else opens the duty.
     */
    private static String link(Duty duty, Set<Role> roles) {
        return roles.equals(Set.of(Role.SECURITY_ADMIN)) ? "/calendar" : "/duties/" + duty.id();
    }
}
