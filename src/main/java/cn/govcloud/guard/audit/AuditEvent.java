package cn.govcloud.guard.audit;

/**
 * One thing to append to the operation log. Leave {@code actor}, {@code organisation} and
 * {@code sourceAddress} null to take them from the current request and signed-in actor; set
 * them when there is none yet (a failed login names the username that was tried).
 *
 * @param action  a stable dotted name, e.g. {@code identity.user.create}, {@code auth.login}
 * @param target  what was acted on, e.g. {@code user:42}, or the request path
 * @param details free text or compact JSON; at most 4,000 characters are kept
 */
public record AuditEvent(String action, String target, AuditResult result, String details,
                         String actor, String organisation, String sourceAddress) {

    public static AuditEvent of(String action, String target, AuditResult result, String details) {
        return new AuditEvent(action, target, result, details, null, null, null);
    }

    public static AuditEvent success(String action, String target, String details) {
        return of(action, target, AuditResult.SUCCESS, details);
    }

    public AuditEvent by(String actor, String organisation) {
        return new AuditEvent(action, target, result, details, actor, organisation, sourceAddress);
    }

    public AuditEvent from(String sourceAddress) {
        return new AuditEvent(action, target, result, details, actor, organisation, sourceAddress);
    }
}
