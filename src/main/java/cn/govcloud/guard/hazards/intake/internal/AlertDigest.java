package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 17 point 5 (A10.1 "立即告知" covers every severity): the alerts and matched scan findings
 * below the catalog's immediate-notice severity (down to LOW) reach the owning unit and the
 * supervisor in a daily digest — one inbox notice (and e-mail, robots) per unit listing its systems
 * with their counts, one to the supervisor for all of them — sent once a day from 08:30 Beijing time.
 * The day's row in {@code intake_digest} is the key: inserted in the digest's own transaction, so of
 * several nodes (or a retried run) exactly one sends it; the items it told are marked, so none is told
 * twice, and nothing told at once is in it.
 */
@Component
class AlertDigest {
    static final LocalTime SEND_FROM = LocalTime.of(8, 30);
    private static final String UNTOLD = " where system_id is not null and notified_at is null and state in ('OPEN','RAISED') and severity in (:below) "
            + "and id <= :upTo";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Notifier notifier;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final RuleCatalog catalog;

    AlertDigest(JdbcClient jdbc, PlatformTransactionManager transactions, Notifier notifier, Systems systems, OrganisationDirectory organisations,
                RuleCatalog catalog) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.notifier = notifier;
        this.systems = systems;
        this.organisations = organisations;
        this.catalog = catalog;
    }

    /** What one digest told: items per system. */
    record Sent(LocalDate day, int alerts, int findings, int orgs) {
    }

    /** The severities of the digest: those not told at once, down to LOW (INFO is nothing to act on). */
    List<String> below() {
        var immediate = catalog.parameter(AlertNotices.IMMEDIATE);
        return immediate.options().stream().filter(s -> !immediate.choices().contains(s)).toList();
    }

    /** Sends today's digest if it is time and nobody has; null when there was nothing to do. */
    Sent sendIfDue(Instant now) {
        ZonedDateTime local = now.atZone(WorkingCalendar.ZONE);
        if (local.toLocalTime().isBefore(SEND_FROM)) {
            return null;
        }
        LocalDate day = local.toLocalDate();
        try {
            return tx.execute(status -> send(day, now));
        } catch (DuplicateKeyException sentByAnother) {
            return null;
        }
    }

    private record Count(long systemId, String severity, int alerts, int findings) {
    }

    private Sent send(LocalDate day, Instant now) {
        if (jdbc.sql("select count(*) from intake_digest where digest_date = :d").param("d", day).query(Long.class).single() > 0) {
            return null;
        }
        jdbc.sql("insert into intake_digest (digest_date, sent_at, alerts, findings, orgs) values (:d, :at, 0, 0, 0)").param("d", day)
                .param("at", now.atOffset(ZoneOffset.UTC)).update();
        List<String> below = below();
        if (below.isEmpty()) {
            return new Sent(day, 0, 0, 0);
        }
        long upToAlert = jdbc.sql("select coalesce(max(id), 0) from intake_alert").query(Long.class).single();
        long upToFinding = jdbc.sql("select coalesce(max(id), 0) from intake_finding").query(Long.class).single();
        List<Count> counts = new ArrayList<>();
        jdbc.sql("select system_id, severity, count(*) from intake_alert" + UNTOLD + " group by system_id, severity").param("below", below)
                .param("upTo", upToAlert).query((rs, i) -> new Count(rs.getLong(1), rs.getString(2), rs.getInt(3), 0)).list().forEach(counts::add);
        jdbc.sql("select system_id, severity, count(*) from intake_finding" + UNTOLD + " group by system_id, severity").param("below", below)
                .param("upTo", upToFinding).query((rs, i) -> new Count(rs.getLong(1), rs.getString(2), 0, rs.getInt(3))).list().forEach(counts::add);
        Map<Long, Systems.SystemRef> refs = systems.find(counts.stream().map(Count::systemId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Systems.SystemRef::id, Function.identity()));
        // per unit: its systems' lines; the supervisor gets every line
        Map<Long, Map<String, int[]>> byOrg = new LinkedHashMap<>();
        Map<String, int[]> all = new LinkedHashMap<>();
        for (Count c : counts) {
            Systems.SystemRef system = refs.get(c.systemId());
            if (system == null) {
                continue;
            }
            for (Map<String, int[]> lines : List.of(byOrg.computeIfAbsent(system.orgId(), o -> new LinkedHashMap<>()), all)) {
                int[] n = lines.computeIfAbsent(system.name(), s -> new int[2]);
                n[0] += c.alerts();
                n[1] += c.findings();
            }
        }
        int alerts = counts.stream().mapToInt(Count::alerts).sum();
        int findings = counts.stream().mapToInt(Count::findings).sum();
        String link = "/intake/alerts?state=OPEN";
        byOrg.forEach((org, lines) -> notifier.dispatch(new Notice("digest:" + day + ":unit:" + org, org, Role.UNIT_ROLES,
                "hazards.intake.notice.digest", args(day, lines), link, Notice.Severity.INFO, now)));
        if (!all.isEmpty()) {
            for (var supervisor : organisations.ofKind(OrgKind.SUPERVISOR)) {
                notifier.dispatch(new Notice("digest:" + day + ":supervisor:" + supervisor.id(), supervisor.id(), Set.of(Role.SUPERVISOR),
                        "hazards.intake.notice.digest", args(day, all), link, Notice.Severity.INFO, now));
            }
        }
        for (String table : List.of("intake_alert", "intake_finding")) {
            jdbc.sql("update " + table + " set notified_at = :at, digest_day = :d" + UNTOLD).param("at", now.atOffset(ZoneOffset.UTC)).param("d", day)
                    .param("below", below).param("upTo", table.equals("intake_alert") ? upToAlert : upToFinding).update();
        }
        jdbc.sql("update intake_digest set alerts = :a, findings = :f, orgs = :o where digest_date = :d").param("a", alerts).param("f", findings)
                .param("o", byOrg.size()).param("d", day).update();
        return new Sent(day, alerts, findings, byOrg.size());
    }

    /** {0} day, {1} systems, {2} alerts, {3} findings, {4} the lines (at most 20 named). */
    private static List<String> args(LocalDate day, Map<String, int[]> lines) {
        int alerts = lines.values().stream().mapToInt(n -> n[0]).sum();
        int findings = lines.values().stream().mapToInt(n -> n[1]).sum();
        String named = lines.entrySet().stream().limit(20).map(e -> e.getKey() + " 告警 " + e.getValue()[0] + " / 漏洞 " + e.getValue()[1])
                .collect(Collectors.joining("；"));
        if (lines.size() > 20) {
            named += "；…（+" + (lines.size() - 20) + "）";
        }
        return List.of(day.toString(), String.valueOf(lines.size()), String.valueOf(alerts), String.valueOf(findings), named);
    }
}
