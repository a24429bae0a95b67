package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.clip;

import cn.govcloud.guard.hazards.intake.parse.EveAlert;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One EVE import's grouping (A10.1): the alert events of a flow and signature within the window are one
 * alert; an event taken before (this body or an earlier one) is a replay, not counted again (issue 24
 * point 6). Works batch by batch inside the import's transaction and keeps the counts. Not a bean: one
 * per import.
 */
final class EveGrouping {
    private final Alerts alerts;
    private final AddressMatcher matcher;
    private final Duration window;
    private final long importId;
    private final String receivedBy;
    private final Instant now;
    int created;
    int grouped;
    int unmatched;
    int replayed;

    EveGrouping(Alerts alerts, AddressMatcher matcher, Duration window, long importId, String receivedBy, Instant now) {
        this.alerts = alerts;
        this.matcher = matcher;
        this.window = window;
        this.importId = importId;
        this.receivedBy = receivedBy;
        this.now = now;
    }

    /** The group of an EVE alert: its community id (else its flow id, else its endpoints) and its signature. */
    static String groupKey(EveAlert a) {
        String flow = a.communityId() != null ? "c:" + a.communityId() : a.flowId() != null ? "f:" + a.flowId()
                : "a:" + a.srcIp() + ">" + a.destIp() + ":" + a.destPort();
        return clip(flow, 380) + "|" + a.signatureId();
    }

    /**
     * Issue 24 point 6: an EVE event's own identity — its flow (flow id, community id, endpoints), its
     * timestamp to the nanosecond and its signature — as a 64-bit key (the first 8 bytes of its SHA-256).
     * The same line sent twice has the same key; two events of one flow differ in time or signature.
     */
    static long eventKey(EveAlert a) {
        String identity = a.flowId() + "|" + a.communityId() + "|" + a.srcIp() + "|" + a.srcPort() + "|" + a.destIp() + "|" + a.destPort()
                + "|" + a.proto() + "|" + a.timestamp().getEpochSecond() + "." + a.timestamp().getNano() + "|" + a.signatureId();
        byte[] hash = SHA256.get().digest(identity.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash).getLong();
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** One batch: replays dropped, the rest folded into the open groups of their keys or new ones, written set-based. */
    void add(List<EveAlert> all) {
        if (all.isEmpty()) {
            return;
        }
        Map<Long, EveAlert> byKey = new LinkedHashMap<>();
        for (EveAlert a : all) {
            if (byKey.putIfAbsent(eventKey(a), a) != null) {
                replayed++;
            }
        }
        alerts.taken(byKey.keySet()).forEach(k -> {
            byKey.remove(k);
            replayed++;
        });
        if (byKey.isEmpty()) {
            return;
        }
        alerts.take(byKey.keySet(), importId);
        List<EveAlert> chunk = new ArrayList<>(byKey.values());
        chunk.sort(Comparator.comparing(EveAlert::timestamp));
        Set<String> keys = chunk.stream().map(EveGrouping::groupKey).collect(Collectors.toSet());
        Map<String, Alerts.Group> open = alerts.openGroups(keys, chunk.get(0).timestamp().minus(window));
        List<Alerts.Group> closed = new ArrayList<>();
        for (EveAlert a : chunk) {
            String key = groupKey(a);
            Alerts.Group g = open.get(key);
            if (g != null && !a.timestamp().isAfter(g.last().plus(window)) && !a.timestamp().isBefore(g.first().minus(window))) {
                Instant first = a.timestamp().isBefore(g.first()) ? a.timestamp() : g.first();
                Instant last = a.timestamp().isAfter(g.last()) ? a.timestamp() : g.last();
                open.put(key, new Alerts.Group(g.id(), key, first, last, g.count() + 1, g.sample(), g.match(), g.id() != null || g.changed()));
            } else {
                if (g != null && (g.id() == null || g.changed())) {
                    closed.add(g); // the earlier group of this key ended (outside the window): keep what it gathered
                }
                open.put(key, new Alerts.Group(null, key, a.timestamp(), a.timestamp(), 1, a, match(a), true));
            }
        }
        closed.addAll(open.values());
        List<Alerts.Group> fresh = closed.stream().filter(g -> g.id() == null).toList();
        unmatched += (int) fresh.stream().filter(g -> g.match() == null).count();
        created += fresh.size();
        grouped += chunk.size() - fresh.size(); // alerts folded into another alert, old or new
        // issue 19 point 2: the new alerts in one COPY (one batch on H2), the grown groups in one set-based update
        alerts.insert(fresh, matcher, receivedBy, now);
        alerts.update(closed.stream().filter(g -> g.id() != null && g.changed()).toList());
    }

    /**
     * The system an alert is about: an inventory's NAT mapping or open port listing the destination's (else the source's)
     * address and port first (issue 22 point 1), then the destination's, else the source's address.
     */
    private cn.govcloud.guard.systems.Systems.Address match(EveAlert a) {
        return matcher.matchPort(a.destIp(), a.destPort()).or(() -> matcher.matchPort(a.srcIp(), a.srcPort()))
                .or(() -> matcher.match(a.destIp(), a.srcIp())).orElse(null);
    }
}
