package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the catalog's conditions say of each (subject, rule), materialised in {@code duties_matrix_cell} so the
 * compliance matrix can filter, count and page in SQL (issue 19 point 3; A13). Why a table rather than the
 * conditions translated to SQL: the subjects and their attributes come from other modules through
 * {@link cn.govcloud.guard.duties.SubjectSource} (hosted systems: level, years since the last MLPS assessment, data
 * grade, 关基), computed in Java from tables the duties module may not read; and a condition compares as numbers when
 * both sides are numbers, as text otherwise, which SQL would have to imitate per operator. Here the conditions stay
 * evaluated by the one Java implementation ({@link Rule.Condition#test}), once per change.
 *
 * <p>Brought up to date at start-up and every 30 seconds (never by a view, which writes nothing): {@link #refresh()}
 * reads the subjects and organisations (as the matrix always did) and compares one SHA-256 over the catalog's rules, the organisations and every subject with the one the
 * cells were written for; only when it differs does it take the state row's lock and rewrite the cells of the
 * subjects whose own fingerprint changed (all of them when the catalog or an organisation changed: an overlay's
 * {@code when}, a new unit). When nothing changed — a restart, most runs of the task — nothing is written. A cell's row
 * also holds its tally (the duty triggers'), so a cell leaving the matrix is unlisted rather than deleted, and cells are
 * written as upserts, a thousand rows a statement (the summary's trigger then runs once per thousand cells).
 */
@Component
class ComplianceCells {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final RuleCatalog catalog;
    private final Subjects subjects;
    private final Clock clock;

    ComplianceCells(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, RuleCatalog catalog, Subjects subjects, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.catalog = catalog;
        this.subjects = subjects;
        this.clock = clock;
    }

    /**
     * One cell's applicability. {@code fixedStatus} null: the rule applies and the duties decide the state (in SQL,
     * {@link ComplianceMatrix#status}); otherwise the conditions decided it, with the reason.
     */
    record Cell(SubjectKind kind, long subjectId, String subjectName, long orgId, String orgName, Rule rule, Long responsibleOrg,
                ComplianceMatrix.Status fixedStatus, String reason, String reasonArg) {
    }

    /**
     * The conditions' part of a cell (issue 17 point 10): a recurring rule on a fact the subject lacks is 无法评估 naming
     * the fact; a condition on a known fact that fails is not applicable; an event rule's condition on a fact the
     * subject does not carry is about the event (e.g. {@code kind == mlps}) and decided per event, so it does not count.
     */
    static Cell cell(Rule rule, Subject subject, String orgName, long responsibleOrg) {
        Map<String, ?> facts = subject.attributes();
        List<Rule.Condition> known = rule.conditions().stream().filter(c -> facts.containsKey(c.attribute())).toList();
        List<String> unknown = rule.recurring() ? rule.conditions().stream().map(Rule.Condition::attribute)
                .filter(a -> !facts.containsKey(a)).distinct().toList() : List.of();
        ComplianceMatrix.Status fixed = null;
        String reason = null;
        String arg = null;
        if (!unknown.isEmpty()) {
            fixed = ComplianceMatrix.Status.NOT_EVALUABLE;
            reason = "duties.matrix.reason.unknownFact";
            arg = String.join("、", unknown);
        } else if (!known.stream().allMatch(c -> c.test(facts))) {
            fixed = ComplianceMatrix.Status.NOT_APPLICABLE;
            reason = "duties.matrix.reason.condition";
            arg = rule.conditions().stream().map(Object::toString).collect(Collectors.joining(" ∧ "));
        }
        return new Cell(subject.kind(), subject.id(), subject.name(), subject.orgId(), orgName, rule, responsibleOrg, fixed, reason, arg);
    }

    /** Brings the cells up to date with the catalog, organisations and subjects in force. */
    void refresh() {
        Subjects.Snapshot snapshot = subjects.snapshot();
        List<Rule> rules = catalog.rules();
        StringBuilder head = new StringBuilder();
        for (Rule r : rules) {
            head.append(r.id()).append('|').append(r.appliesTo()).append('|').append(r.party()).append('|').append(r.recurring())
                    .append('|').append(r.conditions()).append('\n');
        }
        // organisations decide names and who must act: any change rewrites every cell (rare: a new unit, a rename)
        for (var kind : cn.govcloud.guard.shared.OrgKind.values()) {
            snapshot.orgsOf(kind).forEach(o -> head.append(o.id()).append('|').append(o.kind()).append('|').append(o.name()).append('\n'));
        }
        String catalogFp = sha(head.toString());
        Map<String, String> canonical = new LinkedHashMap<>();
        MessageDigest all = digest();
        for (SubjectKind kind : SubjectKind.values()) {
            List<Subject> list = snapshot.of(kind);
            if (list.isEmpty()) {
                canonical.put(kind + "|0", kind + "|0|placeholder");
            }
            for (Subject s : list) {
                canonical.put(kind + "|" + s.id(), kind + "|" + s.id() + "|" + s.name() + "|" + s.orgId() + "|" + new TreeMap<>(s.attributes()));
            }
        }
        canonical.values().forEach(c -> all.update((c + "\n").getBytes(StandardCharsets.UTF_8)));
        String subjectsFp = HexFormat.of().formatHex(all.digest());
        if (fresh(catalogFp, subjectsFp, false)) {
            return;
        }
        tx.executeWithoutResult(status -> {
            if (fresh(catalogFp, subjectsFp, true)) { // another node or request wrote them while this one waited for the lock
                return;
            }
            boolean whole = !catalogFp.equals(jdbc.sql("select catalog_fp from duties_matrix_state where id = 1").query(String.class).single());
            Map<String, String> stored = new HashMap<>();
            // a cell's row also holds its tally (the duty triggers'): a cell leaving the matrix is unlisted, not deleted
            if (whole) {
                jdbc.sql("update duties_matrix_cell set listed = false where listed").update();
                jdbc.sql("delete from duties_matrix_subject").update();
            } else {
                jdbc.sql("select subject_kind, subject_id, fingerprint from duties_matrix_subject")
                        .query((rs, i) -> stored.put(rs.getString(1) + "|" + rs.getLong(2), rs.getString(3))).list();
            }
            Map<String, String> fingerprints = new HashMap<>();
            canonical.forEach((key, text) -> fingerprints.put(key, sha(text)));
            List<Object[]> gone = new ArrayList<>();
            stored.forEach((key, fp) -> {
                if (!fp.equals(fingerprints.get(key))) {
                    String[] k = key.split("\\|");
                    gone.add(new Object[] {k[0], Long.parseLong(k[1])});
                }
            });
            template.batchUpdate("update duties_matrix_cell set listed = false where subject_kind = ? and subject_id = ? and listed", gone);
            template.batchUpdate("delete from duties_matrix_subject where subject_kind = ? and subject_id = ?", gone);
            List<Object[]> cells = new ArrayList<>();
            List<Object[]> written = new ArrayList<>();
            for (SubjectKind kind : SubjectKind.values()) {
                List<Subject> list = snapshot.of(kind);
                if (list.isEmpty() && !fingerprints.get(kind + "|0").equals(stored.get(kind + "|0"))) {
                    // every rule is listed even before anything it applies to exists (e.g. no systems registered yet)
                    for (int i = 0; i < rules.size(); i++) {
                        if (rules.get(i).appliesTo() == kind) {
                            cells.add(row(new Cell(kind, 0, "", 0, "", rules.get(i), null, ComplianceMatrix.Status.NOT_APPLICABLE,
                                    "duties.matrix.reason.noSubjects", null), i));
                        }
                    }
                    written.add(new Object[] {kind.name(), 0L, fingerprints.get(kind + "|0")});
                }
                for (Subject s : list) {
                    String key = kind + "|" + s.id();
                    if (fingerprints.get(key).equals(stored.get(key))) {
                        continue;
                    }
                    String orgName = snapshot.org(s.orgId()).map(OrganisationView::name).orElse("");
                    for (int i = 0; i < rules.size(); i++) {
                        Rule rule = rules.get(i);
                        if (rule.appliesTo() == kind) {
                            // a row is the responsible organisation's (A4): a unit does not see the provider's duties on its systems
                            cells.add(row(cell(rule, s, orgName, snapshot.responsibleOrg(rule.party(), s).orElse(-1L)), i));
                        }
                    }
                    written.add(new Object[] {kind.name(), s.id(), fingerprints.get(key)});
                }
            }
            String columns = "subject_kind, subject_id, rule_id, kind_pos, rule_pos, subject_name, org_id, org_name, responsible_org, recurring, "
                    + "fixed_status, reason, reason_arg, listed";
            boolean postgres = ComplianceTally.isPostgres(template);
            // many rows per statement: on PostgreSQL the summary's statement trigger then runs once per thousand cells, not per cell
            for (int from = 0; from < cells.size(); from += 1000) {
                List<Object[]> chunk = cells.subList(from, Math.min(cells.size(), from + 1000));
                String values = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)"));
                String upsert = postgres
                        ? "insert into duties_matrix_cell (" + columns + ") values " + values + " on conflict (subject_kind, subject_id, rule_id) "
                        + "do update set kind_pos = excluded.kind_pos, rule_pos = excluded.rule_pos, subject_name = excluded.subject_name, "
                        + "org_id = excluded.org_id, org_name = excluded.org_name, responsible_org = excluded.responsible_org, "
                        + "recurring = excluded.recurring, fixed_status = excluded.fixed_status, reason = excluded.reason, "
                        + "reason_arg = excluded.reason_arg, listed = true"
                        : "merge into duties_matrix_cell (" + columns + ") key (subject_kind, subject_id, rule_id) values " + values;
                template.update(upsert, chunk.stream().flatMap(java.util.Arrays::stream).toArray());
            }
            // rows that neither the matrix lists nor any duty counts in
            jdbc.sql("delete from duties_matrix_cell where not listed and overdue_n = 0 and pending_n = 0 and closed_due is null").update();
            template.batchUpdate("insert into duties_matrix_subject (subject_kind, subject_id, fingerprint) values (?, ?, ?)", written);
            jdbc.sql("update duties_matrix_state set catalog_fp = :c, subjects_fp = :s, refreshed_at = :at where id = 1")
                    .param("c", catalogFp).param("s", subjectsFp).param("at", DutyRows.ts(clock.instant())).update();
        });
    }

    private boolean fresh(String catalogFp, String subjectsFp, boolean lock) {
        return jdbc.sql("select catalog_fp, subjects_fp from duties_matrix_state where id = 1" + (lock ? " for update" : ""))
                .query((rs, i) -> catalogFp.equals(rs.getString(1)) && subjectsFp.equals(rs.getString(2))).single();
    }

    private static Object[] row(Cell c, int rulePos) {
        return new Object[] {c.kind().name(), c.subjectId(), c.rule().id(), c.kind().ordinal(), rulePos, c.subjectName(), c.orgId(),
                c.orgName(), c.responsibleOrg(), c.rule().recurring(), c.fixedStatus() == null ? null : c.fixedStatus().name(), c.reason(),
                c.reasonArg()};
    }

    private static String sha(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
