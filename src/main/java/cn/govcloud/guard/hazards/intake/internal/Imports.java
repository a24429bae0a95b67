package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.clip;
import static cn.govcloud.guard.hazards.intake.internal.Columns.instant;
import static cn.govcloud.guard.hazards.intake.internal.Columns.nullableLong;
import static cn.govcloud.guard.hazards.intake.internal.Columns.utc;

import cn.govcloud.guard.shared.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The import records ({@code intake_import}): one row per scan report or EVE batch, with its progress and outcome. */
@Repository
class Imports {
    /** A background import silent this long has lost its server (its transaction rolled back): it reads as failed. */
    static final Duration STALLED = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    Imports(JdbcClient jdbc, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    long insert(String format, String filename, Actor actor, Instant now, String status, Long totalBytes) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into intake_import (format, filename, bytes, imported_at, imported_by, org_id, status, total_bytes, started_at, "
                        + "progress_at) values (:f, :name, 0, :at, :by, :org, :status, :total, :at, :at)")
                .param("f", format).param("name", filename).param("at", utc(now)).param("by", actor.username())
                .param("org", actor.orgId()).param("status", status).param("total", totalBytes).update(key, "id");
        return key.getKey().longValue();
    }

    void progress(long id, int read, int stored, long bytes) {
        jdbc.sql("update intake_import set results = :r, stored = :s, bytes = :b, progress_at = :at where id = :id")
                .param("r", read).param("s", stored).param("b", bytes).param("at", utc(clock.instant())).param("id", id).update();
    }

    /** The counts of a finished import; {@code format} null keeps the one recorded, {@code done} marks a background import DONE. */
    void finish(long id, String format, long bytes, long results, int created, int updated, int unmatched, boolean done, Instant at) {
        var sql = jdbc.sql("update intake_import set " + (format == null ? "" : "format = :f, ") + "bytes = :bytes, results = :r, stored = :r, "
                + "new_count = :n, updated_count = :u, unmatched_count = :x, " + (done ? "status = 'DONE', " : "") + "finished_at = :at where id = :id");
        if (format != null) {
            sql = sql.param("f", format);
        }
        sql.param("bytes", bytes).param("r", results).param("n", created).param("u", updated)
                .param("x", unmatched).param("at", utc(at)).param("id", id).update();
    }

    void failed(long id, String key, String english, String chinese) {
        jdbc.sql("update intake_import set status = 'FAILED', finished_at = :at, error_key = :k, error_en = :en, error_zh = :zh, stored = 0 "
                        + "where id = :id")
                .param("at", utc(clock.instant())).param("k", key).param("en", clip(english, 2000)).param("zh", clip(chinese, 2000))
                .param("id", id).update();
    }

    /** Newest first, {@code size + 1} rows from before the cursor (the caller pages). */
    List<ImportRecord> list(Long before, int size) {
        return jdbc.sql("select * from intake_import i where " + (before == null ? "1=1" : "i.id < :before") + " order by i.id desc limit "
                        + (size + 1)).params(before == null ? java.util.Map.of() : java.util.Map.of("before", before))
                .query((rs, i) -> record(rs)).list();
    }

    Optional<ImportRecord> find(long id) {
        return jdbc.sql("select * from intake_import where id = :id").param("id", id).query((rs, i) -> record(rs)).optional();
    }

    /** The row as it reads now: a RUNNING import silent for {@link #STALLED} reads FAILED; percent and ETA from its bytes. */
    private ImportRecord record(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        Instant progressAt = instant(rs, "progress_at");
        boolean stalled = status.equals("RUNNING") && progressAt != null && progressAt.plus(STALLED).isBefore(clock.instant());
        if (stalled) {
            status = "FAILED";
        }
        long bytes = rs.getLong("bytes");
        Long total = nullableLong(rs, "total_bytes");
        Instant started = instant(rs, "started_at");
        Integer percent = null;
        Long eta = null;
        if (status.equals("DONE")) {
            percent = 100;
        } else if (total != null && total > 0) {
            percent = (int) Math.min(99, bytes * 100 / total);
            if (status.equals("RUNNING") && started != null && bytes > 0) {
                double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
                eta = Math.max(0, Math.round(seconds * (total - bytes) / bytes));
            }
        }
        boolean chinese = "zh".equals(LocaleContextHolder.getLocale().getLanguage());
        return new ImportRecord(rs.getLong("id"), rs.getString("format"), rs.getString("filename"), bytes, rs.getInt("results"),
                rs.getInt("new_count"), rs.getInt("updated_count"), rs.getInt("unmatched_count"), instant(rs, "imported_at"),
                rs.getString("imported_by"), status, total, rs.getInt("stored"), percent, status.equals("RUNNING") ? eta : null,
                instant(rs, "finished_at"), stalled ? messages.getMessage("hazards.intake.error.stalled", new Object[] {STALLED.toMinutes()},
                        LocaleContextHolder.getLocale()) : rs.getString(chinese ? "error_zh" : "error_en"));
    }
}
