package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.intake.Intake;
import cn.govcloud.guard.hazards.intake.parse.EveAlert;
import cn.govcloud.guard.hazards.intake.parse.EveReader;
import cn.govcloud.guard.hazards.intake.parse.MalformedInput;
import cn.govcloud.guard.hazards.intake.parse.ScanFormat;
import cn.govcloud.guard.hazards.intake.parse.ScanReports;
import cn.govcloud.guard.hazards.intake.parse.ScanResult;
import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.Address;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake of A10.1. Scan reports and EVE batches are read streaming inside one transaction and
 * written in batches of {@link #BATCH} (one lookup query and at most two batched statements per
 * batch, never a query per result); a bad file rolls everything back and stores nothing. Matching to
 * systems is in memory with one {@link AddressMatcher} per import.
 *
 * <p>Who sees what (A4): the supervisor and the regulators see everything; the provider sees all
 * intake too, because these are the platform's own 7×24 monitoring and scan results, which it runs
 * and must triage (A10.1) — not a unit's business data; a unit sees only the findings and alerts
 * matched to its own systems; anybody else sees nothing.
 */
@Service
public class IntakeService implements Intake {
    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
    static final int BATCH = 1_000;
    public static final Set<String> STATES = Set.of("OPEN", "TRIAGE", "DISMISSED", "RAISED");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Systems systems;
    private final Hazards hazards;
    private final AlertNotices notices;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxScanBytes;
    private final long maxEveBytes;
    private final Duration window;

    IntakeService(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, Systems systems,
                  Hazards hazards, AlertNotices notices, AuditLog audit, Clock clock,
                  @Value("${govguard.intake.max-scan-bytes:209715200}") long maxScanBytes,
                  @Value("${govguard.intake.max-eve-bytes:52428800}") long maxEveBytes,
                  @Value("${govguard.intake.alert-window:PT10M}") Duration window) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = new TransactionTemplate(transactions);
        this.systems = systems;
        this.hazards = hazards;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
        this.maxScanBytes = maxScanBytes;
        this.maxEveBytes = maxEveBytes;
        this.window = window;
    }

    public long maxScanBytes() {
        return maxScanBytes;
    }

    public Duration window() {
        return window;
    }

    // ---- who may -----------------------------------------------------------------------------

    private static void requireImporter(Actor actor, String scope) {
        if (!(actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.SUPERVISOR) || actor.scopes().contains(scope))) {
            throw new AccessDeniedException("only the provider, the supervisor or a token with " + scope + " feeds the intake");
        }
    }

    private static void requireAlertWriter(Actor actor) {
        if (!(actor.has(Role.PROVIDER_OPERATOR) || actor.scopes().contains("alerts:write"))) {
            throw new AccessDeniedException("only the provider's monitoring (or a token with alerts:write) pushes alerts");
        }
    }

    private static void requireTriager(Actor actor) {
        if (!(actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.SUPERVISOR))) {
            throw new AccessDeniedException("only the provider or the supervisor triages and raises hazards");
        }
    }

    /** The visibility predicate on a table alias's {@code org_id} (see the class comment). */
    record Scope(String where, Map<String, Object> params) {
        static Scope of(Actor actor, String alias) {
            if (actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR || actor.orgKind() == OrgKind.PROVIDER) {
                return new Scope("1=1", Map.of());
            }
            if (actor.orgKind() == OrgKind.UNIT) {
                return new Scope(alias + ".org_id = :scopeOrgId", Map.of("scopeOrgId", actor.orgId()));
            }
            return new Scope("1=0", Map.of());
        }
    }

    // ---- scan reports ------------------------------------------------------------------------

    @Override
    public ImportSummary importScan(String filename, InputStream report) {
        Actor actor = Actor.require();
        requireImporter(actor, "findings:write");
        String name = filename == null || filename.isBlank() ? null : clip(filename.strip(), 255);
        Instant now = clock.instant();
        AddressMatcher matcher = new AddressMatcher(systems.addresses());
        ScanImport work = new ScanImport(actor, name, now, matcher);
        ImportSummary summary;
        try {
            summary = tx.execute(status -> work.run(report));
        } catch (MalformedInput e) {
            audit.record(AuditEvent.of("intake.scan.import", "import", AuditResult.FAILURE,
                    (name == null ? "" : name + ": ") + e.getMessage()));
            throw new Unprocessable("The scan report was refused and nothing was stored: " + e.getMessage());
        }
        audit.record(AuditEvent.success("intake.scan.import", "import:" + summary.importId(),
                summary.format() + " " + (name == null ? "" : name + " ") + work.bytes.count + " bytes: " + summary.results()
                        + " results, " + summary.newFindings() + " new, " + summary.updated() + " updated, " + summary.unmatched() + " unmatched"));
        log.info("scan import {}: {} results, {} new, {} updated, {} unmatched", summary.importId(), summary.results(),
                summary.newFindings(), summary.updated(), summary.unmatched());
        return summary;
    }

    /** Counts the bytes the parser has read (for the import record), through the parser's own limit. */
    static final class Counting extends java.io.FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private record Existing(long id, Long systemId, String state, long lastImportId) {
    }

    /** One import's state: the import row, the batch, the counts. */
    private final class ScanImport {
        final Actor actor;
        final String filename;
        final Instant now;
        final AddressMatcher matcher;
        final Map<String, ScanResult> batch = new LinkedHashMap<>();
        Counting bytes;
        Long importId;
        ScanFormat format;
        int results;
        int created;
        int updated;
        int unmatched;

        ScanImport(Actor actor, String filename, Instant now, AddressMatcher matcher) {
            this.actor = actor;
            this.filename = filename;
            this.now = now;
            this.matcher = matcher;
        }

        ImportSummary run(InputStream in) {
            bytes = new Counting(in);
            ScanFormat read = ScanReports.parse(bytes, maxScanBytes, this::accept);
            if (format == null) {
                format = read;
                start();
            }
            flush();
            jdbc.sql("update intake_import set bytes = :bytes, results = :r, new_count = :n, updated_count = :u, unmatched_count = :x where id = :id")
                    .param("bytes", bytes.count).param("r", results).param("n", created).param("u", updated).param("x", unmatched)
                    .param("id", importId).update();
            return new ImportSummary(importId, format.name(), results, created, updated, unmatched);
        }

        private void start() {
            importId = insertImport(format.name(), filename, actor, now);
        }

        void accept(ScanResult r) {
            if (format == null) {
                format = r.scanner();
                start();
            }
            results++;
            batch.put(key(r.pluginId(), r.host(), r.port()), r);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Set<String> hosts = new HashSet<>();
            Set<String> plugins = new HashSet<>();
            batch.values().forEach(r -> {
                hosts.add(r.host());
                plugins.add(r.pluginId());
            });
            Map<String, Existing> existing = new HashMap<>();
            jdbc.sql("select id, plugin_id, host, port, system_id, state, last_import_id from intake_finding where scanner = :s "
                            + "and host in (:hosts) and plugin_id in (:plugins)")
                    .param("s", format.name()).param("hosts", hosts).param("plugins", plugins)
                    .query((rs, i) -> existing.put(key(rs.getString("plugin_id"), rs.getString("host"), rs.getString("port")),
                            new Existing(rs.getLong("id"), nullableLong(rs, "system_id"), rs.getString("state"), rs.getLong("last_import_id"))))
                    .list();
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> updates = new ArrayList<>();
            OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
            for (Map.Entry<String, ScanResult> e : batch.entrySet()) {
                ScanResult r = e.getValue();
                Address match = matcher.match(r.host(), r.hostname()).orElse(null);
                Existing old = existing.get(e.getKey());
                String cves = cves(r.cves());
                if (old == null) {
                    created++;
                    String state = match == null ? "TRIAGE" : "OPEN";
                    if (match == null) {
                        unmatched++;
                    }
                    inserts.add(new Object[] {format.name(), r.pluginId(), r.host(), r.port(), r.hostname(), r.name(), r.severity().name(),
                            r.score(), cves, r.text(), match == null ? null : match.systemId(), match == null ? null : match.orgId(), state,
                            at, at, importId, importId});
                } else {
                    if (old.lastImportId() != importId) {
                        updated++;
                    }
                    // an unassigned finding is matched now if the register has learnt its address; a triage decision stands
                    boolean assign = old.systemId() == null && match != null && old.state().equals("TRIAGE");
                    if (old.systemId() == null && !assign && old.state().equals("TRIAGE")) {
                        unmatched++;
                    }
                    updates.add(new Object[] {r.hostname(), r.name(), r.severity().name(), r.score(), cves, r.text(), at, importId,
                            assign ? Long.valueOf(match.systemId()) : old.systemId(), assign ? Long.valueOf(match.orgId()) : null, assign, assign, old.id()});
                }
            }
            if (!inserts.isEmpty()) {
                template.batchUpdate("insert into intake_finding (scanner, plugin_id, host, port, hostname, name, severity, score, cves, detail, "
                        + "system_id, org_id, state, first_seen, last_seen, first_import_id, last_import_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts,
                        new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                                Types.DOUBLE, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.VARCHAR,
                                Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT, Types.BIGINT});
            }
            if (!updates.isEmpty()) {
                template.batchUpdate("update intake_finding set hostname = ?, name = ?, severity = ?, score = ?, cves = ?, detail = ?, "
                        + "last_seen = ?, last_import_id = ?, seen_count = seen_count + 1, system_id = ?, "
                        + "org_id = case when ? is not null then ? else org_id end, "
                        + "state = case when ? then 'OPEN' else state end where id = ?",
                        updates.stream().map(u -> new Object[] {u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[9], u[10], u[12]})
                                .toList(),
                        new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.VARCHAR, Types.VARCHAR,
                                Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BOOLEAN,
                                Types.BIGINT});
            }
            batch.clear();
        }
    }

    private long insertImport(String format, String filename, Actor actor, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into intake_import (format, filename, bytes, imported_at, imported_by, org_id) values (:f, :name, 0, :at, :by, :org)")
                .param("f", format).param("name", filename).param("at", now.atOffset(ZoneOffset.UTC)).param("by", actor.username())
                .param("org", actor.orgId()).update(key, "id");
        return key.getKey().longValue();
    }

    static String key(String plugin, String host, String port) {
        return plugin + '\u0000' + host + '\u0000' + port;
    }

    static String cves(List<String> cves) {
        if (cves.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String c : cves) {
            if (sb.length() + c.length() + 1 > 4000) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    // ---- Suricata ----------------------------------------------------------------------------

    private record Group(Long id, String key, Instant first, Instant last, int count, EveAlert sample, Address match, boolean changed) {
    }

    @Override
    public AlertSummary importSuricata(InputStream eveLines) {
        Actor actor = Actor.require();
        requireAlertWriter(actor);
        Instant now = clock.instant();
        AddressMatcher matcher = new AddressMatcher(systems.addresses());
        AlertSummary summary;
        try {
            summary = tx.execute(status -> {
                AlertSummary s = suricata(eveLines, actor, now, matcher);
                notices.receivedAt(now); // A10.1: serious alerts reach their units at once
                return s;
            });
        } catch (MalformedInput e) {
            audit.record(AuditEvent.of("intake.suricata.import", "alerts", AuditResult.FAILURE, e.getMessage()));
            throw new Unprocessable("The EVE lines were refused and nothing was stored: " + e.getMessage());
        }
        audit.record(AuditEvent.success("intake.suricata.import", "import:" + summary.importId(), summary.events() + " events, "
                + summary.alerts() + " alerts: " + summary.newAlerts() + " new, " + summary.grouped() + " grouped, " + summary.unmatched()
                + " unmatched"));
        return summary;
    }

    private AlertSummary suricata(InputStream in, Actor actor, Instant now, AddressMatcher matcher) {
        long importId = insertImport("SURICATA", null, actor, now);
        List<EveAlert> chunk = new ArrayList<>();
        int[] counts = new int[3]; // new, grouped, unmatched
        Counting bytes = new Counting(in);
        EveReader.Counts read = EveReader.parse(bytes, maxEveBytes, alert -> {
            chunk.add(alert);
            if (chunk.size() >= BATCH) {
                group(chunk, actor, now, matcher, counts);
                chunk.clear();
            }
        });
        group(chunk, actor, now, matcher, counts);
        jdbc.sql("update intake_import set bytes = :bytes, results = :r, new_count = :n, updated_count = :u, unmatched_count = :x where id = :id")
                .param("bytes", bytes.count).param("r", read.alerts()).param("n", counts[0]).param("u", counts[1]).param("x", counts[2])
                .param("id", importId).update();
        return new AlertSummary(importId, read.events(), read.alerts(), counts[0], counts[1], counts[2], read.skipped());
    }

    /** The group of an EVE alert: its community id (else its flow id, else its endpoints) and its signature. */
    static String groupKey(EveAlert a) {
        String flow = a.communityId() != null ? "c:" + a.communityId() : a.flowId() != null ? "f:" + a.flowId()
                : "a:" + a.srcIp() + ">" + a.destIp() + ":" + a.destPort();
        return clip(flow, 380) + "|" + a.signatureId();
    }

    private void group(List<EveAlert> chunk, Actor actor, Instant now, AddressMatcher matcher, int[] counts) {
        if (chunk.isEmpty()) {
            return;
        }
        chunk.sort(Comparator.comparing(EveAlert::timestamp));
        Set<String> keys = chunk.stream().map(IntakeService::groupKey).collect(Collectors.toSet());
        Instant since = chunk.get(0).timestamp().minus(window);
        Map<String, Group> open = new HashMap<>();
        jdbc.sql("select id, group_key, first_at, last_at, event_count from intake_alert where source = 'SURICATA' and group_key in (:keys) "
                        + "and last_at >= :since order by last_at")
                .param("keys", keys).param("since", since.atOffset(ZoneOffset.UTC))
                .query((rs, i) -> open.put(rs.getString("group_key"), new Group(rs.getLong("id"), rs.getString("group_key"),
                        instant(rs, "first_at"), instant(rs, "last_at"), rs.getInt("event_count"), null, null, false)))
                .list();
        List<Group> closed = new ArrayList<>();
        for (EveAlert a : chunk) {
            String key = groupKey(a);
            Group g = open.get(key);
            if (g != null && !a.timestamp().isAfter(g.last().plus(window)) && !a.timestamp().isBefore(g.first().minus(window))) {
                Instant first = a.timestamp().isBefore(g.first()) ? a.timestamp() : g.first();
                Instant last = a.timestamp().isAfter(g.last()) ? a.timestamp() : g.last();
                open.put(key, new Group(g.id(), key, first, last, g.count() + 1, g.sample(), g.match(), g.id() != null || g.changed()));
            } else {
                Group created = new Group(null, key, a.timestamp(), a.timestamp(), 1, a, matcher.match(a.destIp(), a.srcIp()).orElse(null), true);
                if (g != null && (g.id() == null || g.changed())) {
                    closed.add(g); // the earlier group of this key ended (outside the window): keep what it gathered
                }
                open.put(key, created);
            }
        }
        List<Object[]> updates = new ArrayList<>();
        List<Group> fresh = new ArrayList<>();
        closed.addAll(open.values());
        for (Group g : closed) {
            if (g.id() == null) {
                fresh.add(g);
            } else if (g.changed()) {
                updates.add(new Object[] {g.first().atOffset(ZoneOffset.UTC), g.last().atOffset(ZoneOffset.UTC), g.count(), g.id()});
            }
        }
        List<Object[]> inserts = new ArrayList<>();
        OffsetDateTime received = now.atOffset(ZoneOffset.UTC);
        for (Group g : fresh) {
            EveAlert a = g.sample();
            Address m = g.match();
            if (m == null) {
                counts[2]++;
            }
            String address = m == null ? null : (matcher.match(a.destIp()).isPresent() ? a.destIp() : a.srcIp());
            inserts.add(new Object[] {g.key(), a.signatureId(), a.signature(), a.category(), a.level().name(), a.srcIp(), a.srcPort(), a.destIp(),
                    a.destPort(), a.proto(), a.flowId(), a.communityId(), address, a.action() == null ? null : "action: " + a.action(),
                    g.first().atOffset(ZoneOffset.UTC), g.last().atOffset(ZoneOffset.UTC), g.count(), m == null ? null : m.systemId(),
                    m == null ? null : m.orgId(), m == null ? "TRIAGE" : "OPEN", received, actor.username()});
        }
        counts[0] += inserts.size();
        counts[1] += chunk.size() - inserts.size(); // alerts folded into another alert, old or new
        if (!inserts.isEmpty()) {
            template.batchUpdate("insert into intake_alert (source, group_key, signature_id, title, category, severity, src_ip, src_port, dest_ip, "
                    + "dest_port, proto, flow_id, community_id, address, detail, first_at, last_at, event_count, system_id, org_id, state, "
                    + "received_at, received_by) values ('SURICATA', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts,
                    new int[] {Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR,
                            Types.INTEGER, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                            Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                            Types.VARCHAR});
        }
        if (!updates.isEmpty()) {
            template.batchUpdate("update intake_alert set first_at = ?, last_at = ?, event_count = ? where id = ?", updates,
                    new int[] {Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER, Types.BIGINT});
        }
    }

    // ---- generic alerts ----------------------------------------------------------------------

    @Override
    public long recordAlert(NewAlert alert) {
        Actor actor = Actor.require();
        requireAlertWriter(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (alert.title() == null || alert.title().isBlank() || alert.title().length() > 500) {
            errors.put("title", "hazards.intake.error.title");
        }
        Severity severity = null;
        try {
            severity = alert.severity() == null ? null : Severity.valueOf(alert.severity().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (severity == null) {
            errors.put("severity", "hazards.intake.error.severity");
        }
        if (alert.systemId() == null && (alert.address() == null || alert.address().isBlank())) {
            errors.put("systemId", "hazards.intake.error.system");
        }
        if (alert.address() != null && alert.address().length() > 255) {
            errors.put("address", "hazards.intake.error.address");
        }
        if (alert.detail() != null && alert.detail().length() > 4000) {
            errors.put("detail", "hazards.intake.error.detail");
        }
        Instant now = clock.instant();
        if (alert.occurredAt() != null && alert.occurredAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.put("occurredAt", "hazards.intake.error.future");
        }
        Long systemId = null;
        Long orgId = null;
        if (alert.systemId() != null) {
            Optional<Systems.SystemRef> system = systems.find(alert.systemId());
            if (system.isEmpty()) {
                errors.put("systemId", "hazards.intake.error.unknownSystem");
            } else {
                systemId = system.get().id();
                orgId = system.get().orgId();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.intake.error.invalid", errors);
        }
        if (systemId == null) {
            Address m = new AddressMatcher(systems.addresses()).match(alert.address()).orElse(null);
            if (m != null) {
                systemId = m.systemId();
                orgId = m.orgId();
            }
        }
        OffsetDateTime at = (alert.occurredAt() == null ? now : alert.occurredAt()).atOffset(ZoneOffset.UTC);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into intake_alert (source, title, severity, address, detail, first_at, last_at, event_count, system_id, org_id, state, "
                        + "received_at, received_by) values ('GENERIC', :title, :sev, :address, :detail, :at, :at, 1, :system, :org, :state, :now, :by)")
                .param("title", alert.title().strip()).param("sev", severity.name())
                .param("address", alert.address() == null ? null : alert.address().strip()).param("detail", alert.detail())
                .param("at", at).param("system", systemId).param("org", orgId).param("state", systemId == null ? "TRIAGE" : "OPEN")
                .param("now", now.atOffset(ZoneOffset.UTC)).param("by", actor.username()).update(key, "id");
        long id = key.getKey().longValue();
        notices.matched(id, now); // A10.1: a serious alert reaches its unit at once
        audit.record(AuditEvent.success("intake.alert.record", "alert:" + id, severity + " " + clip(alert.title().strip(), 200)
                + (systemId == null ? " (unmatched: triage)" : " system:" + systemId)));
        return id;
    }

    // ---- reads -------------------------------------------------------------------------------

    public record Finding(long id, String scanner, String pluginId, String host, String port, String hostname, String name, String severity,
                          Double score, List<String> cves, String detail, Long systemId, String systemName, Long orgId, String state,
                          Instant firstSeen, Instant lastSeen, int seenCount, String triagedBy, Instant triagedAt, String dismissReason,
                          Long hazardId) {
    }

    public record Alert(long id, String source, String title, String category, String severity, String srcIp, Integer srcPort, String destIp,
                        Integer destPort, String proto, Long flowId, String communityId, Long signatureId, String address, String detail,
                        Instant firstAt, Instant lastAt, int count, Long systemId, String systemName, Long orgId, String state,
                        Instant receivedAt, String receivedBy, String triagedBy, Instant triagedAt, String dismissReason, Long hazardId) {
    }

    public record ImportRecord(long id, String format, String filename, long bytes, int results, int newCount, int updated, int unmatched,
                               Instant importedAt, String importedBy) {
    }

    /** Filters of the lists; null means any. {@code before} is the keyset cursor: rows with a smaller id. */
    public record Filter(String severity, Long systemId, String state, Long before, int limit) {
        public Filter {
            limit = limit <= 0 ? 50 : Math.min(limit, 200);
        }
    }

    public record Page<T>(List<T> items, Long next) {
    }

    public Page<Finding> findings(Actor actor, Filter f) {
        Scope scope = Scope.of(actor, "f");
        StringBuilder sql = new StringBuilder("select * from intake_finding f where " + scope.where());
        Map<String, Object> params = new HashMap<>(scope.params());
        filters(sql, params, f, "f");
        sql.append(" order by f.id desc limit ").append(f.limit() + 1);
        List<Finding> rows = jdbc.sql(sql.toString()).params(params).query((rs, i) -> finding(rs)).list();
        return page(withNames(rows, Finding::systemId, this::named), f.limit(), Finding::id);
    }

    public Optional<Finding> finding(Actor actor, long id) {
        Scope scope = Scope.of(actor, "f");
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql("select * from intake_finding f where f.id = :id and " + scope.where()).params(params).query((rs, i) -> finding(rs))
                .optional().map(x -> withNames(List.of(x), Finding::systemId, this::named).get(0));
    }

    public Page<Alert> alerts(Actor actor, Filter f) {
        Scope scope = Scope.of(actor, "a");
        StringBuilder sql = new StringBuilder("select * from intake_alert a where " + scope.where());
        Map<String, Object> params = new HashMap<>(scope.params());
        filters(sql, params, f, "a");
        sql.append(" order by a.id desc limit ").append(f.limit() + 1);
        List<Alert> rows = jdbc.sql(sql.toString()).params(params).query((rs, i) -> alert(rs)).list();
        return page(withNames(rows, Alert::systemId, this::named), f.limit(), Alert::id);
    }

    public Optional<Alert> alert(Actor actor, long id) {
        Scope scope = Scope.of(actor, "a");
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql("select * from intake_alert a where a.id = :id and " + scope.where()).params(params).query((rs, i) -> alert(rs))
                .optional().map(x -> withNames(List.of(x), Alert::systemId, this::named).get(0));
    }

    /** Imports are the provider's and the supervisor's work records; regulators read them too. */
    public Page<ImportRecord> imports(Actor actor, Long before, int limit) {
        if (!(actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR || actor.orgKind() == OrgKind.PROVIDER)) {
            throw new AccessDeniedException("imports are the provider's and the supervisor's records");
        }
        int size = limit <= 0 ? 50 : Math.min(limit, 200);
        Map<String, Object> params = new HashMap<>();
        String where = "1=1";
        if (before != null) {
            where = "i.id < :before";
            params.put("before", before);
        }
        List<ImportRecord> rows = jdbc.sql("select * from intake_import i where " + where + " order by i.id desc limit " + (size + 1)).params(params)
                .query((rs, i) -> new ImportRecord(rs.getLong("id"), rs.getString("format"), rs.getString("filename"), rs.getLong("bytes"),
                        rs.getInt("results"), rs.getInt("new_count"), rs.getInt("updated_count"), rs.getInt("unmatched_count"),
                        instant(rs, "imported_at"), rs.getString("imported_by"))).list();
        return page(rows, size, ImportRecord::id);
    }

    private static void filters(StringBuilder sql, Map<String, Object> params, Filter f, String alias) {
        if (f.severity() != null && !f.severity().isBlank()) {
            sql.append(" and ").append(alias).append(".severity = :severity");
            params.put("severity", f.severity().strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (f.systemId() != null) {
            sql.append(" and ").append(alias).append(".system_id = :systemId");
            params.put("systemId", f.systemId());
        }
        if (f.state() != null && !f.state().isBlank()) {
            sql.append(" and ").append(alias).append(".state = :state");
            params.put("state", f.state().strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (f.before() != null) {
            sql.append(" and ").append(alias).append(".id < :before");
            params.put("before", f.before());
        }
    }

    private static <T> Page<T> page(List<T> rows, int limit, Function<T, Long> id) {
        if (rows.size() > limit) {
            List<T> items = rows.subList(0, limit);
            return new Page<>(List.copyOf(items), id.apply(items.get(items.size() - 1)));
        }
        return new Page<>(rows, null);
    }

    /** The systems' names in one call for the whole page (no query per row). */
    private <T> List<T> withNames(List<T> rows, Function<T, Long> systemId, java.util.function.BiFunction<T, String, T> named) {
        Set<Long> ids = rows.stream().map(systemId).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return rows;
        }
        Map<Long, String> names = new HashMap<>();
        systems.find(ids).forEach(s -> names.put(s.id(), s.name()));
        return rows.stream().map(r -> systemId.apply(r) == null ? r : named.apply(r, names.get(systemId.apply(r)))).toList();
    }

    private Finding named(Finding f, String name) {
        return new Finding(f.id(), f.scanner(), f.pluginId(), f.host(), f.port(), f.hostname(), f.name(), f.severity(), f.score(), f.cves(),
                f.detail(), f.systemId(), name, f.orgId(), f.state(), f.firstSeen(), f.lastSeen(), f.seenCount(), f.triagedBy(), f.triagedAt(),
                f.dismissReason(), f.hazardId());
    }

    private Alert named(Alert a, String name) {
        return new Alert(a.id(), a.source(), a.title(), a.category(), a.severity(), a.srcIp(), a.srcPort(), a.destIp(), a.destPort(), a.proto(),
                a.flowId(), a.communityId(), a.signatureId(), a.address(), a.detail(), a.firstAt(), a.lastAt(), a.count(), a.systemId(), name,
                a.orgId(), a.state(), a.receivedAt(), a.receivedBy(), a.triagedBy(), a.triagedAt(), a.dismissReason(), a.hazardId());
    }

    private static Finding finding(ResultSet rs) throws SQLException {
        String cves = rs.getString("cves");
        java.math.BigDecimal score = rs.getBigDecimal("score");
        return new Finding(rs.getLong("id"), rs.getString("scanner"), rs.getString("plugin_id"), rs.getString("host"), rs.getString("port"),
                rs.getString("hostname"), rs.getString("name"), rs.getString("severity"), score == null ? null : score.doubleValue(),
                cves == null ? List.of() : Arrays.asList(cves.split(" ")), rs.getString("detail"), nullableLong(rs, "system_id"), null,
                nullableLong(rs, "org_id"), rs.getString("state"), instant(rs, "first_seen"), instant(rs, "last_seen"), rs.getInt("seen_count"),
                rs.getString("triaged_by"), instant(rs, "triaged_at"), rs.getString("dismiss_reason"), nullableLong(rs, "hazard_id"));
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getString("source"), rs.getString("title"), rs.getString("category"), rs.getString("severity"),
                rs.getString("src_ip"), nullableInt(rs, "src_port"), rs.getString("dest_ip"), nullableInt(rs, "dest_port"), rs.getString("proto"),
                nullableLong(rs, "flow_id"), rs.getString("community_id"), nullableLong(rs, "signature_id"), rs.getString("address"),
                rs.getString("detail"), instant(rs, "first_at"), instant(rs, "last_at"), rs.getInt("event_count"), nullableLong(rs, "system_id"),
                null, nullableLong(rs, "org_id"), rs.getString("state"), instant(rs, "received_at"), rs.getString("received_by"),
                rs.getString("triaged_by"), instant(rs, "triaged_at"), rs.getString("dismiss_reason"), nullableLong(rs, "hazard_id"));
    }

    // ---- triage and hazards ------------------------------------------------------------------

    /** Which table a triage or hazard action works on. */
    public enum Kind {
        FINDING("intake_finding", "finding"), ALERT("intake_alert", "alert");

        final String table;
        final String ref;

        Kind(String table, String ref) {
            this.table = table;
            this.ref = ref;
        }
    }

    private record Row(long id, Long systemId, String state, String title, String severity, String detail) {
    }

    private Row row(Kind kind, long id) {
        String title = kind == Kind.FINDING ? "name" : "title";
        return jdbc.sql("select id, system_id, state, " + title + " as title, severity, detail from " + kind.table + " where id = :id for update")
                .param("id", id).query((rs, i) -> new Row(rs.getLong("id"), nullableLong(rs, "system_id"), rs.getString("state"),
                        rs.getString("title"), rs.getString("severity"), rs.getString("detail"))).optional()
                .orElseThrow(() -> new NotFound(kind.ref + " " + id));
    }

    /** A10.1: the provider or supervisor assigns an unmatched finding or alert to a system. */
    public void assign(Kind kind, long id, Long systemId) {
        Actor actor = Actor.require();
        requireTriager(actor);
        if (systemId == null) {
            throw new InvalidInput("hazards.intake.error.invalid", Map.of("systemId", "hazards.intake.error.system"));
        }
        Systems.SystemRef system = systems.find(systemId).orElseThrow(() -> new InvalidInput("hazards.intake.error.invalid",
                Map.of("systemId", "hazards.intake.error.unknownSystem")));
        tx.executeWithoutResult(status -> {
            Row row = row(kind, id);
            if (!row.state().equals("TRIAGE")) {
                throw new RuleViolation("A10.1", "hazards.intake.error.notInTriage");
            }
            jdbc.sql("update " + kind.table + " set system_id = :system, org_id = :org, state = 'OPEN', triaged_by = :by, triaged_at = :at "
                            + "where id = :id").param("system", system.id()).param("org", system.orgId()).param("by", actor.username())
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("id", id).update();
            if (kind == Kind.ALERT) {
                notices.matched(id, clock.instant()); // A10.1: assigned from triage, its unit hears of it now
            }
        });
        audit.record(AuditEvent.success("intake.triage.assign", kind.ref + ":" + id, "assigned to system:" + system.id() + " " + system.name()));
    }

    /** A10.1: a false positive or an address outside the cloud is dismissed with a reason. */
    public void dismiss(Kind kind, long id, String reason) {
        Actor actor = Actor.require();
        requireTriager(actor);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInput("hazards.intake.error.invalid", Map.of("reason", "hazards.intake.error.reason"));
        }
        tx.executeWithoutResult(status -> {
            Row row = row(kind, id);
            if (!(row.state().equals("TRIAGE") || row.state().equals("OPEN"))) {
                throw new RuleViolation("A10.1", "hazards.intake.error.notOpen");
            }
            jdbc.sql("update " + kind.table + " set state = 'DISMISSED', dismiss_reason = :reason, triaged_by = :by, triaged_at = :at where id = :id")
                    .param("reason", reason.strip()).param("by", actor.username()).param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("id", id).update();
        });
        audit.record(AuditEvent.success("intake.triage.dismiss", kind.ref + ":" + id, clip(reason.strip(), 500)));
    }

    /**
     * A10.2: a hazard notice (风险隐患通知) from a matched finding or alert, through {@link Hazards#raise}
     * as the signed-in supervisor or provider; the record then points at the hazard.
     */
    public Hazards.Raised raiseHazard(Kind kind, long id) {
        Actor actor = Actor.require();
        requireTriager(actor);
        Hazards register = hazards;
        Hazards.Raised raised = tx.execute(status -> {
            Row row = row(kind, id);
            if (!row.state().equals("OPEN") || row.systemId() == null) {
                throw new RuleViolation("A10.2", "hazards.intake.error.notRaisable");
            }
            Hazards.Raised r = register.raise(new Hazards.NewHazard(row.systemId(), clip(row.title(), 200),
                    Hazards.Severity.valueOf(Severity.valueOf(row.severity()).hazardSeverity()), row.detail(), null,
                    kind == Kind.FINDING ? "FINDING" : "ALERT", kind.ref + ":" + id));
            jdbc.sql("update " + kind.table + " set state = 'RAISED', hazard_id = :hazard, triaged_by = :by, triaged_at = :at where id = :id")
                    .param("hazard", r.id()).param("by", actor.username()).param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("id", id)
                    .update();
            return r;
        });
        audit.record(AuditEvent.success("intake.hazard.raise", kind.ref + ":" + id, "hazard:" + raised.id() + " due " + raised.dueDate()));
        return raised;
    }

    /** The triage queue: what matched no system, oldest first. */
    public record Queue(List<Finding> findings, List<Alert> alerts) {
    }

    public Queue triage(Actor actor, int limit) {
        requireTriager(actor);
        int size = limit <= 0 ? 100 : Math.min(limit, 500);
        return new Queue(jdbc.sql("select * from intake_finding f where f.state = 'TRIAGE' order by f.id limit " + size).query((rs, i) -> finding(rs)).list(),
                jdbc.sql("select * from intake_alert a where a.state = 'TRIAGE' order by a.id limit " + size).query((rs, i) -> alert(rs)).list());
    }

    /** The systems a triager can assign to: every system with a registered address, by name. */
    public List<Systems.SystemRef> assignableSystems() {
        Set<Long> ids = systems.addresses().stream().map(Address::systemId).collect(Collectors.toSet());
        return systems.find(ids).stream().sorted(Comparator.comparing(Systems.SystemRef::name)).toList();
    }

    // ---- helpers -----------------------------------------------------------------------------

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static String clip(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

}
