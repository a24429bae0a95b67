package cn.govcloud.guard.incidents.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The national classification of network-security incidents: the seven categories of
 * 《国家网络安全事件应急预案》 (2017) with the sub-types of GB/Z 20986-2007 《信息安全技术 信息安全事件
 * 分类分级指南》. Labels are in the message bundles ({@code incidents.category.<code>},
 * {@code incidents.subType.<code>}); the API takes the codes or the Chinese category names.
 */
public final class Classification {
    private Classification() {
    }

    /** Category code → its sub-type codes, in the standard's order. */
    public static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();
    /** The Chinese names, so outside tools may send {@code "category": "网络攻击事件"}. */
    static final Map<String, String> CHINESE = new LinkedHashMap<>();

    static {
        add("MALWARE", "有害程序事件", "VIRUS", "WORM", "TROJAN", "BOTNET", "BLENDED", "WEB_EMBEDDED", "OTHER");
        add("NETWORK_ATTACK", "网络攻击事件", "DOS", "BACKDOOR", "EXPLOIT", "SCAN_SNIFF", "PHISHING", "INTERFERENCE", "OTHER");
        add("INFORMATION_DESTRUCTION", "信息破坏事件", "TAMPERING", "COUNTERFEIT", "LEAK", "THEFT", "LOSS", "OTHER");
        add("CONTENT_SECURITY", "信息内容安全事件", "ILLEGAL_CONTENT", "PUBLIC_OPINION", "INCITEMENT", "OTHER");
        add("FACILITY_FAILURE", "设备设施故障", "HARDWARE_SOFTWARE", "SUPPORTING_FACILITY", "HUMAN_DAMAGE", "OTHER");
        add("DISASTER", "灾害性事件", "NATURAL", "OTHER");
        add("OTHER", "其他事件", "OTHER");
    }

    private static void add(String code, String chinese, String... subTypes) {
        CATEGORIES.put(code, java.util.Arrays.stream(subTypes).map(s -> code + "." + s).toList());
        CHINESE.put(chinese, code);
    }

    /** The category code for a code or a Chinese name; empty when unknown. */
    public static Optional<String> category(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (CATEGORIES.containsKey(v)) {
            return Optional.of(v);
        }
        return Optional.ofNullable(CHINESE.get(v));
    }

    public static boolean subTypeOf(String category, String subType) {
        return CATEGORIES.getOrDefault(category, List.of()).contains(subType);
    }

    /** The category's catch-all sub-type, for a report that names only the category. */
    public static String otherOf(String category) {
        return category + ".OTHER";
    }
}
