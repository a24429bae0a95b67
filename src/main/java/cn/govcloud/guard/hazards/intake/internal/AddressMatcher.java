package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.systems.Systems.Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a scanned or alerting address to the hosted system that registered it (A10.1): built once
 * per import from {@code Systems.addresses()}, then every lookup is in memory — an exact IP, the
 * longest CIDR range holding it (IPv4 and IPv6), an exact domain or the nearest {@code *.} wildcard
 * (which covers any name below it, not the bare domain). Names are never resolved through DNS.
 */
public final class AddressMatcher {

    private final Map<String, Address> exact = new HashMap<>();
    /** prefix length → masked network (as hex) → address; walked from the longest prefix. */
    private final Map<Integer, Map<String, Address>> v4Ranges = new HashMap<>();
    private final Map<Integer, Map<String, Address>> v6Ranges = new HashMap<>();
    private final List<Integer> v4Prefixes;
    private final List<Integer> v6Prefixes;
    private final Map<String, Address> domains = new HashMap<>();
    private final Map<String, Address> wildcards = new HashMap<>();

    public AddressMatcher(List<Address> addresses) {
        for (Address a : addresses) {
            String value = a.address() == null ? "" : a.address().strip().toLowerCase(Locale.ROOT);
            // a malformed registered address matches nothing; the register validates what it stores
            switch (a.kind()) {
                case "IP" -> {
                    byte[] ip = literal(value);
                    if (ip != null) {
                        exact.putIfAbsent(hex(ip), a);
                    }
                }
                case "CIDR" -> cn.govcloud.guard.shared.IpAddresses.cidr(value).ifPresent(c ->
                        (c.network().length == 4 ? v4Ranges : v6Ranges).computeIfAbsent(c.prefix(), p -> new HashMap<>())
                                .putIfAbsent(hex(c.network()), a));
                case "DOMAIN" -> {
                    if (value.startsWith("*.")) {
                        wildcards.putIfAbsent(value.substring(2), a);
                    } else {
                        domains.putIfAbsent(trimDot(value), a);
                    }
                }
                default -> { }
            }
        }
        v4Prefixes = v4Ranges.keySet().stream().sorted(Comparator.reverseOrder()).toList();
        v6Prefixes = v6Ranges.keySet().stream().sorted(Comparator.reverseOrder()).toList();
    }

    /** The system behind the first of the given addresses (IP or name) that matches, if any. */
    public Optional<Address> match(String... candidates) {
        for (String c : candidates) {
            Address a = matchOne(c);
            if (a != null) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private Address matchOne(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return null;
        }
        String value = candidate.strip().toLowerCase(Locale.ROOT);
        byte[] ip = literal(value);
        if (ip != null) {
            Address a = exact.get(hex(ip));
            if (a != null) {
                return a;
            }
            boolean v4 = ip.length == 4;
            for (int prefix : v4 ? v4Prefixes : v6Prefixes) {
                a = (v4 ? v4Ranges : v6Ranges).get(prefix).get(hex(mask(ip, prefix)));
                if (a != null) {
                    return a;
                }
            }
            return null;
        }
        String name = trimDot(value);
        Address a = domains.get(name);
        if (a != null) {
            return a;
        }
        for (int dot = name.indexOf('.'); dot >= 0 && dot < name.length() - 1; dot = name.indexOf('.', dot + 1)) {
            a = wildcards.get(name.substring(dot + 1));
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /** The bytes of an IP literal, or null for anything else; never a DNS lookup. IPv4-mapped IPv6 is taken as IPv4. */
    static byte[] literal(String value) {
        return cn.govcloud.guard.shared.IpAddresses.literal(value).orElse(null);
    }

    private static byte[] mask(byte[] ip, int prefix) {
        return cn.govcloud.guard.shared.IpAddresses.mask(ip, prefix);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** How many addresses it holds, for the import's log line. */
    public int size() {
        int ranges = 0;
        for (Map<String, Address> m : new ArrayList<>(v4Ranges.values())) {
            ranges += m.size();
        }
        for (Map<String, Address> m : v6Ranges.values()) {
            ranges += m.size();
        }
        return exact.size() + ranges + domains.size() + wildcards.size();
    }
}
