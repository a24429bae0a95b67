package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Like;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Filters for the duty list; null means any. */
public record DutyFilter(DutyState state, String ruleId, Long orgId, SubjectKind subjectKind, Long subjectId, LocalDate dueFrom,
                         LocalDate dueTo, String keyword, List<String> keywordRules) {
    public DutyFilter {
        keyword = keyword == null || keyword.isBlank() ? null : keyword.strip();
        keywordRules = keywordRules == null ? List.of() : List.copyOf(keywordRules);
    }

    public DutyFilter(DutyState state, String ruleId, Long orgId, SubjectKind subjectKind, Long subjectId, LocalDate dueFrom, LocalDate dueTo) {
        this(state, ruleId, orgId, subjectKind, subjectId, dueFrom, dueTo, null, List.of());
    }

    public static DutyFilter none() {
        return new DutyFilter(null, null, null, null, null, null, null);
    }

    /**
     * Issue 23 point 11: narrowed to a keyword, matched in SQL against the subject's name, the article and the rule id, and
     * to the rules whose (Chinese) title contains it — the titles live in the catalog, not in the table.
     */
    public DutyFilter matching(String text, Collection<Rule> rules) {
        String k = text == null || text.isBlank() ? null : text.strip();
        List<String> titled = k == null ? List.of() : rules.stream().filter(r -> r.title().contains(k)).map(Rule::id).toList();
        return new DutyFilter(state, ruleId, orgId, subjectKind, subjectId, dueFrom, dueTo, k, titled);
    }

    /** Appends this filter's conditions on duties_duty {@code d} ({@code and …}) and their parameters. */
    void appendTo(StringBuilder sql, Map<String, Object> params) {
        and(sql, params, "d.state =", "state", state == null ? null : state.name());
        and(sql, params, "d.rule_id =", "ruleId", ruleId);
        and(sql, params, "d.org_id =", "orgId", orgId);
        and(sql, params, "d.subject_kind =", "subjectKind", subjectKind == null ? null : subjectKind.name());
        and(sql, params, "d.subject_id =", "subjectId", subjectId);
        and(sql, params, "d.due_date >=", "dueFrom", dueFrom);
        and(sql, params, "d.due_date <=", "dueTo", dueTo);
        if (keyword != null) {
            sql.append(" and (lower(d.subject_name) like :keyword escape '\\' or lower(d.article) like :keyword escape '\\'"
                    + " or lower(d.rule_id) like :keyword escape '\\'").append(keywordRules.isEmpty() ? ")" : " or d.rule_id in (:keywordRules))");
            params.put("keyword", Like.containing(keyword));
            if (!keywordRules.isEmpty()) {
                params.put("keywordRules", keywordRules);
            }
        }
    }

    /** {@code and <column op> :name} when the value is given. */
    private static void and(StringBuilder sql, Map<String, Object> params, String columnAndOperator, String name, Object value) {
        if (value != null) {
            sql.append(" and ").append(columnAndOperator).append(" :").append(name);
            params.put(name, value);
        }
    }
}
