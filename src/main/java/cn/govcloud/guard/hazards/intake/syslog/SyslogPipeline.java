package cn.govcloud.guard.hazards.intake.syslog;

import cn.govcloud.guard.hazards.intake.internal.SyslogAlerts;
import cn.govcloud.guard.shared.IpAddresses;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Between the sockets and the intake (issue 21 point 3): the receiver threads only check the sender and put the line
 * on a bounded queue — they never wait for the database; one writer thread takes up to a batch at a time, parses and
 * maps the lines and writes the alerts in one transaction ({@link SyslogAlerts}). A line arriving when the queue is
 * full is counted as overflow for its sender (shown on the page), never dropped silently; a batch the database
 * refuses is kept and retried (the queue fills meanwhile, and what no longer fits is counted). Lines from senders not
 * allowed are counted as refused. Counts and the last unmapped lines go to the database with each batch, per node.
 */
@Component
public class SyslogPipeline implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SyslogPipeline.class);
    /** The rules and allowed senders are read again this often (another node's administrator may have changed them). */
    static final Duration RELOAD = Duration.ofSeconds(10);
    /** Distinct senders counted in memory between two flushes; more are counted under "*". */
    private static final int MAX_COUNTED = 1000;

    /** One line received. */
    record Received(String sender, String line, Instant at) {
    }

    private final SyslogSettings settings;
    private final SyslogStore store;
    private final SyslogAlerts alerts;
    private final Clock clock;
    private final BlockingQueue<Received> queue;
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> overflow = new ConcurrentHashMap<>();
    private final AtomicLong overflowTotal = new AtomicLong();
    private final AtomicLong refusedTotal = new AtomicLong();
    private final AtomicLong writtenTotal = new AtomicLong();
    private volatile List<IpAddresses.Cidr> allowed = List.of();
    private volatile Mapper mapper = Mapper.of(List.of());
    private volatile Instant loadedAt = Instant.EPOCH;
    private volatile boolean reloadWanted = true;
    private volatile boolean running;
    private volatile String lastError;
    private Thread writer;

    SyslogPipeline(SyslogSettings settings, SyslogStore store, SyslogAlerts alerts, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /** What the page shows of this node's receiver. */
    public record Status(boolean enabled, String node, int queued, int capacity, long overflow, long refused, long written, String lastError) {
    }

    public Status status() {
        return new Status(settings.enabled(), settings.node(), queue.size(), settings.queueCapacity(), overflowTotal.get(), refusedTotal.get(),
                writtenTotal.get(), lastError);
    }

    /** Whether lines from this address are taken (the allowed senders, as last read). */
    boolean allowed(InetAddress address) {
        byte[] ip = IpAddresses.literal(address.getHostAddress()).orElse(address.getAddress());
        for (IpAddresses.Cidr c : allowed) {
            if (c.network().length == ip.length && c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** A line from an allowed sender: queued, or counted as overflow when the queue is full. Never blocks. */
    void accept(String sender, byte[] bytes, int offset, int length) {
        int n = Math.min(length, settings.maxLineBytes());
        String line = new String(bytes, offset, n, StandardCharsets.UTF_8);
        if (!queue.offer(new Received(sender, line, clock.instant()))) {
            overflowTotal.incrementAndGet();
            count(overflow, sender);
        }
    }

    /** The next queued line, or null (the writer takes batches; this is for a look at the framing). */
    Received poll() {
        return queue.poll();
    }

    /** A datagram or connection from a sender not allowed: counted and dropped. */
    void refuse(String sender) {
        refusedTotal.incrementAndGet();
        count(refused, sender);
    }

    private static void count(Map<String, AtomicLong> counts, String sender) {
        String key = counts.size() >= MAX_COUNTED && !counts.containsKey(sender) ? "*" : sender;
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** After an administrator's change on this node: read the rules and senders again before the next batch. */
    public void reload() {
        reloadWanted = true;
        load();
    }

    private synchronized void load() {
        try {
            List<IpAddresses.Cidr> cidrs = new ArrayList<>();
            for (SyslogStore.Sender s : store.senders()) {
                IpAddresses.cidr(s.cidr()).ifPresent(cidrs::add);
            }
            allowed = List.copyOf(cidrs);
            mapper = Mapper.of(store.rules());
            loadedAt = Instant.now();
            reloadWanted = false;
        } catch (RuntimeException e) {
            lastError = e.getMessage(); // the database is down: keep the rules and senders last read
            log.warn("syslog receiver: could not read the rules and senders: {}", e.getMessage());
        }
    }

    /** How a line would map now (the test screen), with the rules as they are in the database. */
    public Mapper.Outcome preview(String line, String sender) {
        Instant now = clock.instant();
        return Mapper.of(store.rules()).map(SyslogParser.parse(line, now, settings.zone()), sender, now);
    }

    public Optional<cn.govcloud.guard.systems.Systems.Address> match(Mapper.Mapped m) {
        return alerts.match(m.systemId(), m.destAddress(), m.sourceAddress());
    }

    public Optional<String> systemName(long id) {
        return alerts.systemName(id);
    }

    // --- the writer thread ---

    private void run() {
        while (running || !queue.isEmpty()) {
            List<Received> batch = new ArrayList<>();
            try {
                Received first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, settings.batchSize() - 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (queue.isEmpty()) {
                    break;
                }
            }
            if (reloadWanted || Duration.between(loadedAt, Instant.now()).compareTo(RELOAD) > 0) {
                load();
            }
            process(batch);
        }
    }

    /** One batch, retried until the database takes it (while the node runs). */
    private void process(List<Received> batch) {
        Map<String, long[]> delta = new HashMap<>();
        List<SyslogAlerts.Line> lines = new ArrayList<>();
        List<SyslogStore.Unmapped> unmapped = new ArrayList<>();
        long bytes = 0;
        Mapper m = mapper;
        for (Received r : batch) {
            long[] d = delta.computeIfAbsent(r.sender(), k -> new long[6]);
            d[0]++;
            bytes += r.line().length();
            Mapper.Outcome o = m.map(SyslogParser.parse(r.line(), r.at(), settings.zone()), r.sender(), r.at());
            if (o.mapped()) {
                Mapper.Mapped a = o.alert();
                lines.add(new SyslogAlerts.Line(r.sender(), o.ruleName(), a.title(), a.severity(), a.signature(), a.sourceAddress(),
                        a.destAddress(), a.systemId(), a.occurredAt(), r.line()));
                d[1]++;
            } else {
                d[3]++;
                String reason = o.reason();
                unmapped.add(new SyslogStore.Unmapped(0, settings.node(), r.sender(), r.at(), reason, clip(r.line(), 4000)));
            }
        }
        drain(refused, delta, 4);
        drain(overflow, delta, 5);
        if (delta.isEmpty()) {
            return;
        }
        long wait = 1000;
        while (true) {
            try {
                if (!lines.isEmpty()) {
                    SyslogAlerts.Written w = alerts.write(settings.node(), lines, bytes);
                    w.replayedBySender().forEach((sender, n) -> delta.computeIfAbsent(sender, k -> new long[6])[2] += n);
                    writtenTotal.addAndGet(lines.size());
                    lines = List.of(); // written: a retry below is for the counts only
                }
                Instant now = clock.instant();
                delta.forEach((sender, d) -> store.addStat(settings.node(), sender, new SyslogStore.Delta(d[0], d[1], d[2], d[3], d[4], d[5]), now));
                if (!unmapped.isEmpty()) {
                    int keep = settings.unmappedKept();
                    store.addUnmapped(settings.node(), unmapped.subList(Math.max(0, unmapped.size() - keep), unmapped.size()), keep);
                }
                lastError = null;
                return;
            } catch (RuntimeException e) {
                lastError = e.getMessage();
                if (!transient_(e) && !lines.isEmpty()) {
                    // a line the database refuses (not an outage): written one by one, a refused one kept as unmapped with the reason
                    log.warn("syslog receiver: a batch was refused, writing its {} lines one by one: {}", lines.size(), e.getMessage());
                    lines = one(lines, delta, unmapped);
                    continue;
                }
                log.warn("syslog receiver: the intake refused a batch of {} lines, retrying in {} ms: {}", batch.size(), wait, e.getMessage());
                if (!running) {
                    log.error("syslog receiver stopping: {} lines could not be written", lines.size());
                    return;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = Math.min(wait * 2, 30_000);
            }
        }
    }

    /** An outage (retry the batch) rather than a line the database refuses. */
    private static boolean transient_(RuntimeException e) {
        return (e instanceof org.springframework.dao.DataAccessException && !(e instanceof org.springframework.dao.DataIntegrityViolationException))
                || e instanceof org.springframework.transaction.TransactionException;
    }

    /** Writes the lines one by one; returns those not written because of an outage (retried with the batch). */
    private List<SyslogAlerts.Line> one(List<SyslogAlerts.Line> lines, Map<String, long[]> delta, List<SyslogStore.Unmapped> unmapped) {
        List<SyslogAlerts.Line> left = new ArrayList<>();
        for (SyslogAlerts.Line l : lines) {
            try {
                SyslogAlerts.Written w = alerts.write(settings.node(), List.of(l), l.line().length());
                w.replayedBySender().forEach((sender, n) -> delta.computeIfAbsent(sender, k -> new long[6])[2] += n);
                writtenTotal.incrementAndGet();
            } catch (RuntimeException e) {
                if (transient_(e)) {
                    left.add(l);
                } else {
                    long[] d = delta.computeIfAbsent(l.sender(), k -> new long[6]);
                    d[1]--;
                    d[3]++;
                    unmapped.add(new SyslogStore.Unmapped(0, settings.node(), l.sender(), clock.instant(), "hazards.intake.syslog.why.refused",
                            clip(l.line(), 4000)));
                }
            }
        }
        return left;
    }

    private static void drain(Map<String, AtomicLong> counts, Map<String, long[]> delta, int slot) {
        for (Map.Entry<String, AtomicLong> e : counts.entrySet()) {
            long n = e.getValue().getAndSet(0);
            if (n > 0) {
                delta.computeIfAbsent(e.getKey(), k -> new long[6])[slot] += n;
            }
        }
        counts.entrySet().removeIf(e -> e.getValue().get() == 0);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    // --- lifecycle: the writer runs only when a port is set ---

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        load();
        running = true;
        writer = new Thread(this::run, "syslog-intake-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread w = writer;
        if (w != null) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (w.isAlive()) {
                w.interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the sockets, stops after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
