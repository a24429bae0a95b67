package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.ListFilter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one way the access registers turn a {@link ListFilter} into SQL (issue 23 point 11): the reader's scope first, then
 * keyword, unit, state and due as {@code and} clauses; a page is a count and one {@code limit/offset} query, an export
 * walks the same rows in keyset pages of its own size (newest first, never the whole list in memory). Every value is a
 * bind parameter; the keyword is matched case-insensitively with its {@code %} and {@code _} taken literally.
 */
final class Listing {
    private final StringBuilder where;
    private final Map<String, Object> params;

    Listing(String scope, Map<String, ?> scopeParams) {
        this.where = new StringBuilder(scope);
        this.params = new HashMap<>(scopeParams);
    }

    /** The keyword in any of the columns, or in any of the extra predicates (which may use {@code :kw}). */
    Listing keyword(ListFilter f, List<String> columns, String... predicates) {
        if (f.q() != null) {
            params.put("kw", f.likePattern());
            where.append(" and (").append(Stream.concat(columns.stream().map(c -> "lower(" + c + ") like :kw escape '\\'"),
                    Arrays.stream(predicates)).collect(Collectors.joining(" or "))).append(')');
        }
        return this;
    }

    /** {@code clause} when {@code value} is given, e.g. {@code and("c.org_id = :unit", "unit", f.unit())}. */
    Listing and(String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.put(name, value);
        }
        return this;
    }

    /** {@code clause} with its own parameters, when {@code apply}. */
    Listing and(boolean apply, String clause, Map<String, ?> values) {
        if (apply) {
            where.append(" and (").append(clause).append(')');
            params.putAll(values);
        }
        return this;
    }

    /** Due filter on an end column: {@code week} ends from {@code now} to {@code weekAhead}, {@code past} ended before {@code now}. */
    Listing due(String due, String column, Object now, Object weekAhead) {
        if ("week".equals(due)) {
            return and(true, column + " >= :dueNow and " + column + " < :dueWeek", Map.of("dueNow", now, "dueWeek", weekAhead));
        }
        return and("past".equals(due), column + " < :dueNow", Map.of("dueNow", now));
    }

    /** One page of {@code select * from <from>}, newest first by {@code key}, with the total. */
    <T> Page<T> page(JdbcClient jdbc, String from, String key, ListFilter f, RowMapper<T> mapper) {
        long total = jdbc.sql("select count(*) from " + from + " where " + where).params(params).query(Long.class).single();
        Map<String, Object> p = new HashMap<>(params);
        p.put("limit", f.size());
        p.put("offset", (long) f.page() * f.size());
        List<T> rows = jdbc.sql("select * from " + from + " where " + where + " order by " + key + " desc limit :limit offset :offset")
                .params(p).query(mapper).list();
        return new Page<>(rows, total, f.page(), f.size());
    }

    /** Every matching row of {@code select <columns> from <from>}, newest first by {@code key}, {@code pageSize} rows a query. */
    <T> void each(JdbcClient jdbc, String select, String key, int pageSize, RowMapper<T> mapper, ToLongFunction<T> keyOf, Consumer<T> row) {
        Long before = null;
        while (true) {
            Map<String, Object> p = new HashMap<>(params);
            p.put("limit", pageSize);
            if (before != null) {
                p.put("before", before);
            }
            List<T> page = jdbc.sql(select + " where " + where + (before == null ? "" : " and " + key + " < :before") + " order by " + key
                    + " desc limit :limit").params(p).query(mapper).list();
            page.forEach(row);
            if (page.size() < pageSize) {
                return;
            }
            before = keyOf.applyAsLong(page.get(page.size() - 1));
        }
    }
}
