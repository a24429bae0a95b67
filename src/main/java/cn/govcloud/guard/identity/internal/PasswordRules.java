package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.SecurityPolicy;
import cn.govcloud.guard.shared.InvalidInput;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Checks a new password against the security policy: length, character classes, no reuse of the last N. */
final class PasswordRules {
    private PasswordRules() {
    }

    static int characterClasses(String password) {
        boolean lower = false, upper = false, digit = false, other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    /** @param previousHashes the user's current and earlier hashes, newest first */
    static void check(SecurityPolicy policy, String username, String password, List<String> previousHashes,
                      PasswordEncoder encoder) {
        if (password == null || password.length() < policy.minLength()) {
            throw fail("password must be at least " + policy.minLength() + " characters");
        }
        if (password.length() > 128) {
            throw fail("password must be at most 128 characters");
        }
        if (characterClasses(password) < policy.minCharacterClasses()) {
            throw fail("password must mix at least " + policy.minCharacterClasses()
                    + " of: lower case, upper case, digits, other characters");
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            throw fail("password must not contain the username");
        }
        int n = Math.min(policy.historyCount(), previousHashes.size());
        for (int i = 0; i < n; i++) {
            if (encoder.matches(password, previousHashes.get(i))) {
                throw fail("password must differ from the last " + policy.historyCount() + " passwords");
            }
        }
    }

    private static InvalidInput fail(String message) {
        return new InvalidInput(message, Map.of("password", message));
    }
}
