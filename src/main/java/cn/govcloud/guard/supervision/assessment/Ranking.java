package cn.govcloud.guard.supervision.assessment;

import java.time.Instant;
import java.util.List;

/**
 * A year's annual assessment (A12): the units ranked, the provider's record, and what it was
 * computed with.
 *
 * @param finalisedAt null while the year is live (computed on read from the recorded data)
 * @param weights     the items and weights used, e.g. {@code duties=40;hazards=30;…}
 */
public record Ranking(int year, String catalogVersion, String weights, List<UnitScore> units, List<ProviderRecord> providers,
                      Instant computedAt, Instant finalisedAt, String finalisedBy) {

    public Ranking {
        units = List.copyOf(units);
        providers = List.copyOf(providers);
    }

    public boolean finalised() {
        return finalisedAt != null;
    }

    public java.util.Optional<UnitScore> unit(long orgId) {
        return units.stream().filter(u -> u.orgId() == orgId).findFirst();
    }

    /** Deductions by their words (the stored {@link #weights} keeps the model's ids; a reader sees Chinese, issue 23 point 4). */
    private static final java.util.Map<String, String> DEDUCTIONS = java.util.Map.of("I", "Ⅰ级事件", "II", "Ⅱ级事件",
            "III", "Ⅲ级事件", "IV", "Ⅳ级事件", "late", "迟报", "missing", "漏报", "concealed", "瞒报");

    /**
     * The weights as a reader reads them: {@code duties=40;incidents=20(I=20,late=5)} becomes
     * 「按期履行职责 40 分；安全事件 20 分（每起扣分：Ⅰ级事件 20，迟报 5）」, each item by the title it was scored under.
     */
    public String weightsInWords() {
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        units.forEach(u -> u.items().forEach(i -> titles.putIfAbsent(i.itemId(), i.title())));
        List<String> parts = new java.util.ArrayList<>();
        for (String item : weights.split(";")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^=(]+)=(\\d+)(?:\\((.*)\\))?").matcher(item.strip());
            if (!m.matches()) {
                parts.add(item);
                continue;
            }
            StringBuilder part = new StringBuilder(titles.getOrDefault(m.group(1), m.group(1))).append(' ').append(m.group(2)).append(" 分");
            if (m.group(3) != null) {
                List<String> each = new java.util.ArrayList<>();
                for (String d : m.group(3).split(",")) {
                    String[] kv = d.split("=", 2);
                    each.add(DEDUCTIONS.getOrDefault(kv[0], kv[0]) + " " + (kv.length > 1 ? kv[1] : ""));
                }
                part.append("（每起扣分：").append(String.join("，", each)).append("）");
            }
            parts.add(part.toString());
        }
        return String.join("；", parts);
    }

    /** The same ranking as one reader may see it (e.g. a unit: only its own line; the provider: none). */
    public Ranking only(List<UnitScore> visibleUnits, List<ProviderRecord> visibleProviders) {
        return new Ranking(year, catalogVersion, weights, visibleUnits, visibleProviders, computedAt, finalisedAt, finalisedBy);
    }
}
