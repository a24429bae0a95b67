package cn.govcloud.guard.systems.internal;

/** Where a hosted system is in its life on the platform. */
public enum SystemState {
    /** 登记: being registered, still editable. */
    DRAFT,
    /** 待签协议: registration complete, the responsibility agreement is not yet signed (A11.1). */
    AWAITING_AGREEMENT,
    /** 待核验: admission requested, the supervisor verifies the items (A11.2). */
    AWAITING_VERIFICATION,
    /** 已准入: running; intranet only until a switch is turned on (A11.2). */
    ADMITTED,
    /** 暂停服务 (A11.4). */
    SUSPENDED,
    /** 限期退出 (A11.4), with a deadline. */
    EXIT_ORDERED,
    /** 已退出, with the disposition of its data recorded. */
    EXITED;

    /** The states in which the system runs on the platform and owes recurring duties. */
    public boolean onPlatform() {
        return this == ADMITTED || this == SUSPENDED || this == EXIT_ORDERED;
    }
}
