package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.shared.Like;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.OrgScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A data list's where clause and its parameters, built filter by filter (issue 23 point 11): the reader's scope first
 * (A4), then each filter asked for; the keyword as one {@code like} per column ({@link Like}), or'ed with the id lists
 * another module's names resolved to. The catalog's and the register's SQL build theirs the same way.
 */
final class ListSql {
    private final StringBuilder where;
    private final Map<String, Object> params;

    ListSql(OrgScope scope, String orgColumn) {
        this.where = new StringBuilder(scope.where(orgColumn));
        this.params = new HashMap<>(scope.params());
    }

    /** A condition without parameters of its own. */
    ListSql and(String condition) {
        where.append(" and ").append(condition);
        return this;
    }

    /** {@code column = :name} when {@code value} was asked for; nothing otherwise. */
    ListSql equal(String column, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = :").append(name);
            params.put(name, value);
        }
        return this;
    }

    /** A named parameter a condition of {@link #and} uses. */
    ListSql param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /**
     * The keyword, when {@code filter} has one: in any of {@code columns} (lower-cased, wildcards literal), or any of
     * {@code alternatives} (conditions that may use {@code :kw} and parameters added before).
     */
    ListSql keyword(ListFilter filter, List<String> columns, String... alternatives) {
        if (filter.q() == null) {
            return this;
        }
        params.put("kw", filter.likePattern());
        StringBuilder any = new StringBuilder();
        for (String column : columns) {
            any.append(any.isEmpty() ? "" : " or ").append("lower(").append(column).append(") like :kw").append(Like.ESCAPE);
        }
        for (String alternative : alternatives) {
            any.append(" or ").append(alternative);
        }
        where.append(" and (").append(any).append(')');
        return this;
    }

    String where() {
        return where.toString();
    }

    Map<String, Object> params() {
        return params;
    }

    /** The parameters with the page's {@code :limit} and {@code :offset}. */
    Map<String, Object> paged(ListFilter filter) {
        Map<String, Object> paged = new HashMap<>(params);
        paged.put("limit", filter.size());
        paged.put("offset", (long) filter.page() * filter.size());
        return paged;
    }
}
