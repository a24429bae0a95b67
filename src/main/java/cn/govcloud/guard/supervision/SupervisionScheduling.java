package cn.govcloud.guard.supervision;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * What other modules (the demo city) may ask of the monthly scheduling, the quarterly inspections
 * and the notices (A11.3). Every call acts as the signed-in actor with the same checks as the pages
 * and the API: the supervisor schedules, inspects and issues; a unit acknowledges.
 */
public interface SupervisionScheduling {

    /** Opens the month's session with its drafted agenda; returns its id. */
    long openMonth(YearMonth month);

    void recordMeeting(long sessionId, LocalDate meetingDate, String participants);

    void addDecision(long sessionId, String text);

    /** An action for a unit or the provider, as a duty due on {@code dueDate}; returns the duty's id. */
    long assignDuty(long sessionId, long orgId, String title, LocalDate dueDate);

    /** An action on a hosted system, as a hazard notice; returns the hazard's id. */
    long assignHazard(long sessionId, long systemId, String title, String severity);

    /** Renders the minutes and files the month's duty. */
    void closeMonth(long sessionId);

    /** Starts an inspection of {@code unitIds}' systems against the rules of {@code articles}; returns its id. */
    long startInspection(String quarter, String topic, List<String> articles, List<Long> unitIds);

    /** One checklist item: {@code subjectKind} UNIT or SYSTEM. */
    record ChecklistItem(long id, String ruleId, String subjectKind, long subjectId, String subjectName, String result) {
    }

    List<ChecklistItem> checklist(long inspectionId);

    /** PASS, FAIL (raises a hazard; returns its id) or NOT_APPLICABLE (returns null). */
    Long recordResult(long inspectionId, long itemId, String result, String remark, String inspector);

    /** Issues a notice (通报) to units; returns its id. */
    long issueNotice(String kind, String title, String body, List<Long> unitIds);

    /** The signed-in unit confirms receipt. */
    void acknowledgeNotice(long noticeId, String reply);
}
