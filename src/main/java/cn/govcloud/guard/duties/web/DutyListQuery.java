package cn.govcloud.guard.duties.web;

import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.internal.DutyFilter;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.shared.ListParameters;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The duty list's query string, for the page and its Excel export alike (issue 23 point 11), read through
 * {@link ListParameters}: a state, rule, organisation, keyword, page or page size the list cannot read is refused naming
 * the parameter (an {@code InvalidInput}), never read as "any" — an export must hold exactly the rows the list shows.
 *
 * @param given what was read (trimmed, blanks left out), for the pager's and the export's links
 */
record DutyListQuery(DutyFilter filter, int page, int size, Map<String, String> given) {
    static final int PAGE = 50;

    /** Reads the parameters; throws one InvalidInput naming every bad one. */
    static DutyListQuery read(Map<String, String> raw, List<Rule> rules) {
        ListParameters p = ListParameters.of(raw);
        DutyState state = p.choice("state", DutyState.class);
        String rule = p.choice("rule", rules.stream().map(Rule::id).toList());
        Long org = p.id("org");
        String q = p.keyword("q");
        int size = p.size(PAGE, 0);
        int page = p.page();
        p.check();
        return new DutyListQuery(new DutyFilter(state, rule, org, null, null, null, null).matching(q, rules), page, size, p.given());
    }

    /** The query string of {@link #given} (no page), encoded; empty when nothing was asked. */
    String query() {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        given.forEach(b::queryParam);
        String query = b.encode().build().getQuery();
        return query == null ? "" : query;
    }
}
