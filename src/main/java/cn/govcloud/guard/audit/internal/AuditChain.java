package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.crypto.LogMac;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends to the one chain (A7.4) by group commit (issue 19): callers queue their record and wait;
 * one writer thread per node takes everything queued, locks the head row, chains the batch (SM3
 * hash, HMAC-SM3 under the audit key), inserts it, moves the head and commits once, and only then
 * answers each caller. Ids stay gap-free sequence numbers and one chain across threads and nodes
 * (the head row lock); a caller returns only once its record is committed, so an acknowledged
 * record survives a crash as any committed row does.
 *
 * <p>The writer has its own small connection pool: a caller may hold the request's pooled
 * connection (inside its transaction) while it waits, and an audit append must never need a second
 * connection from that pool — that is how records were lost when the pool ran dry under load
 * (issue 20 point 3). If the record cannot be written the caller gets an exception, so the write it
 * audits fails instead of going unrecorded.
 */
@Component
class AuditChain implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    static final int MAX_BATCH = 500;
    static final long WAIT_SECONDS = 15;
    private static final String INSERT = """
            insert into audit_record (id, occurred_at, actor, organisation, source_address, action, target, result, details, prev_hash, hash, mac)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    record Head(long lastId, String lastHash, String headMac, long keyedFrom) {
    }

    private record Pending(String actor, String organisation, String sourceAddress, String action, String target, String result,
                           String details, CompletableFuture<AuditRecord> done) {
    }

    private final DataSource mainDataSource;
    private final JdbcClient jdbc;
    private final LogMac mac;
    private final Clock clock;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread writer;
    private DataSource writerDataSource;
    /** The last record this node committed: a head moved back below it means records were removed. */
    private volatile AuditRecord lastAppended;

    AuditChain(DataSource dataSource, JdbcClient jdbc, LogMac mac, Clock clock) {
        this.mainDataSource = dataSource;
        this.jdbc = jdbc; // also orders us after Flyway, which JdbcClient depends on
        this.mac = mac;
        this.clock = clock;
    }

    /** Queues the record and waits until the batch holding it is committed. */
    public AuditRecord append(String actor, String organisation, String sourceAddress, String action, String target,
                              String result, String details) {
        if (!running) {
            throw new DataAccessResourceFailureException("The audit log is shutting down: the operation cannot be recorded");
        }
        ensureWriter();
        Pending pending = new Pending(actor, organisation, sourceAddress, action, target, result, details, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException("The audit log could not record within " + WAIT_SECONDS
                    + " s (database unreachable or the chain head locked); the operation was not recorded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Interrupted while waiting for the audit log", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DataAccessException dae) {
                throw dae;
            }
            throw new DataAccessResourceFailureException("The audit log cannot record: " + e.getCause(), e.getCause());
        }
    }

    private synchronized void ensureWriter() {
        if (writer != null) {
            return;
        }
        writerDataSource = ownPool(mainDataSource);
        writer = new Thread(this::run, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** A pool of two for the writer alone, with the main pool's settings (URL, user, driver). */
    static DataSource ownPool(DataSource main) {
        if (main instanceof HikariDataSource hikari) {
            HikariConfig config = new HikariConfig();
            hikari.copyStateTo(config);
            config.setPoolName("audit-writer");
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(1);
            config.setConnectionTimeout(5_000);
            config.setInitializationFailTimeout(-1); // a database down at this moment is the next batch's problem
            config.setRegisterMbeans(false);
            return new HikariDataSource(config);
        }
        return main; // a test's plain DataSource hands out fresh connections anyway
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                try {
                    List<AuditRecord> written = write(batch);
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).done().complete(written.get(i));
                    }
                } catch (SQLException | RuntimeException e) {
                    log.error("Audit batch of {} records not written: {}", batch.size(), e.toString());
                    DataAccessException failure = new DataAccessResourceFailureException("The audit log cannot record: " + e.getMessage(), e);
                    batch.forEach(p -> p.done().completeExceptionally(failure));
                    Thread.sleep(100); // a database that is down is not hammered
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        queue.forEach(p -> p.done().completeExceptionally(new DataAccessResourceFailureException("The audit log stopped")));
    }

    /** One transaction: lock the head, chain and insert the batch, move the head, commit. */
    List<AuditRecord> write(List<Pending> batch) throws SQLException {
        try (Connection c = writerDataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Head head;
                try (PreparedStatement s = c.prepareStatement(
                        "select last_id, last_hash, head_mac, keyed_from from audit_chain_head where id = 1 for update");
                     ResultSet rs = s.executeQuery()) {
                    rs.next();
                    head = new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                List<AuditRecord> written = new ArrayList<>(batch.size());
                String prev = head.lastHash();
                long id = head.lastId();
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (Pending p : batch) {
                        AuditRecord r = new AuditRecord(++id, now, p.actor(), p.organisation(), p.sourceAddress(), p.action(), p.target(),
                                p.result(), p.details(), null, null).chainedAfter(prev);
                        int i = 1;
                        insert.setLong(i++, r.id());
                        insert.setObject(i++, now.atOffset(ZoneOffset.UTC));
                        insert.setString(i++, r.actor());
                        insert.setString(i++, r.organisation());
                        insert.setString(i++, r.sourceAddress());
                        insert.setString(i++, r.action());
                        insert.setString(i++, r.target());
                        insert.setString(i++, r.result());
                        insert.setString(i++, r.details());
                        insert.setString(i++, r.prevHash());
                        insert.setString(i++, r.hash());
                        insert.setString(i, ChainMacs.record(mac, r.id(), r.hash()));
                        insert.addBatch();
                        written.add(r);
                        prev = r.hash();
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement("update audit_chain_head set last_id = ?, last_hash = ?, head_mac = ? where id = 1")) {
                    s.setLong(1, id);
                    s.setString(2, prev);
                    s.setString(3, ChainMacs.head(mac, id, prev));
                    s.executeUpdate();
                }
                c.commit();
                lastAppended = written.get(written.size() - 1);
                return written;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the transaction with it
                }
                throw e;
            }
        }
    }

    Head head() {
        return jdbc.sql("select last_id, last_hash, head_mac, keyed_from from audit_chain_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).single();
    }

    /** The last record this node committed since it started, if any. */
    AuditRecord lastAppended() {
        return lastAppended;
    }

    /** Lets queued records in, then stops the writer and closes its pool (after the web server has stopped taking requests). */
    @Override
    public void destroy() throws InterruptedException {
        running = false;
        Thread w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            w.join(10_000);
        }
        if (writerDataSource instanceof HikariDataSource own && own != mainDataSource) {
            own.close();
        }
    }
}
