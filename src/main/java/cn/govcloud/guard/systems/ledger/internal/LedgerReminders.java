package cn.govcloud.guard.systems.ledger.internal;

import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.systems.ledger.AssessmentLedger.Due;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reminds a unit of an assessment falling due (A7.2): at 90, 60 and 30 days before the ledger's next due date
 * ({@code govguard.systems.assessment-reminders}) and once when it has passed, through the notifier (in-app and the
 * unit's channels). Each reminder is sent once: the notice key names the system, kind, due date and distance, and
 * delivery is idempotent on it; a day missed sends only the nearest distance passed, not every one at once.
 */
@Component
class LedgerReminders {
    private final LedgerService ledger;
    private final Notifier notifier;
    private final Clock clock;
    private final List<Integer> days;

    LedgerReminders(LedgerService ledger, Notifier notifier, Clock clock, LedgerSettings settings) {
        this.ledger = ledger;
        this.notifier = notifier;
        this.clock = clock;
        this.days = settings.assessmentReminders();
    }

    /** @return how many reminders went out now */
    int run() {
        LocalDate today = ledger.today();
        int largest = days.isEmpty() ? 0 : days.get(days.size() - 1);
        int sent = 0;
        for (Due due : ledger.dueBy(today.plusDays(largest))) {
            if (due.nextDue() == null) {
                continue; // never assessed: the year's duty and the 测评到期 list carry it
            }
            long left = ChronoUnit.DAYS.between(today, due.nextDue());
            String step = left < 0 ? "overdue" : days.stream().filter(d -> left <= d).findFirst().map(d -> "P" + d + "D").orElse(null);
            if (step == null) {
                continue;
            }
            String key = "assessment-due:" + due.systemId() + ":" + due.kind() + ":" + due.nextDue() + ":" + step;
            boolean overdue = left < 0;
            if (notifier.dispatch(new Notice(key, due.orgId(), Set.of(), overdue ? "systems.ledger.notice.overdue" : "systems.ledger.notice.due",
                    List.of(due.systemName(), due.kindLabel(), due.nextDue().toString(), String.valueOf(Math.abs(left))),
                    "/systems/" + due.systemId() + "/assessments", overdue ? Notice.Severity.CRITICAL : Notice.Severity.WARNING,
                    clock.instant()))) {
                sent++;
            }
        }
        return sent;
    }
}
