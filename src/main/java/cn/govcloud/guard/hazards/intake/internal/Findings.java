package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.hazards.intake.parse.ScanResult;
import cn.govcloud.guard.systems.Systems.Address;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The scan findings ({@code intake_finding}): written set-based per batch of an import (issue 19 point 2)
 * and read scoped for the lists. A finding's identity is scanner, plugin, host and port; a re-import updates it.
 */
@Repository
class Findings {
    /** The staging table of a scan import's batches: the finding's columns, matched in memory. */
    static final String STAGE = "intake_finding_stage";
    private static final List<String> STAGE_COLUMNS = List.of("scanner", "plugin_id", "host", "port", "hostname", "name", "severity",
            "score", "cves", "detail", "system_id", "org_id");
    private static final int[] STAGE_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.DOUBLE, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT};
    private static final String SAME_FINDING = "f.scanner = s.scanner and f.plugin_id = s.plugin_id and f.host = s.host and f.port = s.port";
    /** A finding waiting in triage whose address the register has learnt since: matched now; a triage decision stands. */
    private static final String NOW_MATCHED = "f.system_id is null and f.state = 'TRIAGE' and s.system_id is not null";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Bulk bulk;

    Findings(JdbcClient jdbc, JdbcTemplate template, Bulk bulk) {
        this.jdbc = jdbc;
        this.template = template;
        this.bulk = bulk;
    }

    /** New, updated (seen before this import) and unmatched findings of one batch. */
    record Counts(int created, int updated, int unmatched) {
    }

    /** Creates the import's staging table (once per transaction). */
    void stage() {
        bulk.stage(STAGE, "scanner varchar(40), plugin_id varchar(200), host varchar(255), port varchar(50), hostname varchar(255), "
                + "name varchar(500), severity varchar(10), score numeric(4,1), cves varchar(4000), detail varchar(8000), system_id bigint, "
                + "org_id bigint");
    }

    /**
     * One batch, set-based: the results (each identity once) are matched in memory and staged (COPY on
     * PostgreSQL); one query counts new, updated and unmatched against the findings table, and one statement
     * writes them all — {@code insert … on conflict … do update} on PostgreSQL, the equivalent {@code merge} on H2.
     */
    Counts write(Collection<ScanResult> batch, AddressMatcher matcher, long importId, Instant now) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (ScanResult r : batch) {
            // issue 22 point 1: an inventory's NAT mapping or open port at the host's port first, then the addresses
            Address match = matcher.matchPort(r.host(), AddressMatcher.port(r.port())).or(() -> matcher.match(r.host(), r.hostname())).orElse(null);
            rows.add(new Object[] {r.scanner(), r.pluginId(), r.host(), r.port(), r.hostname(), r.name(), r.severity().name(), r.score(),
                    cves(r.cves()), r.text(), match == null ? null : match.systemId(), match == null ? null : match.orgId()});
        }
        bulk.clear(STAGE);
        bulk.insert(STAGE, STAGE_COLUMNS, STAGE_TYPES, rows);
        if (bulk.postgres()) {
            template.execute("analyze " + STAGE); // temporary tables are never analysed by autovacuum
        }
        Counts counts = jdbc.sql("select sum(case when f.id is null then 1 else 0 end), sum(case when f.id is not null and f.last_import_id <> :imp "
                        + "then 1 else 0 end), sum(case when (f.id is null and s.system_id is null) or (f.id is not null and f.system_id is null "
                        + "and f.state = 'TRIAGE' and s.system_id is null) then 1 else 0 end) from " + STAGE + " s left join intake_finding f on "
                        + SAME_FINDING)
                .param("imp", importId).query(rs -> {
                    rs.next();
                    return new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3));
                });
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
            jdbc.sql("insert into intake_finding as f (" + columns + ") select " + values + " from " + STAGE + " s "
                            + "on conflict (scanner, plugin_id, host, port) do update set " + set.replace("s.", "excluded."))
                    .param("at", Columns.utc(now)).param("imp", importId).update();
        } else {
            jdbc.sql("merge into intake_finding f using " + STAGE + " s on (" + SAME_FINDING + ") when matched then update set " + set
                            + " when not matched then insert (" + columns + ") values (" + values + ")")
                    .param("at", Columns.utc(now)).param("imp", importId).update();
        }
        return counts;
    }

    /** The CVEs as one space-separated column, cut at the last whole CVE within 4000 characters. */
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

    /** What the keyword is looked for in (issue 23 point 11). */
    private static final List<String> TEXT = List.of("name", "host", "hostname", "cves", "plugin_id");

    /** The list, one item and the triage queue (issue 23 point 11: the keyword in {@link #TEXT}). */
    IntakeTable<Finding> table() {
        return new IntakeTable<>(jdbc, "intake_finding", "f", "last_seen", TEXT, (rs, i) -> Finding.of(rs));
    }
}
