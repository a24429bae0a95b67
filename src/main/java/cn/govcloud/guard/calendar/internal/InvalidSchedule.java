package cn.govcloud.guard.calendar.internal;

import cn.govcloud.guard.shared.InvalidInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A year's schedule refused as a whole (400): every reason at once, one English message per field. */
public class InvalidSchedule extends InvalidInput {
    private final transient List<Violation> violations;

    public InvalidSchedule(int year, List<Violation> violations) {
        super("The holiday schedule for " + year + " was not loaded: " + violations.size()
                + (violations.size() == 1 ? " problem" : " problems") + "; nothing was changed.", byField(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static Map<String, String> byField(List<Violation> violations) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Violation v : violations) {
            fields.merge(v.field(), v.english(), (a, b) -> a + "; " + b);
        }
        return fields;
    }
}
