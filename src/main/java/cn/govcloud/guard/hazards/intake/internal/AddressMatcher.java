package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.systems.Systems.Address;
import cn.govcloud.guard.systems.inventory.AssetInventory.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches a scanned or alerting address to the hosted system that registered it (A10.1): built once
 * per import from {@code Systems.addresses()}, then every lookup is in memory — an exact IP, the
 * longest CIDR range holding it (IPv4 and IPv6), an exact domain or the nearest {@code *.} wildcard
 * (which covers any name below it, not the bare domain). Names are never resolved through DNS.
 *
 * <p>With the systems' asset and exposure inventories (issue 22 point 1, A7.1) it also matches on ports: an address and
 * port ({@link #matchPort}) resolve to the system whose NAT mapping (public or private side) or open port lists them —
 * so two systems behind one public IP are told apart by port — and the inventory's addresses (hosts, NAT and port
 * addresses, domains) match as addresses after the register's, when exactly one system lists them. It also answers
 * whether a scanned port is in a system's inventory ({@link #drift}).
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

    /** ip (hex) + "/" + port → the system whose inventory lists that endpoint. */
    private final Map<String, Address> endpoints = new HashMap<>();
    /** systemId + "|" + ip (hex) + "/" + port + "/" + protocol: what each system's inventory lists. */
    private final Set<String> listed = new HashSet<>();
    /** The systems that keep an inventory at all: drift is judged only against a kept inventory. */
    private final Set<Long> inventoried = new HashSet<>();

    public AddressMatcher(List<Address> addresses) {
        this(addresses, List.of());
    }

    public AddressMatcher(List<Address> addresses, List<Endpoint> inventory) {
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
        Map<String, Set<Long>> inventoryAddresses = new HashMap<>();
        Map<String, Address> inventoryFirst = new HashMap<>();
        for (Endpoint e : inventory) {
            inventoried.add(e.systemId());
            String value = e.address() == null ? "" : e.address().strip().toLowerCase(Locale.ROOT);
            byte[] ip = literal(value);
            String key = ip != null ? hex(ip) : "name:" + trimDot(value);
            Address a = new Address(e.systemId(), e.orgId(), "INVENTORY", e.port() == null ? value : value + ":" + e.port());
            if (ip != null && e.port() != null) {
                endpoints.putIfAbsent(key + "/" + e.port(), a);
                listed.add(e.systemId() + "|" + key + "/" + e.port() + "/" + protocol(e.protocol()));
            }
            inventoryAddresses.computeIfAbsent(key, k -> new HashSet<>()).add(e.systemId());
            inventoryFirst.putIfAbsent(key, new Address(e.systemId(), e.orgId(), "INVENTORY", value));
        }
        inventoryAddresses.forEach((key, systems) -> {
            if (systems.size() != 1) {
                return; // listed by several systems: only a port tells them apart
            }
            Address a = inventoryFirst.get(key);
            if (key.startsWith("name:")) {
                domains.putIfAbsent(key.substring(5), a);
            } else {
                exact.putIfAbsent(key, a);
            }
        });
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

    /**
     * The system whose inventory lists this IP address and port (a NAT mapping's public or private side, an open port),
     * if any; empty for a name, a missing port or an endpoint no inventory lists.
     */
    public Optional<Address> matchPort(String host, Integer port) {
        if (port == null || host == null || endpoints.isEmpty()) {
            return Optional.empty();
        }
        byte[] ip = literal(host.strip().toLowerCase(Locale.ROOT));
        return ip == null ? Optional.empty() : Optional.ofNullable(endpoints.get(hex(ip) + "/" + port));
    }

    /** The port of a scanner's port text ({@code 443/tcp}, {@code 443}); null for {@code general/tcp} and the like. */
    static Integer port(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        String p = (slash < 0 ? text : text.substring(0, slash)).strip();
        try {
            int n = Integer.parseInt(p);
            return n >= 1 && n <= 65535 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The protocol of a scanner's port text ({@code 53/udp} → UDP); TCP when it names none. */
    static String protocolOf(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        return protocol(slash < 0 ? null : text.substring(slash + 1));
    }

    private static String protocol(String p) {
        return p != null && p.strip().equalsIgnoreCase("udp") ? "UDP" : "TCP";
    }

    /**
     * Exposure drift (issue 22 point 1, A10.1): whether a port found open on {@code host} of {@code systemId} is missing
     * from that system's inventory. False when the system keeps no inventory (nothing to drift from), for a host that is
     * not an IP literal or a result without a port.
     */
    public boolean drift(long systemId, String host, String portText) {
        Integer port = port(portText);
        byte[] ip = host == null ? null : literal(host.strip().toLowerCase(Locale.ROOT));
        if (port == null || ip == null || !inventoried.contains(systemId)) {
            return false;
        }
        return !listed.contains(systemId + "|" + hex(ip) + "/" + port + "/" + protocolOf(portText));
    }

    /** Whether the system keeps an asset and exposure inventory. */
    public boolean inventoried(long systemId) {
        return inventoried.contains(systemId);
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
        return exact.size() + ranges + domains.size() + wildcards.size() + endpoints.size();
    }
}
