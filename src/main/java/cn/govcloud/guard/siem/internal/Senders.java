package cn.govcloud.guard.siem.internal;

/** How a send failure reads on the destination's row and page: the exception's kind and message, bounded. */
final class Senders {
    private Senders() {
    }

    static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e.getCause() != null && e.getCause().getMessage() != null && !text.contains(e.getCause().getMessage())) {
            text += " (" + e.getCause().getMessage() + ")";
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
