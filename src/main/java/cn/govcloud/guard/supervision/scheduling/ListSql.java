package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.shared.Like;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A list's {@code where} clause built from its filter (issue 23 point 11): every condition in SQL, the keyword a
 * {@code like} on lower-cased columns with {@link Like}'s escape, counted and paged in the database (no row read twice,
 * none filtered in memory).
 */
public final class ListSql {
    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds a condition with its parameters (name, value pairs). */
    public ListSql and(String clause, Object... nameValues) {
        clauses.add("(" + clause + ")");
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            params.put((String) nameValues[i], nameValues[i + 1]);
        }
        return this;
    }

    /** The keyword found in any of {@code columns} (nothing added without one). */
    public ListSql keyword(ListFilter filter, String... columns) {
        if (filter.q() == null) {
            return this;
        }
        List<String> any = new ArrayList<>();
        for (String column : columns) {
            any.add("lower(" + column + ") like :kw" + Like.ESCAPE);
        }
        return and(String.join(" or ", any), "kw", Like.containing(filter.q()));
    }

    public String where() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    /** {@code from} (the tables after {@code from}), counted and one page of it read in {@code order}. */
    public <T> Page<T> page(JdbcClient jdbc, String select, String from, String order, ListFilter filter, RowMapper<T> mapper) {
        long total = jdbc.sql("select count(*) from " + from + where()).params(params).query(Long.class).single();
        List<T> rows = total == 0 ? List.of() : jdbc.sql("select " + select + " from " + from + where() + " order by " + order
                        + " limit " + filter.size() + " offset " + ((long) filter.page() * filter.size()))
                .params(params).query(mapper).list();
        return new Page<>(rows, total, filter.page(), filter.size());
    }
}
