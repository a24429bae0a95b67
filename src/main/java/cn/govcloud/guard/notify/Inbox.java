package cn.govcloud.guard.notify;

/** The in-app inbox: every user sees the notices sent to their organisation and role. */
public interface Inbox {

    /**
     * Delivers a notice in the caller's transaction. Returns false, and changes nothing, when a
     * notice with the same key was delivered before (also by another application instance).
     */
    boolean deliver(Notice notice);

    /** Unread notices of the given user (for the layout's badge). */
    long unreadCount(long userId);
}
