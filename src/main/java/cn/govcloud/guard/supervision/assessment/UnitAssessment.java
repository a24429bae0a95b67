package cn.govcloud.guard.supervision.assessment;

import java.util.List;
import java.util.Map;

/** One unit's assessment with the records behind each item (A12: "down to the records behind it"). */
public record UnitAssessment(Ranking ranking, UnitScore unit, Map<String, List<Evidence>> records) {
}
