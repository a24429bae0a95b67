package cn.govcloud.guard.hazards.intake.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Set-based writes of the intake (issue 19 point 2): on PostgreSQL rows go in with {@code COPY … FROM
 * STDIN} through the driver's CopyManager on the transaction's own connection (one round trip for a
 * whole batch); on H2 as one JDBC batch. Either way they are part of the caller's transaction, so
 * all-or-nothing stays.
 */
@Component
class Bulk {
    private final JdbcTemplate template;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final DataSource dataSource;
    private final boolean postgres;

    Bulk(JdbcTemplate template, DataSource dataSource) {
        this.template = template;
        this.jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(template);
        this.dataSource = dataSource;
        this.postgres = Boolean.TRUE.equals(template.execute((Connection c) -> c.getMetaData().getDatabaseProductName().contains("PostgreSQL")));
    }

    boolean postgres() {
        return postgres;
    }

    /** The staging table of one transaction's batches: temporary, emptied on commit, never seen by another session. */
    void stage(String table, String columns) {
        template.execute(postgres ? "create temporary table if not exists " + table + " (" + columns + ") on commit delete rows"
                : "create local temporary table if not exists " + table + " (" + columns + ") on commit delete rows transactional");
    }

    /** Empties a staging table between batches of one transaction (H2's TRUNCATE would commit). */
    void clear(String table) {
        template.execute(postgres ? "truncate " + table : "delete from " + table);
    }

    /**
     * Writes {@code rows} into {@code table (columns)}; each row's values in the order of the columns:
     * strings, numbers, booleans, {@link java.time.OffsetDateTime}s or null.
     */
    void insert(String table, List<String> columns, int[] types, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!postgres) {
            template.batchUpdate("insert into " + table + " (" + String.join(", ", columns) + ") values ("
                    + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")", rows, types);
            return;
        }
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                field(text, row[i]);
            }
            text.append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin", new StringReader(text.toString()));
        } catch (SQLException e) {
            throw template.getExceptionTranslator().translate("COPY " + table, null, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * {@code select … where column} matching any of {@code values}, then {@code rest}: on PostgreSQL one array
     * parameter ({@code = any(?)}, one plan whatever the count), on H2 an expanded IN list.
     */
    <T> List<T> inList(String selectWhereColumn, java.util.Collection<?> values, String sqlType, String rest, java.util.Map<String, Object> params,
                       org.springframework.jdbc.core.RowMapper<T> mapper) {
        if (values.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Object> all = new java.util.HashMap<>(params);
        if (postgres) {
            all.put("values", new org.springframework.jdbc.core.SqlParameterValue(java.sql.Types.ARRAY, new PgArray(sqlType, values.toArray())));
            return jdbc.sql(selectWhereColumn + " = any(:values)" + rest).params(all).query(mapper).list();
        }
        all.put("values", values);
        return jdbc.sql(selectWhereColumn + " in (:values)" + rest).params(all).query(mapper).list();
    }

    /** An SQL array bound through the statement's own connection. */
    private record PgArray(String type, Object[] values) implements org.springframework.jdbc.support.SqlValue {
        @Override
        public void setValue(java.sql.PreparedStatement ps, int index) throws SQLException {
            ps.setArray(index, ps.getConnection().createArrayOf(type, values));
        }

        @Override
        public void cleanup() {
        }
    }

    /** COPY's text format: \N for null, backslash escapes for the separators. */
    private static void field(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\u0000' -> { } // PostgreSQL text cannot hold NUL
                default -> out.append(c);
            }
        }
    }
}
