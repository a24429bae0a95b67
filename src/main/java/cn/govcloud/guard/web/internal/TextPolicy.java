package cn.govcloud.guard.web.internal;

/**
 * The one policy for text coming in (issue 20 point 10), applied to every request parameter and every
 * JSON string before any module sees it, so PostgreSQL and H2 answer alike: no NUL (PostgreSQL refuses
 * it in text, H2 stores it), no lone surrogate (it would be stored as '?'), and no invisible
 * formatting that makes a name read differently from what it is: bidirectional overrides and
 * isolates (the "Trojan Source" characters) and zero-width characters.
 */
final class TextPolicy {
    private TextPolicy() {
    }

    /** Why {@code text} is refused, or null if it passes. */
    static String violation(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
                return String.format("contains an invisible bidirectional control character (U+%04X)", (int) c);
            }
            if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF) {
                return String.format("contains an invisible zero-width character (U+%04X)", (int) c);
            }
        }
        return null;
    }
}
