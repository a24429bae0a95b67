package cn.govcloud.guard.duties;

import java.time.LocalDate;

/**
 * The engine's two jobs, which db-scheduler runs (generation daily at 00:05 Beijing time and at
 * start-up, the sweep every 30 seconds); public so the demo seeder and tests can run them at a
 * moment of their choosing. Both are idempotent and safe on several nodes at once.
 */
public interface DutyEngine {

    /** Recurring duties for every period overlapping [from, to]; returns how many were new. */
    int generate(LocalDate from, LocalDate to);

    /** From the day after the last generated day (at most a month back) through today. */
    int catchUp();

    /** Marks passed-due duties overdue, sends due reminders and escalations; returns how many duties became overdue. */
    int sweep();
}
