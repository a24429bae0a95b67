package cn.govcloud.guard.systems.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** The syntax of a system's addresses: IPv4 / IPv6 addresses, CIDR ranges and domain names. */
public final class Addresses {
    public enum Kind { IP, CIDR, DOMAIN }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)(\\*\\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    private Addresses() {
    }

    /** What kind of address {@code value} is, or empty when it is none. */
    public static Optional<Kind> classify(String value) {
        if (value == null || value.isBlank() || value.length() > 255) {
            return Optional.empty();
        }
        String v = value.strip();
        int slash = v.indexOf('/');
        if (slash > 0) {
            String ip = v.substring(0, slash);
            String bits = v.substring(slash + 1);
            if (!bits.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            int prefix = Integer.parseInt(bits);
            if (IPV4.matcher(ip).matches() && prefix <= 32 || ipv6(ip) && prefix <= 128) {
                return Optional.of(Kind.CIDR);
            }
            return Optional.empty();
        }
        if (IPV4.matcher(v).matches() || ipv6(v)) {
            return Optional.of(Kind.IP);
        }
        if (v.matches("[0-9.]+")) {
            return Optional.empty(); // looks like a broken IPv4 address, not a domain
        }
        return DOMAIN.matcher(v).matches() ? Optional.of(Kind.DOMAIN) : Optional.empty();
    }

    private static boolean ipv6(String v) {
        if (!v.contains(":") || !IPV6.matcher(v).matches() || v.indexOf("::") != v.lastIndexOf("::")) {
            return false;
        }
        String[] groups = v.split(":", -1);
        int nonEmpty = 0;
        for (String g : groups) {
            if (g.length() > 4) {
                return false;
            }
            if (!g.isEmpty()) {
                nonEmpty++;
            }
        }
        return v.contains("::") ? nonEmpty <= 7 : groups.length == 8 && nonEmpty == 8;
    }
}
