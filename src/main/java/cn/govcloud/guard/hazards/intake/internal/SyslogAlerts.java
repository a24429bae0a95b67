package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.clip;
import static cn.govcloud.guard.hazards.intake.internal.Columns.utc;

import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 21 point 3 (A10.1): the alerts mapped from syslog lines go into the one alert store through the same path as
 * Suricata's EVE lines — a line taken before (the same sender and the same bytes) is a replay and not counted again
 * ({@code intake_alert_event}), the rest fold into the open group of their rule, signature and endpoints within the
 * alert window or start one, matched to their system by address (or the rule's system) or left in triage with the
 * triage clock running; serious ones reach their units at once ({@link AlertNotices}, burst folding included). One
 * batch is one transaction. The receiver's lines of one node and one day are one import record ({@code SYSLOG}).
 */
@Service
public class SyslogAlerts {
    /** One mapped line. {@code rule}: the mapping rule's name; {@code line}: the raw line (kept clipped as the alert's detail). */
    public record Line(String sender, String rule, String title, Severity severity, String signature, String sourceAddress,
                       String destAddress, Long systemId, Instant occurredAt, String line) {
    }

    /** What a batch did. */
    public record Written(int created, int grouped, int replayed, int unmatched, Map<String, Integer> replayedBySender) {
    }

    private final Alerts alerts;
    private final Systems systems;
    /** The systems' asset and exposure inventories: alerts and findings match on their ports too (issue 22 point 1). */
    private final cn.govcloud.guard.systems.inventory.AssetInventory inventory;
    private final AlertNotices notices;
    private final TriageClock triageClock;
    private final IntakeSettings settings;
    private final OrganisationDirectory organisations;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private volatile String importName;
    private volatile long importId;

    SyslogAlerts(Alerts alerts, Systems systems, cn.govcloud.guard.systems.inventory.AssetInventory inventory, AlertNotices notices, TriageClock triageClock, IntakeSettings settings,
                 OrganisationDirectory organisations, JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.alerts = alerts;
        this.systems = systems;
        this.inventory = inventory;
        this.notices = notices;
        this.triageClock = triageClock;
        this.settings = settings;
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The addresses of the systems now, for a receiver's preview of a line (the test screen). */
    public Optional<Address> match(Long systemId, String... addresses) {
        if (systemId != null) {
            return systems.find(systemId).map(s -> new Address(s.id(), s.orgId(), "ID", null));
        }
        return new AddressMatcher(systems.addresses(), inventory.endpoints()).match(addresses);
    }

    /** The display name of a system, for the test screen. */
    public Optional<String> systemName(long systemId) {
        return systems.find(systemId).map(Systems.SystemRef::name);
    }

    /** Writes one batch of a node's receiver in one transaction; a failure leaves nothing (the caller retries). */
    public Written write(String node, List<Line> lines, long bytes) {
        Instant now = clock.instant();
        return tx.execute(status -> {
            long importId = importOf(node, now);
            Written w = add(lines, importId, now);
            jdbc.sql("update intake_import set results = results + :r, stored = stored + :r, new_count = new_count + :n, "
                            + "updated_count = updated_count + :u, unmatched_count = unmatched_count + :x, bytes = bytes + :b, "
                            + "finished_at = :at, progress_at = :at where id = :id")
                    .param("r", lines.size()).param("n", w.created()).param("u", w.grouped()).param("x", w.unmatched())
                    .param("b", bytes).param("at", utc(now)).param("id", importId).update();
            notices.receivedAt(now); // A10.1: serious alerts reach their units at once (bursts folded)
            triageClock.alertsReceivedJoining("triage:syslog:" + clip(node, 40) + ":", now, now);
            return w;
        });
    }

    /** The import record of this node's lines today (UTC), made on first use. */
    private long importOf(String node, Instant now) {
        String name = "syslog " + clip(node, 100) + " " + LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (name.equals(importName)) {
            return importId;
        }
        Long id = jdbc.sql("select id from intake_import where format = 'SYSLOG' and filename = :name order by id").param("name", name)
                .query(Long.class).stream().findFirst().orElse(null);
        if (id == null) {
            long org = organisations.ofKind(OrgKind.PROVIDER).stream().findFirst().map(o -> o.id()).orElse(0L);
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("insert into intake_import (format, filename, bytes, imported_at, imported_by, org_id, status, started_at, progress_at) "
                            + "values ('SYSLOG', :name, 0, :at, :by, :org, 'DONE', :at, :at)")
                    .param("name", name).param("at", utc(now)).param("by", clip("syslog:" + node, 100)).param("org", org).update(key, "id");
            id = key.getKey().longValue();
        }
        importName = name;
        importId = id;
        return id;
    }

    private record Group(Long id, String key, Instant first, Instant last, int count, Line sample, Address match, boolean changed) {
    }

    /** The group of a syslog alert: its rule, signature (else title) and endpoints. */
    static String groupKey(Line l) {
        String sig = l.signature() != null ? l.signature() : l.title();
        return clip("y:" + clip(l.rule(), 100) + "|" + clip(sig, 150) + "|" + l.sourceAddress() + ">" + l.destAddress()
                + (l.systemId() == null ? "" : "|s" + l.systemId()), 400);
    }

    static long eventKey(Line l) {
        byte[] hash = sha256().digest(("syslog|" + l.sender() + "|" + l.line()).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link EveGrouping#add}: replays dropped, the rest folded into open groups or new ones, written set-based. */
    private Written add(List<Line> all, long importId, Instant now) {
        int replayed = 0;
        Map<String, Integer> replays = new HashMap<>();
        Map<Long, Line> byKey = new LinkedHashMap<>();
        for (Line l : all) {
            if (byKey.putIfAbsent(eventKey(l), l) != null) {
                replayed++;
                replays.merge(l.sender(), 1, Integer::sum);
            }
        }
        for (Long k : byKey.isEmpty() ? List.<Long>of() : alerts.taken(byKey.keySet())) {
            replays.merge(byKey.remove(k).sender(), 1, Integer::sum);
            replayed++;
        }
        if (byKey.isEmpty()) {
            return new Written(0, 0, replayed, 0, replays);
        }
        alerts.take(byKey.keySet(), importId);
        List<Line> chunk = new ArrayList<>(byKey.values());
        chunk.sort(Comparator.comparing(Line::occurredAt));
        AddressMatcher matcher = new AddressMatcher(systems.addresses(), inventory.endpoints());
        Set<String> keys = chunk.stream().map(SyslogAlerts::groupKey).collect(Collectors.toSet());
        Map<String, Group> open = new HashMap<>();
        alerts.openGroups("SYSLOG", keys, chunk.get(0).occurredAt().minus(settings.alertWindow())).forEach((k, g) ->
                open.put(k, new Group(g.id(), k, g.first(), g.last(), g.count(), null, null, false)));
        List<Group> closed = new ArrayList<>();
        var window = settings.alertWindow();
        for (Line l : chunk) {
            String key = groupKey(l);
            Group g = open.get(key);
            Instant t = l.occurredAt();
            if (g != null && !t.isAfter(g.last().plus(window)) && !t.isBefore(g.first().minus(window))) {
                open.put(key, new Group(g.id(), key, t.isBefore(g.first()) ? t : g.first(), t.isAfter(g.last()) ? t : g.last(), g.count() + 1,
                        g.sample(), g.match(), true));
            } else {
                if (g != null && (g.id() == null || g.changed())) {
                    closed.add(g);
                }
                open.put(key, new Group(null, key, t, t, 1, l, match(matcher, l), true));
            }
        }
        closed.addAll(open.values());
        List<Group> fresh = closed.stream().filter(g -> g.id() == null).toList();
        int unmatched = (int) fresh.stream().filter(g -> g.match() == null).count();
        List<Object[]> rows = new ArrayList<>();
        for (Group g : fresh) {
            Line l = g.sample();
            Address m = g.match();
            String address = l.destAddress() == null || (m != null && l.systemId() == null && matcher.match(l.destAddress()).isEmpty())
                    ? l.sourceAddress() : l.destAddress();
            Long sid = null;
            if (l.signature() != null && l.signature().matches("\\d{1,18}")) {
                sid = Long.parseLong(l.signature());
            }
            rows.add(new Object[] {"SYSLOG", g.key(), sid, clip(l.title(), 500), clip(l.rule(), 200), l.severity().name(),
                    clip(l.sourceAddress(), 64), null, clip(l.destAddress(), 64), null, null, null, null, clip(address, 255),
                    clip("syslog " + l.sender() + (l.signature() != null && sid == null ? " · " + l.signature() : "") + ": " + l.line(), 4000),
                    utc(g.first()), utc(g.last()), g.count(), m == null ? null : m.systemId(), m == null ? null : m.orgId(),
                    m == null ? "TRIAGE" : "OPEN", utc(now), clip("syslog:" + l.sender(), 100)});
        }
        alerts.insertRows(rows);
        alerts.update(closed.stream().filter(g -> g.id() != null && g.changed())
                .map(g -> new Alerts.Group(g.id(), g.key(), g.first(), g.last(), g.count(), null, null, true)).toList());
        return new Written(fresh.size(), chunk.size() - fresh.size(), replayed, unmatched, replays);
    }

    private Address match(AddressMatcher matcher, Line l) {
        if (l.systemId() != null) {
            return systems.find(l.systemId()).map(s -> new Address(s.id(), s.orgId(), "ID", l.destAddress())).orElse(null);
        }
        return matcher.match(l.destAddress(), l.sourceAddress()).orElse(null);
    }
}
