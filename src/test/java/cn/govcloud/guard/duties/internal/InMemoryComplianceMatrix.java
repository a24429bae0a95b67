package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Filter;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Row;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Status;

/**
 * The compliance matrix as it was before issue 19 point 3, kept as the tests' oracle and the benchmark's yardstick:
 * every subject and rule evaluated in Java, one grouped query over the duties, everything in memory. Produces
 * {@link ComplianceMatrix.Row}s, so a test can compare the SQL matrix with it row by row.
 */
public class InMemoryComplianceMatrix {
    /** Closed duties older than this no longer decide a row's state (a yearly rule looks back a little over a year). */
    static final Duration LOOK_BACK = ComplianceMatrix.LOOK_BACK;

    private final JdbcClient jdbc;
    private final RuleCatalog catalog;
    private final Subjects subjects;
    private final Submissions submissions;
    private final Clock clock;

    public InMemoryComplianceMatrix(JdbcClient jdbc, RuleCatalog catalog, Subjects subjects, Submissions submissions, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.subjects = subjects;
        this.submissions = submissions;
        this.clock = clock;
    }

    public List<Row> rows(Actor actor, Filter filter) {
        OrgScope scope = OrgScope.of(actor);
        Subjects.Snapshot snapshot = subjects.snapshot();
        Map<String, Aggregate> aggregates = aggregates();
        String version = catalog.version().version();
        List<Row> rows = new ArrayList<>();
        for (SubjectKind kind : SubjectKind.values()) {
            if (filter.subjectKind() != null && filter.subjectKind() != kind) {
                continue;
            }
            List<Subject> visible = snapshot.of(kind).stream()
                    .filter(s -> filter.orgId() == null || filter.orgId() == s.orgId()).toList();
            if (snapshot.of(kind).isEmpty()) {
                // every rule is listed even before anything it applies to exists (e.g. no systems registered yet)
                for (Rule rule : catalog.rules()) {
                    if (rule.appliesTo() == kind && (filter.ruleId() == null || filter.ruleId().equals(rule.id()))
                            && (filter.status() == null || filter.status() == Status.NOT_APPLICABLE)) {
                        rows.add(new Row(kind, 0, "", 0, "", rule, Status.NOT_APPLICABLE, "duties.matrix.reason.noSubjects",
                                List.of(), null, null, null, null, version));
                    }
                }
                continue;
            }
            for (Subject subject : visible) {
                String orgName = snapshot.org(subject.orgId()).map(OrganisationView::name).orElse("");
                for (Rule rule : catalog.rules()) {
                    if (rule.appliesTo() != kind || (filter.ruleId() != null && !filter.ruleId().equals(rule.id()))) {
                        continue;
                    }
                    // a row is the responsible organisation's (A4): a unit does not see the provider's duties on its
                    // systems, the provider sees its own duties on units' systems, overseers see everything
                    long responsible = snapshot.responsibleOrg(rule.party(), subject).orElse(-1L);
                    if (!scope.allows(responsible)) {
                        continue;
                    }
                    Row row = row(rule, subject, orgName, aggregates.get(key(rule.id(), kind, subject.id())), version);
                    if (filter.status() == null || filter.status() == row.status()) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    static Row row(Rule rule, Subject subject, String orgName, Aggregate agg, String version) {
        Status status;
        String reason;
        List<String> args = List.of();
        Map<String, ?> facts = subject.attributes();
        // an event rule's condition on a fact the subject does not carry is about the event (e.g. kind == mlps): decided per event
        List<Rule.Condition> known = rule.conditions().stream().filter(c -> facts.containsKey(c.attribute())).toList();
        List<String> unknown = rule.recurring() ? rule.conditions().stream().map(Rule.Condition::attribute)
                .filter(a -> !facts.containsKey(a)).distinct().toList() : List.of();
        if (!unknown.isEmpty()) {
            status = Status.NOT_EVALUABLE;
            reason = "duties.matrix.reason.unknownFact";
            args = List.of(String.join("、", unknown));
        } else if (!known.stream().allMatch(c -> c.test(facts))) {
            status = Status.NOT_APPLICABLE;
            reason = "duties.matrix.reason.condition";
            args = List.of(rule.conditions().stream().map(Object::toString).collect(Collectors.joining(" ∧ ")));
        } else if (agg == null) {
            // an event rule that nothing has triggered owes nothing yet: not "compliant", which would claim a check was made
            status = rule.recurring() ? Status.DUE : Status.NOT_APPLICABLE;
            reason = rule.recurring() ? "duties.matrix.reason.notGenerated" : "duties.matrix.reason.noEvent";
        } else if (agg.overdue > 0) {
            status = Status.OVERDUE;
            reason = "duties.matrix.reason.overdue";
            args = List.of(String.valueOf(agg.overdue));
        } else if (agg.pending > 0) {
            status = Status.DUE;
            reason = "duties.matrix.reason.pending";
            args = List.of(String.valueOf(agg.pending));
        } else {
            status = Status.COMPLIANT;
            reason = agg.late > 0 ? "duties.matrix.reason.doneLate" : "duties.matrix.reason.done";
        }
        return new Row(subject.kind(), subject.id(), subject.name(), subject.orgId(), orgName, rule, status, reason, args,
                agg == null ? null : agg.dueAt, agg == null ? null : (agg.evidenceDuty != null ? agg.evidenceDuty : agg.latestDuty),
                agg == null ? null : agg.evidenceAt, agg == null ? null : agg.evidenceBy, version);
    }

    private static String key(String ruleId, SubjectKind kind, long subjectId) {
        return ruleId + "|" + kind + "|" + subjectId;
    }

    private static final class Aggregate {
        long overdue;
        long pending;
        long late;
        Instant dueAt;
        Long latestDuty;
        Long latestSubmission;
        Long evidenceDuty;
        Instant evidenceAt;
        String evidenceBy;
    }

    /** One row per rule and subject over the recent and still-open duties. */
    private Map<String, Aggregate> aggregates() {
        Instant since = clock.instant().minus(LOOK_BACK);
        Map<String, Aggregate> map = new HashMap<>();
        jdbc.sql("""
                select d.rule_id, d.subject_kind, d.subject_id,
                       count(distinct case when d.state = 'OVERDUE' then d.id end) overdue,
                       count(distinct case when d.state in ('OPEN','SUBMITTED','RETURNED') then d.id end) pending,
                       min(case when d.state in ('OPEN','SUBMITTED','RETURNED','OVERDUE') then d.due_at end) next_due,
                       max(d.due_at) last_due,
                       max(d.id) latest_duty,
                       max(s.id) latest_submission,
                       count(distinct case when s.late and s.decision = 'ACCEPTED' then s.id end) late
                from duties_duty d left join duties_submission s on s.duty_id = d.id
                where d.due_at >= :since or d.state in ('OPEN','SUBMITTED','RETURNED','OVERDUE')
                group by d.rule_id, d.subject_kind, d.subject_id
                """).param("since", DutyRows.ts(since)).query((rs, i) -> {
                    Aggregate a = new Aggregate();
                    a.overdue = rs.getLong("overdue");
                    a.pending = rs.getLong("pending");
                    a.late = rs.getLong("late");
                    Instant next = DutyRows.instant(rs, "next_due");
                    a.dueAt = next != null ? next : DutyRows.instant(rs, "last_due");
                    a.latestDuty = rs.getLong("latest_duty");
                    long sub = rs.getLong("latest_submission");
                    a.latestSubmission = rs.wasNull() ? null : sub;
                    map.put(key(rs.getString("rule_id"), SubjectKind.valueOf(rs.getString("subject_kind")), rs.getLong("subject_id")), a);
                    return a;
                }).list();
        List<Long> submissionIds = map.values().stream().map(a -> a.latestSubmission).filter(java.util.Objects::nonNull).toList();
        Map<Long, Submissions.Submission> byId = new LinkedHashMap<>();
        for (int from = 0; from < submissionIds.size(); from += 1000) {
            byId.putAll(submissions.byIds(submissionIds.subList(from, Math.min(submissionIds.size(), from + 1000))));
        }
        for (Aggregate a : map.values()) {
            Submissions.Submission s = a.latestSubmission == null ? null : byId.get(a.latestSubmission);
            if (s != null) {
                a.evidenceDuty = s.dutyId();
                a.evidenceAt = s.submittedAt();
                a.evidenceBy = s.submittedName();
            }
        }
        return map;
    }

    /** Counts by status for the dashboards. */
    public Map<Status, Long> summary(List<Row> rows) {
        Map<Status, Long> counts = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        rows.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return counts;
    }
}
