package cn.govcloud.guard.identity;

import cn.govcloud.guard.shared.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security administrator's rules for passwords, lockout and sessions (a level-3 system's
 * identification and authentication controls). Bounds keep a policy from being set weaker than
 * the platform may run with.
 */
public record SecurityPolicy(int minLength, int minCharacterClasses, int historyCount, int expiryDays,
                             int maxFailures, int lockoutMinutes, int sessionTimeoutMinutes) {

    /** The allowed range of each field, by field name, in the order of the record. */
    public record Bound(int min, int max) {
    }

    public static final Map<String, Bound> BOUNDS = bounds();

    private static Map<String, Bound> bounds() {
        Map<String, Bound> b = new LinkedHashMap<>();
        b.put("minLength", new Bound(8, 64));
        b.put("minCharacterClasses", new Bound(2, 4));
        b.put("historyCount", new Bound(0, 24));
        b.put("expiryDays", new Bound(0, 365));
        b.put("maxFailures", new Bound(3, 10));
        b.put("lockoutMinutes", new Bound(1, 1440));
        b.put("sessionTimeoutMinutes", new Bound(5, 120));
        return java.util.Collections.unmodifiableMap(b);
    }

    /** @throws InvalidInput naming each field out of bounds */
    public SecurityPolicy validated() {
        Map<String, String> errors = new LinkedHashMap<>();
        check(errors, "minLength", minLength);
        check(errors, "minCharacterClasses", minCharacterClasses);
        check(errors, "historyCount", historyCount);
        check(errors, "expiryDays", expiryDays);
        check(errors, "maxFailures", maxFailures);
        check(errors, "lockoutMinutes", lockoutMinutes);
        check(errors, "sessionTimeoutMinutes", sessionTimeoutMinutes);
        if (!errors.isEmpty()) {
            throw new InvalidInput("security policy out of bounds", errors);
        }
        return this;
    }

    private static void check(Map<String, String> errors, String field, int value) {
        Bound bound = BOUNDS.get(field);
        if (value < bound.min() || value > bound.max()) {
            errors.put(field, "must be between " + bound.min() + " and " + bound.max());
        }
    }
}
