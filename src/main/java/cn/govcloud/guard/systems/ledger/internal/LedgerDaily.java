package cn.govcloud.guard.systems.ledger.internal;

import org.springframework.stereotype.Component;

/** The ledger's daily run, public so tests and the demo can run it at a moment of their choosing. Idempotent. */
@Component
public class LedgerDaily {
    private final LedgerDuties duties;
    private final LedgerReminders reminders;
    private final LedgerService ledger;

    LedgerDaily(LedgerDuties duties, LedgerReminders reminders, LedgerService ledger) {
        this.duties = duties;
        this.reminders = reminders;
        this.ledger = ledger;
    }

    /** Fulfils this year's duties raised after their filing (A7.2), then sends the due reminders. */
    public Result run() {
        return new Result(duties.reconcile(ledger.today()), reminders.run());
    }

    public record Result(int dutiesFulfilled, int remindersSent) {
    }
}
