package cn.govcloud.guard.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one parser of IP literals and CIDR ranges, for the register that validates what a unit declares and for the
 * intake that matches a scanned or alerting address to it: both must agree on what an address is (an IPv4-mapped
 * IPv6 address such as {@code ::ffff:10.0.0.5} is the IPv4 address {@code 10.0.0.5}). Never a DNS lookup: the JDK's
 * parser is only reached once the text is a literal.
 */
public final class IpAddresses {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private IpAddresses() {
    }

    /** A network: its address masked to the prefix, 4 bytes for IPv4 (also IPv4-mapped IPv6), 16 for IPv6. */
    public record Cidr(byte[] network, int prefix) {
        public Cidr {
            network = mask(network, prefix);
        }

        public boolean contains(byte[] address) {
            return address.length == network.length && java.util.Arrays.equals(mask(address, prefix), network);
        }
    }

    /** The bytes of an IP literal (4 or 16), or empty for anything else, e.g. a domain name or a malformed address. */
    public static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.isEmpty() || value.length() > 64 || !LITERAL.matcher(value).matches()) {
            return Optional.empty();
        }
        if (value.indexOf(':') < 0) {
            // a dotted quad only: the JDK would also take "10.1" or "0x0a.1" forms, which no register means
            if (!DOTTED_QUAD.matcher(value).matches()) {
                return Optional.empty();
            }
        } else if (value.indexOf("::") != value.lastIndexOf("::")) {
            return Optional.empty();
        }
        try {
            String bare = value.indexOf('%') > 0 ? value.substring(0, value.indexOf('%')) : value;
            // InetAddress returns an Inet4Address for IPv4-mapped IPv6 literals: one answer for both forms
            return Optional.of(InetAddress.getByName(bare).getAddress());
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A CIDR range {@code address/prefix}, the prefix within the address's length, or empty. */
    public static Optional<Cidr> cidr(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        if (slash <= 0 || !value.substring(slash + 1).matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(value.substring(slash + 1));
        String ip = value.substring(0, slash);
        return literal(ip).flatMap(bytes -> {
            // an IPv4-mapped IPv6 range counts its prefix over 128 bits: take away the 96 mapped bits
            int bits = bytes.length == 4 && ip.indexOf(':') >= 0 ? prefix - 96 : prefix;
            return bits >= 0 && bits <= bytes.length * 8 ? Optional.of(new Cidr(bytes, bits)) : Optional.empty();
        });
    }

    /** The address with the bits after the prefix cleared. */
    public static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
        }
        return masked;
    }
}
