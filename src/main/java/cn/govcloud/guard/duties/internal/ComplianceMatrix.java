package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * For the platform, each unit and each system: every rule of the catalog with its state (A13). Computed, filtered,
 * counted and paged in the database (issue 19 point 3): the conditions' verdict per (subject, rule) is materialised by
 * {@link ComplianceCells}, what the duties say of it is kept in the same row by triggers in every duty's writing
 * transaction ({@link ComplianceTally}), so the state is a column expression over one row ({@link #status}) and no view
 * aggregates the duties; the counts by status are sums over a summary kept by triggers on the cells (a few thousand rows
 * at 10,000 systems rather than every cell), a page's rows come from the cells' order index — by offset, or after the
 * previous page's last row (keyset: a deep page costs what the first does). What a row shows of its duties (the counts,
 * the next due time, the newest duty and evidence) is kept in the cell's row by the same triggers (V2026_12_14_0600), so a
 * page is one query on the cells' order index, joined by primary key to the newest duty and submission; no duty is
 * aggregated at view time except for the rare row whose newest duty or evidence has left the look-back.
 *
 * <p>A view writes nothing: the cells are brought up to date by {@link #refreshCells()} at start-up and by the
 * {@code duties-matrix-cells} task every 30 seconds (DutiesConfiguration), so a change of a subject, an organisation
 * or the catalog reaches the matrix within that interval; a duty's change reaches it at once (its tally moves in the
 * same transaction), and the time-based part — a closed duty leaving the look-back — is a comparison with the clock in
 * the query.
 */
@Component
public class ComplianceMatrix {
    /** Closed duties older than this no longer decide a row's state (a yearly rule looks back a little over a year). */
    static final Duration LOOK_BACK = Duration.ofDays(400);

    private final JdbcClient jdbc;
    private final RuleCatalog catalog;
    private final ComplianceCells cells;
    private final Clock clock;

    ComplianceMatrix(JdbcClient jdbc, RuleCatalog catalog, ComplianceCells cells, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.cells = cells;
        this.clock = clock;
    }

    /**
     * {@code NOT_EVALUABLE} (无法评估): the rule's conditions need a fact the platform does not hold for the subject (e.g. a
     * recurring rule on an attribute the subject lacks), so neither "compliant" nor "not applicable" can be said (issue 17
     * point 10); the reason names what is missing.
     */
    public enum Status { COMPLIANT, DUE, OVERDUE, NOT_APPLICABLE, NOT_EVALUABLE }

    /**
     * One cell of the matrix.
     *
     * @param reason     a bundle key explaining the status (e.g. why not applicable), with {@code reasonArgs}
     * @param dueAt      the next due time of a pending duty, or the due time of the latest one
     * @param latestDuty the duty holding the latest evidence (or the latest duty), for the link
     */
    public record Row(SubjectKind subjectKind, long subjectId, String subjectName, long orgId, String orgName, Rule rule,
                      Status status, String reason, List<String> reasonArgs, Instant dueAt, Long latestDuty,
                      Instant latestEvidenceAt, String latestEvidenceBy, String catalogVersion) {
    }

    /** Filters; null means any. */
    public record Filter(String ruleId, Status status, Long orgId, SubjectKind subjectKind) {
        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    /**
     * One page of the matrix, in its order (platform, units, systems; each by id; rules in catalog order).
     *
     * @param total   how many rows match the filter
     * @param summary how many of them in each status (every status listed, in order)
     * @param next    where the next page starts ({@link Key#toString()}, for {@link #page(Actor, Filter, Key, int)}), or null
     *                when this page is the last
     */
    public record Page(List<Row> rows, int total, Map<Status, Long> summary, String next) {
    }

    /**
     * A row's place in the matrix's order: a keyset page starts after it ({@code (kind, subject, rule) > key} on the
     * cells' order index), so a page deep in the matrix costs what the first one does.
     */
    public record Key(int kindPos, long subjectId, int rulePos) {
        /** {@code kind.subject.rule}, as a page's link carries it. */
        @Override
        public String toString() {
            return kindPos + "." + subjectId + "." + rulePos;
        }

        /** The key a link carried, or null when there is none or it is not one (the first page then). */
        public static Key parse(String text) {
            if (text == null || !text.matches("\\d{1,9}\\.\\d{1,18}\\.\\d{1,9}")) {
                return null;
            }
            String[] p = text.split("\\.");
            return new Key(Integer.parseInt(p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2]));
        }
    }

    /**
     * The rows from {@code offset} (clamped to the total), at most {@code limit}, with the total and the counts by
     * status of everything the filter matches: the counts summed over the summary the triggers keep, the page's keys
     * from the cells' order index.
     */
    public Page page(Actor actor, Filter filter, int offset, int limit) {
        Where where = where(OrgScope.of(actor), filter);
        Map<Status, Long> summary = summary(where, filter);
        int total = (int) summary.values().stream().mapToLong(Long::longValue).sum();
        int from = Math.max(0, Math.min(offset, total));
        return page(where, from, null, limit, total, summary);
    }

    /** The rows after {@code after} (null: from the first), at most {@code limit}, with the total and counts as above. */
    public Page page(Actor actor, Filter filter, Key after, int limit) {
        Where where = where(OrgScope.of(actor), filter);
        Map<Status, Long> summary = summary(where, filter);
        return page(where, 0, after, limit, (int) summary.values().stream().mapToLong(Long::longValue).sum(), summary);
    }

    /** One row more than the page shows is read: when it exists, the next page starts after the page's last row. */
    private Page page(Where where, int offset, Key after, int limit, int total, Map<Status, Long> summary) {
        List<Line> lines = lines(where, offset, after, limit + 1);
        String next = lines.size() > limit ? lines.get(limit - 1).key().toString() : null;
        return new Page(rows(lines.subList(0, Math.min(limit, lines.size()))), total, summary, next);
    }

    /** The counts by status of everything the filter matches, summed over the summary rows it matches. */
    private Map<Status, Long> summary(Where where, Filter filter) {
        Map<Status, Long> summary = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            summary.put(s, 0L);
        }
        jdbc.sql("select st, sum(n) n from (select " + SUMMARY_STATUS + " st, s.n from duties_matrix_summary s where " + where.summary
                        + ") x group by st")
                .params(where.params)
                .query((rs, i) -> summary.merge(Status.valueOf(rs.getString("st")), rs.getLong("n"), Long::sum)).list();
        if (filter.status() != null) {
            summary.replaceAll((status, n) -> status == filter.status() ? n : 0L);
        }
        return summary;
    }

    /**
     * Brings the cells up to date with the subjects, organisations and catalog in force (start-up, the
     * {@code duties-matrix-cells} task; never a view). Cheap when nothing changed: one fingerprint compared.
     */
    public void refreshCells() {
        cells.refresh();
    }

    /** Every row the filter matches (the Excel export), in the matrix's order. */
    public List<Row> rows(Actor actor, Filter filter) {
        return rows(lines(where(OrgScope.of(actor), filter), 0, null, -1));
    }

    /**
     * A cell's state, in SQL: what the conditions decided ({@code fixed_status}), else what the duties of the look-back
     * say ({@code t}: the cell's tally): an overdue duty makes it OVERDUE, an open one DUE, a closed one due within the
     * look-back COMPLIANT; with no such duty a recurring rule is DUE (not generated yet) and an event rule that nothing
     * triggered owes nothing yet (NOT_APPLICABLE), never "compliant", which would claim a check was made. The same
     * verdict as the duties' aggregate over the look-back and the live duties ({@link #DETAIL_AGG}) it replaced.
     */
    static String status(String cell) {
        return "coalesce(" + cell + ".fixed_status, case when " + cell + ".overdue_n > 0 then 'OVERDUE' when " + cell + ".pending_n > 0 then 'DUE' "
                + "when " + cell + ".closed_due >= :since then 'COMPLIANT' when " + cell + ".recurring then 'DUE' else 'NOT_APPLICABLE' end)";
    }

    /**
     * The same status for a row of the summary ({@code s}: cells of one class, ComplianceTally), so the counts by status
     * are sums over it: the class says what the tally said, and a CLOSED row is COMPLIANT while its closed due time lies
     * in the look-back.
     */
    private static final String SUMMARY_STATUS = "case when s.cls in ('NOT_EVALUABLE', 'NOT_APPLICABLE', 'OVERDUE') then s.cls "
            + "when s.cls = 'PENDING' then 'DUE' when s.cls = 'CLOSED' and s.closed_due >= :since then 'COMPLIANT' "
            + "when s.recurring then 'DUE' else 'NOT_APPLICABLE' end";

    /**
     * The filter and the scope as SQL on the cells ({@code c}) and on the summary ({@code s}).
     */
    private record Where(String cells, String summary, Map<String, Object> params) {
    }

    private Where where(OrgScope scope, Filter filter) {
        StringBuilder cells = new StringBuilder("c.listed");
        StringBuilder summary = new StringBuilder("s.n <> 0");
        Map<String, Object> params = new HashMap<>();
        params.put("since", DutyRows.ts(clock.instant().minus(LOOK_BACK)));
        if (!scope.everything()) {
            // a row is the responsible organisation's (A4); the placeholder rows of a kind with no subject are everybody's
            cells.append(" and (c.responsible_org is null or c.responsible_org = :scopeOrgId)");
            summary.append(" and (s.responsible_org = 0 or s.responsible_org = :scopeOrgId)");
            params.put("scopeOrgId", scope.orgId());
        }
        if (filter.ruleId() != null) {
            cells.append(" and c.rule_id = :ruleId");
            summary.append(" and s.rule_id = :ruleId");
            params.put("ruleId", filter.ruleId());
        }
        if (filter.subjectKind() != null) {
            cells.append(" and c.subject_kind = :subjectKind");
            summary.append(" and s.subject_kind = :subjectKind");
            params.put("subjectKind", filter.subjectKind().name());
        }
        if (filter.orgId() != null) {
            cells.append(" and (c.responsible_org is null or c.org_id = :orgId)");
            summary.append(" and (s.responsible_org = 0 or s.org_id = :orgId)");
            params.put("orgId", filter.orgId());
        }
        if (filter.status() != null) {
            cells.append(" and ").append(status("c")).append(" = :status");
            params.put("status", filter.status().name());
        }
        return new Where(cells.toString(), summary.toString(), params);
    }

    /**
     * A row as the cells keep it: its place, what the conditions decided, and what the duties of the look-back say
     * ({@code details}; null when no duty lies in it), or {@code details} still to be read from the duties when the kept
     * newest duty or submission lies before the look-back ({@code decided} false).
     */
    private record Line(Key key, SubjectKind kind, long subjectId, String subjectName, long orgId, String orgName, Rule rule, Status status,
                        String fixedReason, String reasonArg, boolean fixed, Details details, boolean decided) {
        String id() {
            return kind + "|" + subjectId + "|" + rule.id();
        }

        Line with(Details found) {
            return new Line(key, kind, subjectId, subjectName, orgId, orgName, rule, status, fixedReason, reasonArg, fixed, found, true);
        }
    }

    /** What the look-back's duties say of a row (the old aggregate's columns). */
    private record Details(long overdue, long pending, boolean late, Instant dueAt, Long latestDuty, Instant evidenceAt, String evidenceBy) {
    }

    private static final String ORDER = " order by c.kind_pos, c.subject_id, c.rule_pos";

    /**
     * The rows the filter matches, in order, straight from the cells' order index — after {@code after}, or from
     * {@code offset}, at most {@code limit} (negative: all) — each with the details the triggers keep in its cell
     * (V2026_12_14_0600): the counts and the next due time, the newest duty and the newest submission joined by primary key.
     * These are kept over all the key's duties; the look-back is applied here: when the newest duty or the newest
     * submission's duty lies before it (closed and due before {@code since}), the row's details are read from its duties.
     */
    private List<Line> lines(Where where, int offset, Key after, int limit) {
        Map<String, Object> params = new HashMap<>(where.params);
        String keyset = "";
        if (after != null) {
            keyset = " and (c.kind_pos, c.subject_id, c.rule_pos) > (:afterKind, :afterSubject, :afterRule)";
            params.put("afterKind", after.kindPos());
            params.put("afterSubject", after.subjectId());
            params.put("afterRule", after.rulePos());
        }
        String paging = "";
        if (limit >= 0) {
            paging = " limit :limit offset :offset";
            params.put("limit", limit);
            params.put("offset", offset);
        }
        String sql = "select c.subject_kind, c.subject_id, c.rule_id, c.kind_pos, c.rule_pos, c.subject_name, c.org_id, c.org_name, "
                + "c.fixed_status, c.reason, c.reason_arg, c.overdue_n, c.pending_n, c.closed_due, c.next_due, c.latest_duty, "
                + "case when c.overdue_n > 0 or c.pending_n > 0 or c.closed_due >= :since then 1 else 0 end in_window, "
                + "case when c.late_due >= :since then 1 else 0 end late_recent, "
                + "case when ld.state in " + ComplianceTally.LIVE + " or ld.due_at >= :since then 1 else 0 end duty_in_window, "
                + "s.duty_id evidence_duty, s.submitted_at evidence_at, s.submitted_name evidence_by, "
                + "case when s.id is null or sd.state in " + ComplianceTally.LIVE + " or sd.due_at >= :since then 1 else 0 end evidence_in_window, "
                + status("c") + " st from duties_matrix_cell c left join duties_duty ld on ld.id = c.latest_duty "
                + "left join duties_submission s on s.id = c.latest_submission left join duties_duty sd on sd.id = s.duty_id "
                + "where " + where.cells + keyset + ORDER + paging;
        Map<String, Rule> rules = new HashMap<>();
        catalog.rules().forEach(r -> rules.put(r.id(), r));
        List<Line> lines = new java.util.ArrayList<>();
        jdbc.sql(sql).params(params).query(rs -> {
            Rule rule = rules.get(rs.getString("rule_id"));
            if (rule == null) { // the catalog changed since the cells task ran: its next run has it
                return;
            }
            Details details = null;
            boolean decided = true;
            if (rs.getInt("in_window") == 1) {
                decided = rs.getInt("duty_in_window") == 1 && rs.getInt("evidence_in_window") == 1;
                Instant next = DutyRows.instant(rs, "next_due");
                long evidenceDuty = rs.getLong("evidence_duty");
                boolean evidence = !rs.wasNull();
                details = new Details(rs.getLong("overdue_n"), rs.getLong("pending_n"), rs.getInt("late_recent") == 1,
                        next != null ? next : DutyRows.instant(rs, "closed_due"), evidence ? evidenceDuty : rs.getLong("latest_duty"),
                        DutyRows.instant(rs, "evidence_at"), rs.getString("evidence_by"));
            }
            lines.add(new Line(new Key(rs.getInt("kind_pos"), rs.getLong("subject_id"), rs.getInt("rule_pos")),
                    SubjectKind.valueOf(rs.getString("subject_kind")), rs.getLong("subject_id"), rs.getString("subject_name"), rs.getLong("org_id"),
                    rs.getString("org_name"), rule, Status.valueOf(rs.getString("st")), rs.getString("reason"), rs.getString("reason_arg"),
                    rs.getString("fixed_status") != null, details, decided));
        });
        return lines;
    }

    /** The lines as rows, those whose kept details were not decisive read from their duties first. */
    private List<Row> rows(List<Line> lines) {
        List<Line> undecided = lines.stream().filter(l -> !l.decided()).toList();
        Map<String, Details> found = undecided.isEmpty() ? Map.of() : fromDuties(undecided);
        String version = catalog.version().version();
        return lines.stream().map(l -> l.decided() ? l : l.with(found.get(l.id()))).map(l -> row(l, version)).toList();
    }

    /**
     * The details of these rows from their duties, as the matrix computed them before they were kept (the aggregate over
     * the look-back and the live duties): for the rare row whose newest duty or evidence lies before the look-back.
     */
    private Map<String, Details> fromDuties(List<Line> lines) {
        Map<String, Details> found = new HashMap<>();
        for (int from = 0; from < lines.size(); from += 500) {
            List<Line> chunk = lines.subList(from, Math.min(lines.size(), from + 500));
            Map<String, Object> params = new HashMap<>();
            params.put("since", DutyRows.ts(clock.instant().minus(LOOK_BACK)));
            params.put("ids", chunk.stream().map(Line::subjectId).distinct().toList());
            params.put("rules", chunk.stream().map(l -> l.rule().id()).distinct().toList());
            jdbc.sql("select a.*, s.duty_id evidence_duty, s.submitted_at evidence_at, s.submitted_name evidence_by from ("
                    + DETAIL_AGG.formatted(" and d.subject_id in (:ids) and d.rule_id in (:rules)")
                    + ") a left join duties_submission s on s.id = a.latest_submission").params(params).query(rs -> {
                        Instant next = DutyRows.instant(rs, "next_due");
                        long evidenceDuty = rs.getLong("evidence_duty");
                        boolean evidence = !rs.wasNull();
                        found.put(rs.getString("subject_kind") + "|" + rs.getLong("subject_id") + "|" + rs.getString("rule_id"),
                                new Details(rs.getLong("overdue"), rs.getLong("pending"), rs.getLong("late") > 0,
                                        next != null ? next : DutyRows.instant(rs, "last_due"), evidence ? evidenceDuty : rs.getLong("latest_duty"),
                                        DutyRows.instant(rs, "evidence_at"), rs.getString("evidence_by")));
                    });
        }
        return found;
    }

    /** The aggregate per rule and subject over the look-back and the live duties; %s: more conditions on d. */
    private static final String DETAIL_AGG = """
            select d.rule_id, d.subject_kind, d.subject_id,
                   count(distinct case when d.state = 'OVERDUE' then d.id end) overdue,
                   count(distinct case when d.state in ('OPEN','SUBMITTED','RETURNED') then d.id end) pending,
                   min(case when d.state in ('OPEN','SUBMITTED','RETURNED','OVERDUE') then d.due_at end) next_due,
                   max(d.due_at) last_due,
                   max(d.id) latest_duty,
                   max(s.id) latest_submission,
                   count(distinct case when s.late and s.decision = 'ACCEPTED' then s.id end) late
            from duties_duty d left join duties_submission s on s.duty_id = d.id
            where (d.due_at >= :since or d.state in ('OPEN','SUBMITTED','RETURNED','OVERDUE'))%s
            group by d.rule_id, d.subject_kind, d.subject_id""";

    private static Row row(Line line, String version) {
        Details d = line.details();
        String reason;
        List<String> args = List.of();
        if (line.fixed()) {
            reason = line.fixedReason();
            args = line.reasonArg() == null ? List.of() : List.of(line.reasonArg());
        } else if (d == null) {
            reason = line.rule().recurring() ? "duties.matrix.reason.notGenerated" : "duties.matrix.reason.noEvent";
        } else if (line.status() == Status.OVERDUE) {
            reason = "duties.matrix.reason.overdue";
            args = List.of(String.valueOf(d.overdue()));
        } else if (line.status() == Status.DUE) {
            reason = "duties.matrix.reason.pending";
            args = List.of(String.valueOf(d.pending()));
        } else {
            reason = d.late() ? "duties.matrix.reason.doneLate" : "duties.matrix.reason.done";
        }
        return new Row(line.kind(), line.subjectId(), line.subjectName(), line.orgId(), line.orgName(), line.rule(), line.status(), reason, args,
                d == null ? null : d.dueAt(), d == null ? null : d.latestDuty(), d == null ? null : d.evidenceAt(), d == null ? null : d.evidenceBy(),
                version);
    }
}
