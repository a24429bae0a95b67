package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.shared.Unprocessable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads OSV advisories (https://ossf.github.io/osv-schema/) for offline matching against the component list (A5.5). */
final class OsvAdvisories {
    record Affected(String packageKey, Set<String> versions) {
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
                    String key = purl != null ? packageOf(purl) : ecosystemKey(text(pkg.get("ecosystem")), text(pkg.get("name")));
                    if (key == null) {
                        continue;
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
                    affected.add(new Affected(key, versions));
                }
            }
            advisories.add(new Advisory(id, summary, affected));
        }
        return advisories;
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
