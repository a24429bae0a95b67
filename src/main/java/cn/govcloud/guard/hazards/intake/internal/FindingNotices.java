package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Issue 17 point 5 (A10.1 "发现…安全漏洞…应当立即告知"): a scan finding matched to a system is a
 * vulnerability and follows the alerts' path. At or above the catalog's immediate-notice severity
 * it reaches the owning unit and the supervisor at once — one notice per system and import listing
 * the findings, the provider's notice duty ({@code A10.1-alert-notification}) raised and fulfilled
 * by it, and the unit's acknowledgement duty ({@code A10.1-alert-acknowledgement}); below it, the
 * daily digest tells them ({@link AlertDigest}). A finding is told once ({@code notified_at}): a
 * re-import of the same scan pages nobody again.
 */
@Component
class FindingNotices {
    /**
     * The severity words inside the one summary argument (issue 23 point 4): the summary is a single text, so it carries
     * the platform's Chinese words (those of hazards.severity.*) rather than a label each reader's language resolves.
     */
    private static final Map<String, String> SEVERITY_WORDS = Map.of("CRITICAL", "紧急", "HIGH", "高危", "MEDIUM", "中危", "LOW", "低危");

    private final JdbcClient jdbc;
    private final ToldAtOnce told;
    private final Systems systems;
    private final RuleCatalog catalog;

    FindingNotices(JdbcClient jdbc, ToldAtOnce told, Systems systems, RuleCatalog catalog) {
        this.jdbc = jdbc;
        this.told = told;
        this.systems = systems;
        this.catalog = catalog;
    }

    /** Findings of one name and severity on one system (a scan's findings are told folded, set-based). */
    private record Told(long systemId, String name, String severity, int count) {
    }

    private static final String UNTOLD = " from intake_finding where system_id is not null and state = 'OPEN' and notified_at is null "
            + "and severity in (:serious) ";

    /** The serious findings of an import (new, or matched now), in its transaction. */
    void imported(long importId, Instant now) {
        tell(UNTOLD + "and last_import_id = :key", importId, "findings:" + importId, now);
    }

    /** One finding assigned to a system from the triage queue. */
    void matched(long findingId, Instant now) {
        tell(UNTOLD + "and id = :key", findingId, "finding:" + findingId, now);
    }

    private void tell(String where, long key, String prefix, Instant now) {
        List<String> serious = AlertNotices.immediate(catalog);
        List<Told> findings = jdbc.sql("select system_id, name, severity, count(*)" + where + " group by system_id, name, severity "
                        + "order by system_id, count(*) desc, name").param("serious", serious).param("key", key)
                .query((rs, i) -> new Told(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list();
        if (findings.isEmpty()) {
            return;
        }
        Map<Long, List<Told>> bySystem = findings.stream().collect(Collectors.groupingBy(Told::systemId, LinkedHashMap::new, Collectors.toList()));
        Map<Long, Systems.SystemRef> refs = systems.find(bySystem.keySet()).stream().collect(Collectors.toMap(Systems.SystemRef::id, Function.identity()));
        List<Long> supervisors = told.supervisors();
        bySystem.forEach((systemId, list) -> {
            Systems.SystemRef system = refs.get(systemId);
            if (system == null) {
                return;
            }
            String ref = prefix.startsWith("finding:") ? prefix : prefix + ":" + systemId;
            boolean critical = list.stream().anyMatch(f -> f.severity().equals("CRITICAL"));
            Map<String, Integer> names = new LinkedHashMap<>();
            list.forEach(f -> names.merge(f.name() + "（" + SEVERITY_WORDS.getOrDefault(f.severity(), f.severity()) + "）", f.count(), Integer::sum));
            List<String> args = List.of(system.name(), Notice.label("hazards.severity." + (critical ? "CRITICAL" : list.get(0).severity())),
                    String.valueOf(list.stream().mapToInt(Told::count).sum()), AlertNotices.summary(names));
            told.tell(ref, system, supervisors, "hazards.intake.notice.findings", args, "/intake/findings?systemId=" + systemId + "&state=OPEN",
                    critical, "漏洞已立即送达系统所属单位和市大数据中心（站内信 " + ref + ":unit，并按各单位设置发送邮件、群机器人）", now);
        });
        jdbc.sql("update intake_finding set notified_at = :at " + where.substring(" from intake_finding".length()))
                .param("at", now.atOffset(ZoneOffset.UTC)).param("serious", serious).param("key", key).update();
    }
}
