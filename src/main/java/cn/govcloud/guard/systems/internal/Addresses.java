package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.shared.IpAddresses;
import java.util.Optional;
import java.util.regex.Pattern;

/** The syntax of a system's addresses: IPv4 / IPv6 addresses, CIDR ranges and domain names. */
public final class Addresses {
    public enum Kind { IP, CIDR, DOMAIN }

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)(\\*\\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    private Addresses() {
    }

    /**
     * What kind of address {@code value} is, or empty when it is none. IP literals and CIDR ranges are read by the one
     * parser the intake also matches with ({@link IpAddresses}), so what the register accepts is what a scan can find.
     */
    public static Optional<Kind> classify(String value) {
        if (value == null || value.isBlank() || value.length() > 255) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.indexOf('/') > 0) {
            return IpAddresses.cidr(v).map(c -> Kind.CIDR);
        }
        if (IpAddresses.literal(v).isPresent()) {
            return Optional.of(Kind.IP);
        }
        if (v.matches("[0-9.]+") || v.indexOf(':') >= 0) {
            return Optional.empty(); // a broken IP address, not a domain
        }
        return DOMAIN.matcher(v).matches() ? Optional.of(Kind.DOMAIN) : Optional.empty();
    }
}
