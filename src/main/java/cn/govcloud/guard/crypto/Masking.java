package cn.govcloud.guard.crypto;

/** How personal numbers are shown to those not allowed to see them in full. */
public final class Masking {
    private Masking() {
    }

    /** {@code 150102199001011234} → {@code 1501**********1234}: first four and last four kept. */
    public static String idCard(String value) {
        return keep(value, 4, 4);
    }

    /** {@code 13812345678} → {@code 138****5678}. */
    public static String mobile(String value) {
        return keep(value, 3, 4);
    }

    private static String keep(String value, int head, int tail) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.length() <= head + tail) {
            return "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail) + value.substring(value.length() - tail);
    }
}
