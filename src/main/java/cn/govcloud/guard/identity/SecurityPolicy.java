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

    /** @throws InvalidInput naming each field out of bounds */
    public SecurityPolicy validated() {
        Map<String, String> errors = new LinkedHashMap<>();
        check(errors, "minLength", minLength, 8, 64);
        check(errors, "minCharacterClasses", minCharacterClasses, 2, 4);
        check(errors, "historyCount", historyCount, 0, 24);
        check(errors, "expiryDays", expiryDays, 0, 365);
        check(errors, "maxFailures", maxFailures, 3, 10);
        check(errors, "lockoutMinutes", lockoutMinutes, 1, 1440);
        check(errors, "sessionTimeoutMinutes", sessionTimeoutMinutes, 5, 120);
        if (!errors.isEmpty()) {
            throw new InvalidInput("security policy out of bounds", errors);
        }
        return this;
    }

    private static void check(Map<String, String> errors, String field, int value, int min, int max) {
        if (value < min || value > max) {
            errors.put(field, "must be between " + min + " and " + max);
        }
    }
}
