package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading the operation log: newest-first search by keyset (an id cursor, so a page costs the same
 * however deep) and oldest-first streaming for verification and export, which never holds more
 * than one fetch of rows in memory.
 */
@Component
public class AuditRecords {
    public static final int MAX_PAGE = 200;
    private static final int FETCH_SIZE = 2000; // ≈ 0.5 MB of rows per round trip
    private static final String COLUMNS =
            "id, occurred_at, actor, organisation, source_address, action, target, result, details, prev_hash, hash";

    /** Search criteria; null or blank means any. Action and target match by prefix. */
    public record Filter(Instant from, Instant to, String actor, String organisation, String action, String target) {
    }

    public record Page(List<AuditRecord> items, Long nextCursor) {
    }

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final TransactionTemplate readOnly;

    AuditRecords(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.streaming = JdbcClient.create(template);
        this.readOnly = new TransactionTemplate(tx);
        this.readOnly.setReadOnly(true); // PostgreSQL honours the fetch size only inside a transaction
    }

    public Page search(Filter filter, Long before, int limit) {
        int size = Math.max(1, Math.min(MAX_PAGE, limit));
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_record where 1=1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (before != null) {
            sql.append(" and id < :before");
            params.put("before", before);
        }
        if (filter.from() != null) {
            sql.append(" and occurred_at >= :from");
            params.put("from", filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" and occurred_at < :to");
            params.put("to", filter.to().atOffset(ZoneOffset.UTC));
        }
        equal(sql, params, "actor", filter.actor());
        equal(sql, params, "organisation", filter.organisation());
        prefix(sql, params, "action", filter.action());
        prefix(sql, params, "target", filter.target());
        sql.append(" order by id desc limit ").append(size + 1);
        List<AuditRecord> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(AuditRecords::map).list());
        Long next = null;
        if (rows.size() > size) {
            rows.remove(size);
            next = rows.get(size - 1).id();
        }
        return new Page(rows, next);
    }

    /** Every record with {@code id <= upTo} in id order, until {@code sink} answers false. */
    public void streamUpTo(long upTo, Predicate<AuditRecord> sink) {
        streamUpTo(upTo, (record, mac) -> sink.test(record));
    }

    /** As {@link #streamUpTo(long, Predicate)}, with each record's MAC under the audit key (null on records before keying). */
    public void streamUpTo(long upTo, BiPredicate<AuditRecord, String> sink) {
        stream("select " + COLUMNS + ", mac from audit_record where id <= :upTo order by id", Map.of("upTo", upTo), sink);
    }

    /**
     * Records from the first with {@code occurred_at >= from} to the last with {@code occurred_at < to}, in id order: a
     * gap-free run of the chain even if the clocks of two nodes disagreed by a moment.
     */
    public void streamRange(Instant from, Instant to, Predicate<AuditRecord> sink) {
        streamRange(from, to, (record, mac) -> sink.test(record));
    }

    /** As {@link #streamRange(Instant, Instant, Predicate)}, with each record's MAC. */
    public void streamRange(Instant from, Instant to, BiPredicate<AuditRecord, String> sink) {
        stream("select " + COLUMNS + ", mac from audit_record where id between"
                        + " (select min(id) from audit_record where occurred_at >= :from)"
                        + " and (select max(id) from audit_record where occurred_at < :to) order by id",
                Map.of("from", from.atOffset(ZoneOffset.UTC), "to", to.atOffset(ZoneOffset.UTC)), sink);
    }

    private void stream(String sql, Map<String, Object> params, BiPredicate<AuditRecord, String> sink) {
        try {
            readOnly.executeWithoutResult(status -> streaming.sql(sql).params(params).query(rs -> {
                if (!sink.test(map(rs, 0), rs.getString(12))) { // mac, after COLUMNS
                    throw new Stop(); // the sink has what it needs: stop reading rows
                }
            }));
        } catch (Stop stopped) {
            // normal end
        }
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static void equal(StringBuilder sql, Map<String, Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" = :").append(column);
            params.put(column, value.strip());
        }
    }

    private static void prefix(StringBuilder sql, Map<String, Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" like :").append(column).append(" escape '\\'");
            params.put(column, value.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }

    static AuditRecord map(ResultSet rs, int row) throws SQLException {
        // by position (COLUMNS' order): no lookup by name per row and column
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    }
}
