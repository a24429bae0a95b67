package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.intake.Intake;
import cn.govcloud.guard.hazards.intake.parse.EveAlert;
import cn.govcloud.guard.hazards.intake.parse.EveReader;
import cn.govcloud.guard.hazards.intake.parse.MalformedInput;
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
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
    static final int BATCH = 5_000;
    /** Results per set-based batch of a scan import (issue 19 point 2). */
    static final int SCAN_BATCH = 5_000;
    public static final Set<String> STATES = Set.of("OPEN", "TRIAGE", "DISMISSED", "RAISED");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    /** Progress and outcome of a background import, committed beside the import's own transaction. */
    private final TransactionTemplate progressTx;
    private final Bulk bulk;
    private final MessageSource messages;
    private final java.util.concurrent.ExecutorService jobs = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scan-import");
        t.setDaemon(true);
        return t;
    });
    private final Systems systems;
    private final Hazards hazards;
    private final AlertNotices notices;
    private final FindingNotices findingNotices;
    private final TriageClock triageClock;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxScanBytes;
    private final long maxEveBytes;
    private final Duration window;

    IntakeService(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, Systems systems,
                  Hazards hazards, AlertNotices notices, FindingNotices findingNotices, TriageClock triageClock, AuditLog audit, Clock clock,
                  Bulk bulk, MessageSource messages,
                  @Value("${govguard.intake.max-scan-bytes:209715200}") long maxScanBytes,
                  @Value("${govguard.intake.max-eve-bytes:52428800}") long maxEveBytes,
                  @Value("${govguard.intake.alert-window:PT10M}") Duration window) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = new TransactionTemplate(transactions);
        this.progressTx = new TransactionTemplate(transactions);
        this.progressTx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.bulk = bulk;
        this.messages = messages;
        this.systems = systems;
        this.hazards = hazards;
        this.notices = notices;
        this.findingNotices = findingNotices;
        this.triageClock = triageClock;
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
        ScanImport work = new ScanImport(actor, name, now, new AddressMatcher(systems.addresses()), null, Progress.NONE);
        ImportSummary summary;
        try {
            summary = tx.execute(status -> work.run(report));
        } catch (MalformedInput e) {
            audit.record(AuditEvent.of("intake.scan.import", "import", AuditResult.FAILURE,
                    (name == null ? "" : name + ": ") + e.getMessage()));
            throw new Unprocessable(refusal(e, LocaleContextHolder.getLocale()));
        }
        audited(work, summary);
        return summary;
    }

    private void audited(ScanImport work, ImportSummary summary) {
        audit.record(AuditEvent.success("intake.scan.import", "import:" + summary.importId(),
                summary.format() + " " + (work.filename == null ? "" : work.filename + " ") + work.bytes.count + " bytes: " + summary.results()
                        + " results, " + summary.newFindings() + " new, " + summary.updated() + " updated, " + summary.unmatched() + " unmatched"));
        log.info("scan import {}: {} results, {} new, {} updated, {} unmatched", summary.importId(), summary.results(),
                summary.newFindings(), summary.updated(), summary.unmatched());
    }

    /** Issue 24 point 9: a refusal in the reader's language — the frame and the parser's reason. */
    String refusal(MalformedInput e, java.util.Locale locale) {
        return messages.getMessage("hazards.intake.error.refused", new Object[] {e.render(messages, locale)}, locale);
    }

    /**
     * Issue 24 point 7: a scan report imported in the background. The import's row is written (and
     * committed) at once with status RUNNING, so its id can be answered now and its progress read by
     * anyone allowed to; the import itself is still one transaction — all or nothing — and ends DONE
     * with its counts or FAILED with the reason, nothing stored. One import runs at a time (they are
     * heavy; the next waits in the queue). The file is the caller's copy and is deleted afterwards.
     */
    public long submitScan(String filename, java.nio.file.Path file) throws java.io.IOException {
        Actor actor = Actor.require();
        requireImporter(actor, "findings:write");
        String name = filename == null || filename.isBlank() ? null : clip(filename.strip(), 255);
        Instant now = clock.instant();
        long size = java.nio.file.Files.size(file);
        Long id = tx.execute(status -> insertImport("SCAN", name, actor, now, "RUNNING", size));
        var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
        jobs.execute(() -> {
            org.springframework.security.core.context.SecurityContextHolder.setContext(context);
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                ScanImport work = new ScanImport(actor, name, now, new AddressMatcher(systems.addresses()), id,
                        (read, stored, bytes) -> progressTx.executeWithoutResult(s -> jdbc.sql(
                                "update intake_import set results = :r, stored = :s, bytes = :b, progress_at = :at where id = :id")
                                .param("r", read).param("s", stored).param("b", bytes).param("at", clock.instant().atOffset(ZoneOffset.UTC))
                                .param("id", id).update()));
                audited(work, tx.execute(status -> work.run(in)));
            } catch (MalformedInput e) {
                failed(id, e.key(), refusal(e, java.util.Locale.ENGLISH), refusal(e, java.util.Locale.SIMPLIFIED_CHINESE));
                audit.record(AuditEvent.of("intake.scan.import", "import:" + id, AuditResult.FAILURE,
                        (name == null ? "" : name + ": ") + e.getMessage()));
            } catch (RuntimeException | java.io.IOException e) {
                log.error("scan import {} failed", id, e);
                failed(id, "hazards.intake.error.internal", messages.getMessage("hazards.intake.error.internal", null, java.util.Locale.ENGLISH),
                        messages.getMessage("hazards.intake.error.internal", null, java.util.Locale.SIMPLIFIED_CHINESE));
                audit.record(AuditEvent.of("intake.scan.import", "import:" + id, AuditResult.FAILURE, "internal error: " + e.getClass().getSimpleName()));
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.clearContext();
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    log.warn("could not delete {}", file, e);
                }
            }
        });
        return id;
    }

    private void failed(long id, String key, String english, String chinese) {
        progressTx.executeWithoutResult(s -> jdbc.sql("update intake_import set status = 'FAILED', finished_at = :at, error_key = :k, "
                        + "error_en = :en, error_zh = :zh, stored = 0 where id = :id")
                .param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("k", key).param("en", clip(english, 2000))
                .param("zh", clip(chinese, 2000)).param("id", id).update());
    }

    @jakarta.annotation.PreDestroy
    void stopJobs() {
        jobs.shutdownNow();
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

    /** The staging table of a scan import's batches (issue 19 point 2): the finding's columns, matched in memory. */
    static final String FINDING_STAGE = "intake_finding_stage";
    private static final List<String> FINDING_STAGE_COLUMNS = List.of("scanner", "plugin_id", "host", "port", "hostname", "name", "severity",
            "score", "cves", "detail", "system_id", "org_id");
    private static final int[] FINDING_STAGE_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.DOUBLE, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT};
    private static final String SAME_FINDING = "f.scanner = s.scanner and f.plugin_id = s.plugin_id and f.host = s.host and f.port = s.port";
    /** A finding waiting in triage whose address the register has learnt since: matched now; a triage decision stands. */
    private static final String NOW_MATCHED = "f.system_id is null and f.state = 'TRIAGE' and s.system_id is not null";

    /** Receives how far a running import has got (results read, stored, bytes read). */
    interface Progress {
        Progress NONE = (read, stored, bytes) -> { };

        void at(int read, int stored, long bytes);
    }

    /** One import's state: the import row, the batch, the counts. */
    private final class ScanImport {
        final Actor actor;
        final String filename;
        final Instant now;
        final AddressMatcher matcher;
        final Map<String, ScanResult> batch = new LinkedHashMap<>();
        final Progress progress;
        Counting bytes;
        Long importId;
        /** The importer's format (recorded on the import); each finding carries its scanner (its identity's). */
        String format;
        int results;
        int stored;
        int created;
        int updated;
        int unmatched;

        ScanImport(Actor actor, String filename, Instant now, AddressMatcher matcher, Long importId, Progress progress) {
            this.actor = actor;
            this.filename = filename;
            this.now = now;
            this.matcher = matcher;
            this.importId = importId;
            this.progress = progress;
        }

        ImportSummary run(InputStream in) {
            bytes = new Counting(in);
            bulk.stage(FINDING_STAGE, "scanner varchar(40), plugin_id varchar(200), host varchar(255), port varchar(50), hostname varchar(255), "
                    + "name varchar(500), severity varchar(10), score numeric(4,1), cves varchar(4000), detail varchar(8000), system_id bigint, "
                    + "org_id bigint");
            String read = ScanReports.parse(bytes, maxScanBytes, this::accept);
            if (format == null) {
                format = read;
                start();
            }
            format = read; // the import row was started under the first result's scanner; the format is the importer's
            flush();
            jdbc.sql("update intake_import set format = :f, bytes = :bytes, results = :r, stored = :r, new_count = :n, updated_count = :u, "
                            + "unmatched_count = :x, status = 'DONE', finished_at = :at where id = :id")
                    .param("f", format).param("bytes", bytes.count).param("r", results).param("n", created).param("u", updated)
                    .param("x", unmatched).param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("id", importId).update();
            // issue 17 point 5 (A10.1): serious vulnerabilities matched to a system are told at once; the unmatched start the triage clock
            findingNotices.imported(importId, now);
            triageClock.scanImported(importId, now);
            triageClock.settle(now); // findings matched now (the register learnt their address) may empty an earlier entry
            return new ImportSummary(importId, format, results, created, updated, unmatched);
        }

        private void start() {
            if (importId == null) {
                importId = insertImport(format, filename, actor, now, "DONE", null);
            }
        }

        void accept(ScanResult r) {
            if (format == null) {
                format = r.scanner();
                start();
            }
            results++;
            batch.put(key(r.pluginId(), r.host(), r.port()), r);
            if (batch.size() >= SCAN_BATCH) {
                flush();
            }
        }

        /**
         * One batch, set-based: the results (each identity once, the last one read) are matched in memory and
         * staged (COPY on PostgreSQL); one query counts new, updated and unmatched against the findings table,
         * and one statement writes them all — {@code insert … on conflict … do update} on PostgreSQL, the
         * equivalent {@code merge} on H2.
         */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<Object[]> rows = new ArrayList<>(batch.size());
            for (ScanResult r : batch.values()) {
                Address match = matcher.match(r.host(), r.hostname()).orElse(null);
                rows.add(new Object[] {r.scanner(), r.pluginId(), r.host(), r.port(), r.hostname(), r.name(), r.severity().name(), r.score(),
                        cves(r.cves()), r.text(), match == null ? null : match.systemId(), match == null ? null : match.orgId()});
            }
            bulk.clear(FINDING_STAGE);
            bulk.insert(FINDING_STAGE, FINDING_STAGE_COLUMNS, FINDING_STAGE_TYPES, rows);
            if (bulk.postgres()) {
                template.execute("analyze " + FINDING_STAGE); // temporary tables are never analysed by autovacuum
            }
            jdbc.sql("select sum(case when f.id is null then 1 else 0 end), sum(case when f.id is not null and f.last_import_id <> :imp then 1 else 0 end), "
                            + "sum(case when (f.id is null and s.system_id is null) or (f.id is not null and f.system_id is null and f.state = 'TRIAGE' "
                            + "and s.system_id is null) then 1 else 0 end) from " + FINDING_STAGE + " s left join intake_finding f on " + SAME_FINDING)
                    .param("imp", importId).query(rs -> {
                        rs.next();
                        created += rs.getInt(1);
                        updated += rs.getInt(2);
                        unmatched += rs.getInt(3);
                        return Boolean.TRUE;
                    });
            OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
            String set = "hostname = s.hostname, name = s.name, severity = s.severity, score = s.score, cves = s.cves, detail = s.detail, "
                    + "last_seen = :at, last_import_id = :imp, seen_count = f.seen_count + 1, "
                    + "system_id = case when " + NOW_MATCHED + " then s.system_id else f.system_id end, "
                    + "org_id = case when " + NOW_MATCHED + " then s.org_id else f.org_id end, "
                    + "state = case when " + NOW_MATCHED + " then 'OPEN' else f.state end";
            String columns = "scanner, plugin_id, host, port, hostname, name, severity, score, cves, detail, system_id, org_id, state, first_seen, "
                    + "last_seen, first_import_id, last_import_id";
            String values = "s.scanner, s.plugin_id, s.host, s.port, s.hostname, s.name, s.severity, s.score, s.cves, s.detail, s.system_id, s.org_id, "
                    + "case when s.system_id is null then 'TRIAGE' else 'OPEN' end, :at, :at, :imp, :imp";
            if (bulk.postgres()) {
                // PostgreSQL: EXCLUDED is the staged row; written as s.* above, so one SET list serves both databases
                jdbc.sql("insert into intake_finding as f (" + columns + ") select " + values + " from " + FINDING_STAGE + " s "
                                + "on conflict (scanner, plugin_id, host, port) do update set " + set.replace("s.", "excluded."))
                        .param("at", at).param("imp", importId).update();
            } else {
                jdbc.sql("merge into intake_finding f using " + FINDING_STAGE + " s on (" + SAME_FINDING + ") when matched then update set " + set
                                + " when not matched then insert (" + columns + ") values (" + values + ")")
                        .param("at", at).param("imp", importId).update();
            }
            stored += batch.size();
            batch.clear();
            progress.at(results, stored, bytes.count);
        }
    }

    private long insertImport(String format, String filename, Actor actor, Instant now, String status, Long totalBytes) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into intake_import (format, filename, bytes, imported_at, imported_by, org_id, status, total_bytes, started_at, "
                        + "progress_at) values (:f, :name, 0, :at, :by, :org, :status, :total, :at, :at)")
                .param("f", format).param("name", filename).param("at", now.atOffset(ZoneOffset.UTC)).param("by", actor.username())
                .param("org", actor.orgId()).param("status", status).param("total", totalBytes).update(key, "id");
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
                triageClock.alertsReceived("triage:import:" + s.importId(), now, now);
                return s;
            });
        } catch (MalformedInput e) {
            audit.record(AuditEvent.of("intake.suricata.import", "alerts", AuditResult.FAILURE, e.getMessage()));
            java.util.Locale locale = LocaleContextHolder.getLocale();
            throw new Unprocessable(messages.getMessage("hazards.intake.error.eveRefused", new Object[] {e.render(messages, locale)}, locale));
        }
        audit.record(AuditEvent.success("intake.suricata.import", "import:" + summary.importId(), summary.events() + " events, "
                + summary.alerts() + " alerts: " + summary.newAlerts() + " new, " + summary.grouped() + " grouped, " + summary.unmatched()
                + " unmatched, " + summary.replayed() + " replayed"));
        return summary;
    }

    private AlertSummary suricata(InputStream in, Actor actor, Instant now, AddressMatcher matcher) {
        long importId = insertImport("SURICATA", null, actor, now, "DONE", null);
        bulk.stage(ALERT_STAGE, "id bigint, first_at timestamp with time zone, last_at timestamp with time zone, event_count integer");
        List<EveAlert> chunk = new ArrayList<>();
        int[] counts = new int[4]; // new, grouped, unmatched, replayed
        Counting bytes = new Counting(in);
        EveReader.Counts read = EveReader.parse(bytes, maxEveBytes, alert -> {
            chunk.add(alert);
            if (chunk.size() >= BATCH) {
                group(chunk, importId, actor, now, matcher, counts);
                chunk.clear();
            }
        });
        group(chunk, importId, actor, now, matcher, counts);
        jdbc.sql("update intake_import set bytes = :bytes, results = :r, stored = :r, new_count = :n, updated_count = :u, unmatched_count = :x, "
                        + "finished_at = :at where id = :id")
                .param("bytes", bytes.count).param("r", read.alerts()).param("n", counts[0]).param("u", counts[1]).param("x", counts[2])
                .param("at", now.atOffset(ZoneOffset.UTC)).param("id", importId).update();
        return new AlertSummary(importId, read.events(), read.alerts(), counts[0], counts[1], counts[2], read.skipped(), counts[3]);
    }

    /** The staging table of the changed groups of one batch (one set-based update per batch). */
    static final String ALERT_STAGE = "intake_alert_stage";

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
        byte[] hash = SHA256.get().digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.nio.ByteBuffer.wrap(hash).getLong();
    }

    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private void group(List<EveAlert> all, long importId, Actor actor, Instant now, AddressMatcher matcher, int[] counts) {
        if (all.isEmpty()) {
            return;
        }
        // A10.1 / issue 24 point 6: events already taken (this body or an earlier one) are replays, not new events
        Map<Long, EveAlert> byKey = new LinkedHashMap<>();
        for (EveAlert a : all) {
            if (byKey.putIfAbsent(eventKey(a), a) != null) {
                counts[3]++;
            }
        }
        bulk.inList("select event_key from intake_alert_event where event_key", byKey.keySet(), "bigint", "", Map.of(),
                (rs, i) -> rs.getLong(1)).forEach(k -> {
                    byKey.remove(k);
                    counts[3]++;
                });
        if (byKey.isEmpty()) {
            return;
        }
        bulk.insert("intake_alert_event", List.of("event_key", "import_id"), new int[] {Types.BIGINT, Types.BIGINT},
                byKey.keySet().stream().map(k -> new Object[] {k, importId}).toList());
        List<EveAlert> chunk = new ArrayList<>(byKey.values());
        chunk.sort(Comparator.comparing(EveAlert::timestamp));
        Set<String> keys = chunk.stream().map(IntakeService::groupKey).collect(Collectors.toSet());
        Instant since = chunk.get(0).timestamp().minus(window);
        Map<String, Group> open = new HashMap<>();
        bulk.inList("select id, group_key, first_at, last_at, event_count from intake_alert where source = 'SURICATA' and group_key", keys,
                "varchar", " and last_at >= :since order by last_at", Map.of("since", since.atOffset(ZoneOffset.UTC)),
                (rs, i) -> open.put(rs.getString("group_key"), new Group(rs.getLong("id"), rs.getString("group_key"),
                        instant(rs, "first_at"), instant(rs, "last_at"), rs.getInt("event_count"), null, null, false)));
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
                updates.add(new Object[] {g.id(), g.first().atOffset(ZoneOffset.UTC), g.last().atOffset(ZoneOffset.UTC), g.count()});
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
            inserts.add(new Object[] {"SURICATA", g.key(), a.signatureId(), clip(a.signature(), 500), clip(a.category(), 200), a.level().name(),
                    a.srcIp(), a.srcPort(), a.destIp(), a.destPort(), a.proto(), a.flowId(), a.communityId(), address,
                    a.action() == null ? null : "action: " + a.action(), g.first().atOffset(ZoneOffset.UTC), g.last().atOffset(ZoneOffset.UTC),
                    g.count(), m == null ? null : m.systemId(), m == null ? null : m.orgId(), m == null ? "TRIAGE" : "OPEN", received,
                    actor.username()});
        }
        counts[0] += inserts.size();
        counts[1] += chunk.size() - inserts.size(); // alerts folded into another alert, old or new
        // issue 19 point 2: the new alerts in one COPY (one batch on H2), the grown groups in one set-based update
        bulk.insert("intake_alert", ALERT_COLUMNS, ALERT_TYPES, inserts);
        if (!updates.isEmpty()) {
            bulk.clear(ALERT_STAGE);
            bulk.insert(ALERT_STAGE, List.of("id", "first_at", "last_at", "event_count"),
                    new int[] {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER}, updates);
            if (bulk.postgres()) {
                template.update("update intake_alert a set first_at = s.first_at, last_at = s.last_at, event_count = s.event_count from "
                        + ALERT_STAGE + " s where a.id = s.id");
            } else {
                template.update("merge into intake_alert a using " + ALERT_STAGE + " s on (a.id = s.id) when matched then update set "
                        + "first_at = s.first_at, last_at = s.last_at, event_count = s.event_count");
            }
        }
    }

    private static final List<String> ALERT_COLUMNS = List.of("source", "group_key", "signature_id", "title", "category", "severity", "src_ip",
            "src_port", "dest_ip", "dest_port", "proto", "flow_id", "community_id", "address", "detail", "first_at", "last_at", "event_count",
            "system_id", "org_id", "state", "received_at", "received_by");
    private static final int[] ALERT_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER, Types.BIGINT, Types.BIGINT, Types.VARCHAR,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR};

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
        triageClock.alertsReceived("triage:alert:" + id, now, now);
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

    /**
     * An import as it stands (issue 24 point 7): RUNNING with how far it has got — results read, stored, bytes
     * read of the file's total, percent and an estimate of the seconds left — then DONE with its counts or FAILED
     * with the reason in the reader's language.
     */
    public record ImportRecord(long id, String format, String filename, long bytes, int results, int newCount, int updated, int unmatched,
                               Instant importedAt, String importedBy, String status, Long totalBytes, int stored, Integer percent,
                               Long etaSeconds, Instant finishedAt, String error) {
        public boolean running() {
            return "RUNNING".equals(status);
        }
    }

    /** A background import silent this long has lost its server (its transaction rolled back): it reads as failed. */
    static final Duration STALLED = Duration.ofMinutes(10);

    private ImportRecord importRecord(ResultSet rs) throws SQLException {
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

    /** One import, for whoever may read the imports. */
    public Optional<ImportRecord> importRecord(Actor actor, long id) {
        requireImportReader(actor);
        return jdbc.sql("select * from intake_import where id = :id").param("id", id).query((rs, i) -> importRecord(rs)).optional();
    }

    private static void requireImportReader(Actor actor) {
        if (!(actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR || actor.orgKind() == OrgKind.PROVIDER)) {
            throw new AccessDeniedException("imports are the provider's and the supervisor's records");
        }
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

    /** One alert of a burst (issue 24 point 5): what the burst's single notice stands for. */
    public record BurstMember(long id, String title, String severity, int count, Instant firstAt, Instant lastAt) {
    }

    /** The burst the alert belongs to, when the reader may see the alert; empty when it is in none. */
    public List<BurstMember> burst(Actor actor, long alertId) {
        return alert(actor, alertId).map(a -> notices.burstOf(alertId)).orElse(List.of());
    }

    /** The platform's clock (pages show time left against it). */
    public Instant now() {
        return clock.instant();
    }

    public Duration burstWindow() {
        return notices.window();
    }

    /** Imports are the provider's and the supervisor's work records; regulators read them too. */
    public Page<ImportRecord> imports(Actor actor, Long before, int limit) {
        requireImportReader(actor);
        int size = limit <= 0 ? 50 : Math.min(limit, 200);
        Map<String, Object> params = new HashMap<>();
        String where = "1=1";
        if (before != null) {
            where = "i.id < :before";
            params.put("before", before);
        }
        List<ImportRecord> rows = jdbc.sql("select * from intake_import i where " + where + " order by i.id desc limit " + (size + 1)).params(params)
                .query((rs, i) -> importRecord(rs)).list();
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
            } else {
                findingNotices.matched(id, clock.instant()); // issue 17 point 5: a vulnerability follows the same path
            }
            triageClock.settle(clock.instant());
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
            triageClock.settle(clock.instant());
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

    /**
     * Issue 17 point 5: when each queued item must be assigned or dismissed (catalog rule A10.1-triage), id → due
     * time; items queued before the triage clock existed have none.
     */
    public record TriageDue(Map<Long, Instant> findings, Map<Long, Instant> alerts) {
    }

    public TriageDue triageDue(Queue queue) {
        return new TriageDue(triageClock.due("intake_finding", queue.findings().stream().map(Finding::id).toList()),
                triageClock.due("intake_alert", queue.alerts().stream().map(Alert::id).toList()));
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
