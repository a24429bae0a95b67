package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.hazards.intake.Intake.ImportSummary;
import cn.govcloud.guard.hazards.intake.parse.ScanReports;
import cn.govcloud.guard.hazards.intake.parse.ScanResult;
import cn.govcloud.guard.shared.Actor;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scan import's state while the report streams through the parser, inside the caller's transaction:
 * the import row (started with the first result), the current batch of {@link #BATCH} results (each
 * identity once, the last one read), and the counts. Not a bean: one per import.
 */
final class ScanImport {
    /** Results per set-based batch of a scan import (issue 19 point 2). */
    static final int BATCH = 5_000;

    /** Receives how far a running import has got (results read, stored, bytes read). */
    interface Progress {
        Progress NONE = (read, stored, bytes) -> { };

        void at(int read, int stored, long bytes);
    }

    private final Imports imports;
    private final Findings findings;
    private final ExposureDrift drift;
    /** The drift (system, address, port) this import has recorded already: each once per import. */
    private final java.util.Set<String> drifted = new java.util.HashSet<>();
    private int driftRaised;
    final Actor actor;
    final String filename;
    final Instant now;
    private final AddressMatcher matcher;
    private final Progress progress;
    private final Map<String, ScanResult> batch = new LinkedHashMap<>();
    CountingInputStream bytes;
    Long importId;
    /** The importer's format (recorded on the import); each finding carries its scanner (its identity's). */
    private String format;
    private int results;
    private int stored;
    private int created;
    private int updated;
    private int unmatched;

    ScanImport(Imports imports, Findings findings, ExposureDrift drift, Actor actor, String filename, Instant now, AddressMatcher matcher, Long importId,
               Progress progress) {
        this.imports = imports;
        this.findings = findings;
        this.drift = drift;
        this.actor = actor;
        this.filename = filename;
        this.now = now;
        this.matcher = matcher;
        this.importId = importId;
        this.progress = progress;
    }

    /** Reads the whole report and writes its findings; the caller finishes the import (notices, triage clock). */
    ImportSummary run(InputStream in, long maxBytes, java.time.Clock clock) {
        bytes = new CountingInputStream(in);
        findings.stage();
        String read = ScanReports.parse(bytes, maxBytes, this::accept);
        if (format == null) {
            format = read;
            start();
        }
        format = read; // the import row was started under the first result's scanner; the format is the importer's
        flush();
        drift.resolveListed(matcher, now); // issue 22 point 1: drift the unit has since listed in its inventory is resolved
        imports.finish(importId, format, bytes.count, results, created, updated, unmatched, true, clock.instant());
        return new ImportSummary(importId, format, results, created, updated, unmatched);
    }

    private void start() {
        if (importId == null) {
            importId = imports.insert(format, filename, actor, now, "DONE", null);
        }
    }

    private void accept(ScanResult r) {
        if (format == null) {
            format = r.scanner();
            start();
        }
        results++;
        batch.put(r.pluginId() + '\u0000' + r.host() + '\u0000' + r.port(), r);
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        Findings.Counts counts = findings.write(batch.values(), matcher, importId, now);
        drift(batch.values());
        created += counts.created();
        updated += counts.updated();
        unmatched += counts.unmatched();
        stored += batch.size();
        batch.clear();
        progress.at(results, stored, bytes.count);
    }

    /** How many exposure drift findings this import raised or opened again. */
    int driftRaised() {
        return driftRaised;
    }

    /**
     * Issue 22 point 1 (A10.1, A7.1): a port found open on an address of a system that keeps an inventory, and missing from
     * it, is exposure drift — one finding for the system's unit per (address, port), recorded once per import.
     */
    private void drift(java.util.Collection<ScanResult> results) {
        for (ScanResult r : results) {
            Integer port = AddressMatcher.port(r.port());
            if (port == null || r.host() == null) {
                continue;
            }
            cn.govcloud.guard.systems.Systems.Address system = matcher.matchPort(r.host(), port)
                    .or(() -> matcher.match(r.host(), r.hostname())).orElse(null);
            if (system == null || !matcher.drift(system.systemId(), r.host(), r.port())) {
                continue;
            }
            String host = r.host().strip().toLowerCase(java.util.Locale.ROOT);
            String protocol = AddressMatcher.protocolOf(r.port());
            if (drifted.add(system.systemId() + "|" + host + "|" + port + "|" + protocol)
                    && drift.record(system, host, port, protocol, r.name(), importId, now)) {
                driftRaised++;
            }
        }
    }
}
