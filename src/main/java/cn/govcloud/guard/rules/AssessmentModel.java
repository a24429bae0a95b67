package cn.govcloud.guard.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the annual assessment of each unit is scored (A12), as the catalog states it and a district
 * overlay may change it (A13): items with weights summing to 100 and, for incidents, the points a
 * confirmed incident of each grade deducts. An item with nothing due scores its full weight.
 *
 * @param items in catalog order; empty when the catalog has no {@code assessment} section
 */
public record AssessmentModel(List<Item> items) {

    /** The weights always add up to this (checked for the catalog and for every overlay). */
    public static final int TOTAL = 100;

    public AssessmentModel {
        items = List.copyOf(items);
    }

    public static AssessmentModel none() {
        return new AssessmentModel(List.of());
    }

    public Optional<Item> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public int totalWeight() {
        return items.stream().mapToInt(Item::weight).sum();
    }

    /** What an item measures. */
    public enum Kind {
        /** The unit's duties due in the year: done on time ÷ due (optionally only some rules or articles). */
        DUTIES,
        /** Hazards whose (effective) due date falls in the year: closed on time ÷ due (A10.2). */
        HAZARDS,
        /** Points deducted per incident confirmed in the year by grade, at most the weight (A10.5). */
        INCIDENTS,
        /** Systems on the platform admitted compliantly (agreement signed, verification passed, A11.1, A11.2) ÷ systems. */
        ADMISSION
    }

    /**
     * One scored item.
     *
     * @param deductions   grade (I … IV) → points per incident; empty for other kinds
     * @param rulePrefixes for DUTIES: only rules whose id starts with one of these; empty = every rule
     * @param articles     for DUTIES: only rules of these articles (e.g. A10.3); empty = every article
     * @param overridden   {@code weight}, {@code deductions.III} … where a district overlay changed the value
     */
    public record Item(String id, Kind kind, String title, String titleEn, int weight, Map<String, Integer> deductions,
                       List<String> rulePrefixes, List<String> articles, String note, Set<String> overridden) {
        public Item {
            deductions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deductions));
            rulePrefixes = List.copyOf(rulePrefixes);
            articles = List.copyOf(articles);
            overridden = Set.copyOf(overridden);
        }

        public int deduction(String grade) {
            return deductions.getOrDefault(grade, 0);
        }
    }
}
