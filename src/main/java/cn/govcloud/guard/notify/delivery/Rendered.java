package cn.govcloud.guard.notify.delivery;

/**
 * A notice as outbound text, in Chinese (A10.1).
 *
 * @param title   one line: platform, severity and the message's start (e-mail subject, robot title)
 * @param message the message itself
 * @param url     where it leads (absolute when the base URL is configured), or null
 * @param footer  notice key and time, for whoever follows it up
 */
record Rendered(String title, String message, String url, String footer) {

    String plain() {
        StringBuilder s = new StringBuilder(message);
        if (url != null) {
            s.append("\n\n").append(url);
        }
        return s.append("\n\n").append(footer).toString();
    }
}
