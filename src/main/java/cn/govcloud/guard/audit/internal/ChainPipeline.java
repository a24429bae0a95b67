package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditRecord;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds a {@link ChainCheck} with each record's own work done on all cores while the reader goes on
 * fetching (issue 19): a record's SM3 hash is recomputed from its STORED prev_hash and content, and
 * its HMAC-SM3 from its id and stored hash, so neither depends on any other record and both can run
 * in any order. The links, the gap-free ids, the marks and the order of the checks are then settled
 * one record after the other by {@link ChainCheck#accept(AuditRecord, String, int, RuntimeException)}
 * exactly as a one-thread check does them (A7.4): the first record affected and the reason are the
 * same. Bounded: at most {@code 2 × threads} batches of {@value #BATCH} records are in flight; the
 * reader waits for the oldest when they all are. One reader; close it to stop the workers.
 */
public final class ChainPipeline implements AutoCloseable {
    static final int BATCH = 1024;
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final ThreadLocal<AuditRecord.Hasher> HASHERS = ThreadLocal.withInitial(AuditRecord.Hasher::new);

    private final ChainCheck check;
    private final ExecutorService workers; // null on one core: the reader does the work itself
    private final int maxInFlight;
    private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
    private Batch filling = new Batch();
    private boolean stopped;

    /** With one worker per core (none on a single core). {@code check} must be {@link ChainCheck#keyed} already, if at all. */
    public ChainPipeline(ChainCheck check) {
        this(check, Runtime.getRuntime().availableProcessors());
    }

    ChainPipeline(ChainCheck check, int threads) {
        this.check = check;
        this.maxInFlight = 2 * threads;
        if (threads > 1) {
            int pool = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(threads, task -> {
                Thread t = new Thread(task, "audit-verify-" + pool + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.workers = null;
        }
    }

    /** @return false once the chain is known to be broken, so the caller may stop reading */
    public boolean offer(AuditRecord record, String mac) {
        if (stopped) {
            return false;
        }
        filling.add(record, mac);
        if (filling.size == BATCH) {
            Batch full = filling;
            filling = new Batch();
            if (workers == null) {
                return settle(full.work(check));
            }
            inFlight.addLast(workers.submit(() -> full.work(check)));
            // settle finished batches in order; wait for the oldest when too many are in flight
            while (!inFlight.isEmpty() && (inFlight.size() > maxInFlight || inFlight.peekFirst().isDone())) {
                if (!settle(result(inFlight.pollFirst()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Settles everything offered; then {@link ChainCheck#finish} tells the outcome. */
    public void drain() {
        while (!stopped && !inFlight.isEmpty()) {
            settle(result(inFlight.pollFirst()));
        }
        if (!stopped && filling.size > 0) {
            settle(filling.work(check));
        }
        filling = new Batch();
    }

    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private boolean settle(Batch batch) {
        for (int i = 0; i < batch.size; i++) {
            if (!check.accept(batch.records[i], batch.macs[i], batch.verdicts[i], batch.thrown == null ? null : batch.thrown[i])) {
                stopped = true;
                return false;
            }
        }
        return true;
    }

    private static Batch result(Future<Batch> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("audit verification interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause()); // work() catches what a record throws: not reached
        }
    }

    /** Up to {@value #BATCH} records with their stored MACs, and what their own checks gave. */
    private static final class Batch {
        final AuditRecord[] records = new AuditRecord[BATCH];
        final String[] macs = new String[BATCH];
        final int[] verdicts = new int[BATCH];
        RuntimeException[] thrown;
        int size;

        void add(AuditRecord record, String mac) {
            records[size] = record;
            macs[size++] = mac;
        }

        /** Each record's hash and (where the check wants it) MAC, recomputed; what threw is kept for its turn in order. */
        Batch work(ChainCheck check) {
            AuditRecord.Hasher hasher = HASHERS.get();
            for (int i = 0; i < size; i++) {
                AuditRecord r = records[i];
                int verdict = ChainCheck.CHECKED;
                try {
                    verdict |= hasher.matches(r) ? ChainCheck.HASH_MATCHES : 0;
                } catch (RuntimeException e) {
                    verdict |= ChainCheck.HASH_THREW;
                    keep(i, e);
                }
                if ((verdict & ChainCheck.HASH_THREW) == 0 && check.macChecked(r, macs[i])) {
                    try {
                        verdict |= macs[i].equals(check.expectedMac(r.id(), r.hash())) ? ChainCheck.MAC_MATCHES : 0;
                    } catch (RuntimeException e) {
                        verdict |= ChainCheck.MAC_THREW;
                        keep(i, e);
                    }
                }
                verdicts[i] = verdict;
            }
            return this;
        }

        private void keep(int i, RuntimeException e) {
            if (thrown == null) {
                thrown = new RuntimeException[BATCH];
            }
            thrown[i] = e;
        }
    }
}
