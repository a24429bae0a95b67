package cn.govcloud.guard.calendar;

/** How often a recurring duty comes round; periods are calendar periods in Asia/Shanghai. */
public enum Cadence {
    DAILY, WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY
}
