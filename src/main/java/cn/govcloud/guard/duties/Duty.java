package cn.govcloud.guard.duties;

import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Instant;
import java.time.LocalDate;

/** A duty as the engine holds it; {@code catalogVersion} is the catalog that produced it (A14). */
public record Duty(long id, String ruleId, String article, String catalogVersion, SubjectKind subjectKind,
                   long subjectId, String subjectName, long orgId, Party party, LocalDate periodStart,
                   String event, String reference, Instant triggeredAt, LocalDate dueDate, Instant dueAt,
                   DutyState state, Instant overdueAt, Instant closedAt) {
}
