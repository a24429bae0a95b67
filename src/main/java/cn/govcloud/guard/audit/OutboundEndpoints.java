package cn.govcloud.guard.audit;

import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;

/**
 * One table of outbound integration endpoints — the SIEM destinations and the service desks (issue 21 points 2 and 5) —
 * kept the one way both need: the security administrator's alone (三权分立: who sets security policy decides where security
 * events go), targets and secrets sealed with {@link FieldEncryption} under {@code <table>.<column>}, changed field by field,
 * soft-deleted (kept for the history of what was sent) and every change audited (A5.3, A7.4). Each module keeps its own
 * table, checks and descriptions; it lives in {@code audit} because both modules may depend on it and on {@code crypto}
 * (issue 18 point 7). Not a bean: each service makes its own over its table.
 *
 * @param table      the module's table, e.g. {@code siem_destination}; the audit target is {@code siem-destination:<id>}
 * @param action     the audit action prefix, e.g. {@code siem.destination} ({@code .create}, {@code .update}, {@code .delete})
 * @param invalidKey the message key of a refused create or change
 * @param noun       what the rows are, for the refusal of anyone but the security administrator
 */
public record OutboundEndpoints(JdbcClient jdbc, FieldEncryption encryption, AuditLog audit, Clock clock, String table, String action,
                                String invalidKey, String noun) {

    /** Refuses anyone but the security administrator. */
    public void require(Actor actor) {
        if (!actor.has(Role.SECURITY_ADMIN)) {
            throw new AccessDeniedException(noun + " are the security administrator's");
        }
    }

    /** The value sealed for this table's column; null stays null. */
    public String seal(String column, String clear) {
        return clear == null ? null : encryption.seal(table + "." + column, clear);
    }

    /** The column's sealed value opened; null stays null. */
    public String open(String column, String sealed) {
        return sealed == null ? null : encryption.open(table + "." + column, sealed);
    }

    /** A new row, or a change to one: the columns to set, the refusals found while checking, and what to say in the audit. */
    public static final class Change {
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private final Map<String, String> errors = new LinkedHashMap<>();
        private final StringBuilder noted = new StringBuilder();

        public Change set(String column, Object value) {
            columns.put(column, value);
            return this;
        }

        /** Said after the row's description in the audit record (a changed secret is named, never shown). */
        public Change note(String what) {
            noted.append("; ").append(what);
            return this;
        }

        /** Where the module's checks put their refusals (field name → message key). */
        public Map<String, String> errors() {
            return errors;
        }
    }

    /** Inserts the row (refused whole if any check failed), stamped and audited; returns it as {@code reload} reads it. */
    public <T> T create(Actor actor, Change row, LongFunction<T> reload, Function<T, String> describe) {
        refuseIfInvalid(row);
        OffsetDateTime now = now();
        row.set("created_at", now).set("created_by", actor.username()).set("updated_at", now).set("updated_by", actor.username());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into " + table + " (" + String.join(", ", row.columns.keySet()) + ") values ("
                        + row.columns.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")")
                .params(row.columns).update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        T saved = reload.apply(id);
        audited("create", id, describe.apply(saved));
        return saved;
    }

    /** Sets the changed columns only (refused whole if any check failed), stamped and audited with what was noted. */
    public <T> T update(Actor actor, long id, Change change, LongFunction<T> reload, Function<T, String> describe) {
        refuseIfInvalid(change);
        change.set("updated_at", now()).set("updated_by", actor.username());
        String assignments = change.columns.keySet().stream().map(k -> k + " = :" + k).collect(Collectors.joining(", "));
        jdbc.sql("update " + table + " set " + assignments + " where id = :id and deleted_at is null").params(change.columns).param("id", id).update();
        T saved = reload.apply(id);
        audited("update", id, describe.apply(saved) + change.noted);
        return saved;
    }

    /** Marks the row deleted and disabled — kept for the history of what it was sent — and audits it. */
    public void delete(Actor actor, long id, String description) {
        OffsetDateTime now = now();
        jdbc.sql("update " + table + " set deleted_at = :now, enabled = false, updated_at = :now, updated_by = :by where id = :id")
                .param("now", now).param("by", actor.username()).param("id", id).update();
        audited("delete", id, description);
    }

    /** The audit target of a row, e.g. {@code ticket-desk:7}. */
    public String target(long id) {
        return table.replace('_', '-') + ":" + id;
    }

    /** The form's text without surrounding blanks; blank is null. */
    public static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A timestamp column as an instant; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private void audited(String verb, long id, String description) {
        audit.record(AuditEvent.success(action + "." + verb, target(id), description));
    }

    private void refuseIfInvalid(Change change) {
        if (!change.errors.isEmpty()) {
            throw new InvalidInput(invalidKey, change.errors);
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
