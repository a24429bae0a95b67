package cn.govcloud.guard.shared;

/**
 * A request the Measures (or the platform's own security rules) forbid. The web layer answers
 * 409 problem details naming {@link #rule()}, e.g. {@code A11.1}, and the UI shows the message.
 */
public class RuleViolation extends RuntimeException {
    private final String rule;

    public RuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
