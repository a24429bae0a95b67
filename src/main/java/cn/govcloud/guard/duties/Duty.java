package cn.govcloud.guard.duties;

import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A duty as the engine holds it; {@code catalogVersion} is the catalog that produced it (A14).
 * {@code dueProvisional}: the due date was counted Monday to Friday through a year whose holiday
 * notice is not loaded yet, and is recomputed when it is ("Working days").
 */
public record Duty(long id, String ruleId, String article, String catalogVersion, SubjectKind subjectKind,
                   long subjectId, String subjectName, long orgId, Party party, LocalDate periodStart,
                   String event, String reference, Instant triggeredAt, LocalDate dueDate, Instant dueAt,
                   boolean dueProvisional, DutyState state, Instant overdueAt, Instant closedAt) {
}
