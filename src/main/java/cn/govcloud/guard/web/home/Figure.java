package cn.govcloud.guard.web.home;

/** The figures a home page can show; each is counted only when one of the person's roles shows it. */
enum Figure {
    ORGANISATIONS("home.figure.organisations"),
    USERS("home.figure.users"),
    AUDIT_TODAY("home.figure.auditToday");

    private final String messageKey;

    Figure(String messageKey) {
        this.messageKey = messageKey;
    }

    String messageKey() {
        return messageKey;
    }
}
