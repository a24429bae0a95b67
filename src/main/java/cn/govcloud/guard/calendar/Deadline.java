package cn.govcloud.guard.calendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * When something is due: the day (Asia/Shanghai) and the instant it ends. For day-based
 * deadlines {@code dueAt} is 24:00 of {@code dueDate} in Asia/Shanghai, i.e. the next day's
 * 00:00 (+08:00): the duty is overdue from that instant on. For minute deadlines
 * {@code dueAt} is exact and {@code dueDate} is the Shanghai day it falls on.
 */
public record Deadline(LocalDate dueDate, Instant dueAt) {
    public boolean passed(Instant now) {
        return !now.isBefore(dueAt);
    }
}
