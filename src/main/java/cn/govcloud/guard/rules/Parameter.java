package cn.govcloud.guard.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value the Measures leave open (A13–A15), held in the catalog's {@code parameters} section
 * with a note saying why it was chosen, so a district overlay changes it instead of the code (issue 17
 * point 16): the remote channel's window (A9.2), the data-access grant's window (A8.1), what makes a
 * drill comprehensive (A10.3), the grading thresholds of incidents (A10.4, A10.5). Exactly one of
 * the value fields is set; its kind says which.
 *
 * @param duration   {@link Kind#DURATION}
 * @param choices    {@link Kind#CHOICES}: the chosen ones, a non-empty subset of {@code options}
 * @param options    {@link Kind#CHOICES}: what may be chosen (fixed by the product)
 * @param thresholds {@link Kind#THRESHOLDS}: criterion → grade (I, II, III) → least value reaching it; a missing grade
 *                   is not reached by the criterion alone
 * @param grades     {@link Kind#GRADES}: answer → grade it suggests
 * @param overridden the value fields a district overlay changed (e.g. {@code duration}, {@code thresholds.criticalOutageHours.I})
 */
public record Parameter(String id, String article, String title, String titleEn, String note, Kind kind, Duration duration,
                        List<String> choices, List<String> options, Map<String, Map<String, BigDecimal>> thresholds,
                        Map<String, String> grades, Set<String> overridden, When when) {

    public enum Kind { DURATION, CHOICES, THRESHOLDS, GRADES, WHEN }

    /**
     * {@link Kind#WHEN}: a step that is asked when {@code required} and every condition holds on the subject's
     * attributes (as a rule's {@code when}), e.g. a re-test before a hazard is closed (issue 17 point 4).
     */
    public record When(boolean required, List<Rule.Condition> conditions) {
        public When {
            conditions = List.copyOf(conditions);
        }

        public boolean test(Map<String, ?> attributes) {
            return required && conditions.stream().allMatch(c -> c.test(attributes));
        }

        @Override
        public String toString() {
            return !required ? "false" : conditions.isEmpty() ? "true" : "true when " + conditions;
        }
    }

    public Parameter(String id, String article, String title, String titleEn, String note, Kind kind, Duration duration,
                     List<String> choices, List<String> options, Map<String, Map<String, BigDecimal>> thresholds,
                     Map<String, String> grades, Set<String> overridden) {
        this(id, article, title, titleEn, note, kind, duration, choices, options, thresholds, grades, overridden, null);
    }

    /** {@link Kind#WHEN}: whether the step is asked of a subject with these attributes. */
    public boolean requiredFor(Map<String, ?> attributes) {
        return when != null && when.test(attributes);
    }

    public Parameter {
        choices = choices == null ? List.of() : List.copyOf(choices);
        options = options == null ? List.of() : List.copyOf(options);
        Map<String, Map<String, BigDecimal>> t = new LinkedHashMap<>();
        if (thresholds != null) {
            thresholds.forEach((k, v) -> t.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        }
        thresholds = Collections.unmodifiableMap(t);
        grades = grades == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(grades));
        overridden = Set.copyOf(overridden);
    }

    /** The value as the catalog pages show it, e.g. {@code PT8H} or {@code networkAttack, dataLeak}. */
    public String display() {
        return switch (kind) {
            case DURATION -> duration.toString();
            case CHOICES -> String.join(", ", choices);
            case THRESHOLDS -> thresholds.toString();
            case GRADES -> grades.toString();
            case WHEN -> when.toString();
        };
    }

    /** A copy with other values, marking those that differ from this one's. */
    public Parameter with(Duration newDuration, List<String> newChoices, Map<String, Map<String, BigDecimal>> newThresholds,
                          Map<String, String> newGrades) {
        return with(newDuration, newChoices, newThresholds, newGrades, null);
    }

    public Parameter with(Duration newDuration, List<String> newChoices, Map<String, Map<String, BigDecimal>> newThresholds,
                          Map<String, String> newGrades, When newWhen) {
        Set<String> marks = new java.util.LinkedHashSet<>(overridden);
        if (newDuration != null && !newDuration.equals(duration)) {
            marks.add("duration");
        }
        if (newChoices != null && !newChoices.equals(choices)) {
            marks.add("choices");
        }
        if (newThresholds != null) {
            newThresholds.forEach((row, cells) -> cells.forEach((grade, value) -> {
                BigDecimal before = thresholds.getOrDefault(row, Map.of()).get(grade);
                if (before == null ? value != null : value == null || before.compareTo(value) != 0) {
                    marks.add("thresholds." + row + "." + grade);
                }
            }));
        }
        if (newGrades != null && !newGrades.equals(grades)) {
            marks.add("grades");
        }
        if (newWhen != null && !newWhen.equals(when)) {
            marks.add("when");
        }
        return new Parameter(id, article, title, titleEn, note, kind, newDuration != null ? newDuration : duration,
                newChoices != null ? newChoices : choices, options, newThresholds != null ? newThresholds : thresholds,
                newGrades != null ? newGrades : grades, marks, newWhen != null ? newWhen : when);
    }
}
