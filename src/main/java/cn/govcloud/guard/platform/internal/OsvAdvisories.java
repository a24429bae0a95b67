package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.shared.Unprocessable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import io.github.nscuro.versatile.Vers;
import io.github.nscuro.versatile.VersUtils;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads OSV advisories (https://ossf.github.io/osv-schema/, as GitHub publishes its GHSA records) for offline
 * matching against the component list (A5.5). An affected package matches a component by its explicit
 * {@code versions} or by its {@code ranges}; SEMVER and ECOSYSTEM ranges become {@code vers} ranges of the
 * package's ecosystem (npm semver, Maven, PyPI, Go, NuGet, RubyGems, Debian, Alpine) through versatile, the
 * implementation Dependency-Track uses, so "introduced 0, fixed 1.3.6" compares as that ecosystem compares.
 * GIT ranges (commits) and ecosystems versatile does not know are kept out of matching and counted.
 */
final class OsvAdvisories {
    /** {@code ranges}: the vers ranges built from the entry's SEMVER/ECOSYSTEM ranges; {@code skippedRanges} those that could not be. */
    record Affected(String packageKey, Set<String> versions, List<Vers> ranges, int skippedRanges) {
        /** Whether {@code version} of this package is affected; a version the ecosystem cannot parse matches only by name. */
        String matches(String version) {
            if (version == null) {
                return null;
            }
            if (versions.contains(version)) {
                return "versions";
            }
            for (Vers range : ranges) {
                try {
                    if (range.contains(version)) {
                        return range.toString();
                    }
                } catch (RuntimeException unparsable) {
                    // not a version of this scheme (e.g. "latest"): no range match
                }
            }
            return null;
        }
    }

    record Advisory(String id, String summary, List<Affected> affected) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ADVISORIES = 500_000;

    private OsvAdvisories() {
    }

    static List<Advisory> parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new Unprocessable("platform.osv.error.malformed");
        }
        JsonNode list = root == null ? null : root.isArray() ? root : root.has("vulns") ? root.get("vulns") : null;
        List<JsonNode> entries = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(entries::add);
        } else if (root != null && root.isObject() && root.has("id")) {
            entries.add(root);
        } else {
            throw new Unprocessable("platform.osv.error.notOsv");
        }
        if (entries.size() > MAX_ADVISORIES) {
            throw new Unprocessable("platform.osv.error.tooMany");
        }
        List<Advisory> advisories = new ArrayList<>();
        for (JsonNode e : entries) {
            String id = text(e.get("id"));
            if (id == null || id.length() > 100) {
                throw new Unprocessable("platform.osv.error.notOsv");
            }
            String summary = text(e.get("summary"));
            if (summary != null && summary.length() > 1000) {
                summary = summary.substring(0, 1000);
            }
            List<Affected> affected = new ArrayList<>();
            JsonNode affs = e.get("affected");
            if (affs != null && affs.isArray()) {
                for (JsonNode a : affs) {
                    JsonNode pkg = a.get("package");
                    if (pkg == null || !pkg.isObject()) {
                        continue;
                    }
                    String purl = text(pkg.get("purl"));
                    String ecosystem = text(pkg.get("ecosystem"));
                    String key = purl != null ? packageOf(purl) : ecosystemKey(ecosystem, text(pkg.get("name")));
                    if (key == null) {
                        continue;
                    }
                    if (ecosystem == null) {
                        ecosystem = ecosystemOfPurl(key);
                    }
                    Set<String> versions = new HashSet<>();
                    JsonNode vs = a.get("versions");
                    if (vs != null && vs.isArray()) {
                        vs.forEach(v -> {
                            if (v.isString()) {
                                versions.add(v.asString());
                            }
                        });
                    }
                    List<Vers> ranges = new ArrayList<>();
                    int skipped = 0;
                    JsonNode rs = a.get("ranges");
                    if (rs != null && rs.isArray()) {
                        for (JsonNode range : rs) {
                            Vers vers = vers(range, ecosystem);
                            if (vers == null) {
                                skipped++;
                            } else {
                                ranges.add(vers);
                            }
                        }
                    }
                    affected.add(new Affected(key, versions, ranges, skipped));
                }
            }
            advisories.add(new Advisory(id, summary, affected));
        }
        return advisories;
    }

    /** One OSV range as a vers range, or null when it cannot be one (a GIT range, an unknown ecosystem, bad events). */
    static Vers vers(JsonNode range, String ecosystem) {
        String type = text(range.get("type"));
        JsonNode events = range.get("events");
        if (type == null || ecosystem == null || events == null || !events.isArray() || "GIT".equalsIgnoreCase(type)) {
            return null;
        }
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (JsonNode event : events) {
            if (event == null || !event.isObject() || event.size() != 1) {
                return null;
            }
            String name = event.propertyNames().iterator().next();
            String value = text(event.get(name));
            if (value == null) {
                return null;
            }
            list.add(Map.entry(name, value));
        }
        try {
            return VersUtils.versFromOsvRange(type.toLowerCase(Locale.ROOT), ecosystem, list, Map.of());
        } catch (RuntimeException unsupported) {
            return null;
        }
    }

    /** The OSV ecosystem of a purl type, for advisories that give only the purl. */
    static String ecosystemOfPurl(String packageKey) {
        int slash = packageKey.indexOf('/');
        String type = slash < 0 ? "" : packageKey.substring(4, slash);
        return switch (type) {
            case "npm" -> "npm";
            case "maven" -> "Maven";
            case "pypi" -> "PyPI";
            case "golang" -> "Go";
            case "gem" -> "RubyGems";
            case "nuget" -> "NuGet";
            case "deb" -> "Debian";
            case "apk" -> "Alpine";
            case "cargo" -> "crates.io";
            default -> null;
        };
    }

    /** {@code pkg:maven/org.x/y@1.2?type=jar} → {@code pkg:maven/org.x/y}: the package without version, qualifiers, subpath. */
    static String packageOf(String purl) {
        String p = purl;
        int cut = p.length();
        for (char c : new char[] {'@', '?', '#'}) {
            int i = p.indexOf(c, p.indexOf('/') < 0 ? 0 : p.indexOf('/'));
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return p.substring(0, cut).toLowerCase(Locale.ROOT);
    }

    /** OSV ecosystems to purl types for the common cases, so advisories without a purl still match. */
    static String ecosystemKey(String ecosystem, String name) {
        if (ecosystem == null || name == null) {
            return null;
        }
        String eco = ecosystem.toLowerCase(Locale.ROOT);
        switch (eco) {
            case "maven":
                return "pkg:maven/" + name.replace(':', '/').toLowerCase(Locale.ROOT);
            case "npm":
                return "pkg:npm/" + name.toLowerCase(Locale.ROOT);
            case "pypi":
                return "pkg:pypi/" + name.toLowerCase(Locale.ROOT).replace('_', '-');
            case "go":
                return "pkg:golang/" + name.toLowerCase(Locale.ROOT);
            case "crates.io":
                return "pkg:cargo/" + name.toLowerCase(Locale.ROOT);
            case "rubygems":
                return "pkg:gem/" + name.toLowerCase(Locale.ROOT);
            case "nuget":
                return "pkg:nuget/" + name.toLowerCase(Locale.ROOT);
            default:
                return null;
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isString() && !n.asString().isBlank() ? n.asString().strip() : null;
    }
}
