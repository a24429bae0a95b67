package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.shared.ListFilter;
import java.util.List;

/**
 * What a person asks of a data list (issue 23 point 11): the shared filter (keyword, unit, state, due, page, size) and
 * the data set's grade. The state is the list's own: for the catalogs whether a backup policy covers the set
 * ({@link #POLICY_STATES}), for the register the transfer's status, for the findings their kind.
 */
public record DataSearch(ListFilter filter, Grade grade) {
    /** The catalogs' state: a backup policy of the set or of its whole system exists, or none (A7.1, A8.2). */
    public static final List<String> POLICY_STATES = List.of("POLICY", "NO_POLICY");

    /** Everything the reader may see, one page of the default size. */
    public static DataSearch none() {
        return new DataSearch(ListFilter.none(), null);
    }

    /** The same search on another page (an export walks every page). */
    public DataSearch atPage(int page, int size) {
        return new DataSearch(filter.atPage(page, size), grade);
    }
}
