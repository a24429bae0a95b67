package cn.govcloud.guard.platform.internal;

import java.util.Map;

/** The registers' field checks: each refusal is collected under its field with the bundle key to show. */
final class Fields {

    private Fields() {
    }

    /** The stripped text, or null when blank; blank but required, or longer than {@code max}, notes {@code key} for the field. */
    static String text(Map<String, String> errors, String field, String value, int max, boolean required, String key) {
        if (blank(value)) {
            if (required) {
                errors.put(field, key);
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.put(field, key);
        }
        return v;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The stripped text, or null when blank. */
    static String strippedOrNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
