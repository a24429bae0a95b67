package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a list, newest first and paged on the id (keyset: fast however many rows precede it): the select with its
 * own condition, then each filter the list was asked for — only when given, null means any — then the cursor and the
 * limit. The systems list, the work orders, the classification register and the provider's register read theirs so.
 */
final class KeysetQuery {
    private final StringBuilder sql;
    private final Map<String, Object> params;

    /** {@code selectWhere} ends in a condition ({@code … where 1=1} for none); {@code params} are its parameters. */
    KeysetQuery(String selectWhere, Map<String, Object> params) {
        this.sql = new StringBuilder(selectWhere);
        this.params = new HashMap<>(params);
    }

    KeysetQuery(String selectWhere) {
        this(selectWhere, Map.of());
    }

    /** {@code and column = :param} when {@code value} is given (an enum by its name). */
    KeysetQuery equal(String column, String param, Object value) {
        return value == null ? this : and(column + " = :" + param, param, value instanceof Enum<?> e ? e.name() : value);
    }

    /** The exposure column (the names, comma-separated) holding the one asked for. */
    KeysetQuery exposure(String column, Exposure exposure) {
        return exposure == null ? this : and(column + " like :exposure", "exposure", "%" + exposure.name() + "%");
    }

    /** The registers' name search: part of the name, case-insensitive; a % or _ typed is dropped. */
    KeysetQuery nameContains(String column, String name) {
        if (name == null || name.isBlank()) {
            return this;
        }
        return and("lower(" + column + ") like :name", "name",
                "%" + name.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
    }

    /** {@code and condition}, with its one parameter. */
    KeysetQuery and(String condition, String param, Object value) {
        return and(condition, Map.of(param, value));
    }

    /** {@code and condition}, with its parameters (none: {@code Map.of()}). */
    KeysetQuery and(String condition, Map<String, ?> conditionParams) {
        sql.append(" and ").append(condition);
        params.putAll(conditionParams);
        return this;
    }

    /** The page after {@code beforeId} (null: the first), at most {@code limit} rows, by {@code idColumn} descending. */
    <T> List<T> page(JdbcClient jdbc, String idColumn, Long beforeId, int limit, RowMapper<T> rows) {
        if (beforeId != null) {
            and(idColumn + " < :before", "before", beforeId);
        }
        sql.append(" order by ").append(idColumn).append(" desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(rows).list();
    }
}
