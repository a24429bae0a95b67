package cn.govcloud.guard.systems.inventory.internal;

import cn.govcloud.guard.shared.IpAddresses;
import cn.govcloud.guard.systems.internal.Addresses;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one inventory row as typed in the form, the API or a spreadsheet row (A7.1): every value arrives as text so that
 * each bad one is named by its field. The same check serves all three, so the import refuses exactly what the form does.
 */
public final class AssetCheck {
    /** The fields, in the order of the form and the spreadsheet's columns. */
    public static final java.util.List<String> FIELDS = java.util.List.of("kind", "name", "product", "version", "address", "port",
            "publicAddress", "publicPort", "protocol", "service", "icpNumber", "remarks");
    /** An ICP 备案 number as the MIIT issues it, e.g. 蒙ICP备12345678号 or 蒙ICP备12345678号-2. */
    private static final Pattern ICP = Pattern.compile("[\\u4e00-\\u9fa5]ICP备\\d{4,12}号(-\\d{1,4})?");

    private AssetCheck() {
    }

    /** A row as typed: every value text, blank for absent. */
    public record Input(String kind, String name, String product, String version, String address, String port, String publicAddress,
                        String publicPort, String protocol, String service, String icpNumber, String remarks) {
        public static Input of(Map<String, String> form) {
            return new Input(form.get("kind"), form.get("name"), form.get("product"), form.get("version"), form.get("address"),
                    form.get("port"), form.get("publicAddress"), form.get("publicPort"), form.get("protocol"), form.get("service"),
                    form.get("icpNumber"), form.get("remarks"));
        }
    }

    /** The row as it will be stored, or the field errors (field → message key); never both. */
    public record Checked(Asset asset, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Checked check(Input in, long systemId) {
        Map<String, String> errors = new LinkedHashMap<>();
        AssetKind kind = AssetKind.parse(in.kind()).orElse(null);
        if (kind == null) {
            errors.put("kind", blank(in.kind()) ? "systems.assets.error.required" : "systems.assets.error.kind");
        }
        String name = text(in.name(), 255, "name", errors);
        String product = text(in.product(), 200, "product", errors);
        String version = text(in.version(), 100, "version", errors);
        String address = ip(in.address(), "address", errors);
        Integer port = port(in.port(), "port", errors);
        String publicAddress = ip(in.publicAddress(), "publicAddress", errors);
        Integer publicPort = port(in.publicPort(), "publicPort", errors);
        String protocol = null;
        if (!blank(in.protocol())) {
            protocol = in.protocol().strip().toUpperCase(Locale.ROOT);
            if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
                errors.put("protocol", "systems.assets.error.protocol");
            }
        }
        String service = text(in.service(), 100, "service", errors);
        String icp = null;
        if (!blank(in.icpNumber())) {
            icp = in.icpNumber().strip();
            if (!ICP.matcher(icp).matches()) {
                errors.put("icpNumber", "systems.assets.error.icp");
            }
        }
        String remarks = text(in.remarks(), 1000, "remarks", errors);
        if (kind != null) {
            switch (kind) {
                case HOST -> {
                    require(name, "name", errors);
                    require(in.address(), "address", errors);
                }
                case NAT -> {
                    require(in.publicAddress(), "publicAddress", errors);
                    require(in.publicPort(), "publicPort", errors);
                    require(in.address(), "address", errors);
                    require(in.port(), "port", errors);
                }
                case PORT -> {
                    boolean priv = !blank(in.address()) || !blank(in.port());
                    boolean pub = !blank(in.publicAddress()) || !blank(in.publicPort());
                    if (!priv && !pub) {
                        require(null, "port", errors);
                    }
                    if (priv) {
                        require(in.address(), "address", errors);
                        require(in.port(), "port", errors);
                    }
                    if (pub) {
                        require(in.publicAddress(), "publicAddress", errors);
                        require(in.publicPort(), "publicPort", errors);
                    }
                }
                case DOMAIN -> {
                    require(name, "name", errors);
                    if (name != null && !errors.containsKey("name")
                            && Addresses.classify(name).filter(k -> k == Addresses.Kind.DOMAIN).isEmpty()) {
                        errors.put("name", "systems.assets.error.domain");
                    }
                }
                case MIDDLEWARE -> require(product, "product", errors);
                default -> { }
            }
            if ((kind == AssetKind.NAT || kind == AssetKind.PORT) && protocol == null && !errors.containsKey("protocol")) {
                protocol = "TCP";
            }
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        if (kind == AssetKind.DOMAIN) {
            name = name.toLowerCase(Locale.ROOT);
        }
        return new Checked(new Asset(0, systemId, kind, name, product, version, address, port, publicAddress, publicPort, protocol, service, icp,
                remarks, null, null), Map.of());
    }

    private static void require(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            errors.putIfAbsent(field, "systems.assets.error.required");
        }
    }

    private static String text(String value, int max, String field, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.put(field, "systems.assets.error.tooLong");
        }
        return v;
    }

    /** An IPv4 or IPv6 literal, kept as typed (stripped, lower case); the matcher compares by bytes. */
    private static String ip(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.length() > 64 || IpAddresses.literal(v).isEmpty()) {
            errors.put(field, "systems.assets.error.ip");
            return null;
        }
        return v;
    }

    private static Integer port(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        errors.put(field, "systems.assets.error.port");
        return null;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
