package cn.govcloud.guard.notify;

import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One message to the people of one organisation.
 *
 * @param key        delivery is idempotent on it: the same key is delivered once, however often it is sent
 *                   (e.g. {@code duty:42:overdue}), so a retried or doubly scheduled sender cannot double-notify
 * @param orgId      the receiving organisation
 * @param roles      who in it receives it; empty means every active user of the organisation
 * @param messageKey the text, looked up in the message bundles in the reader's language; {@code args} fill its {0}, {1}…
 * @param link       a path in the UI the notice leads to, e.g. {@code /duties/42}
 * @param severity   INFO, WARNING or CRITICAL
 * @param at         when it was raised
 */
public record Notice(String key, long orgId, Set<Role> roles, String messageKey, List<String> args, String link,
                     Severity severity, Instant at) {
    public Notice {
        roles = Set.copyOf(roles);
        args = List.copyOf(args);
    }

    public enum Severity { INFO, WARNING, CRITICAL }

    private static final String LABEL = "msg:";

    /**
     * An argument that is itself a message, rendered in the reader's language: {@code label("hazards.severity.HIGH")}
     * reads 「高危」 in Chinese and "High" in English, where the bare enum name would show "HIGH" (issue 23 point 4).
     */
    public static String label(String messageKey) {
        return LABEL + messageKey;
    }

    /** The arguments as the message source takes them: {@link #label labels} become resolvable messages. */
    public static Object[] arguments(List<String> args) {
        return args.stream().map(a -> a != null && a.startsWith(LABEL)
                ? (Object) new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {a.substring(LABEL.length())},
                        a.substring(LABEL.length() + a.substring(LABEL.length()).lastIndexOf('.') + 1))
                : a).toArray();
    }
}
