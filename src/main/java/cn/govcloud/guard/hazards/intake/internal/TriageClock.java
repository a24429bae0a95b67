package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.hazards.intake.UnmatchedQueued;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.OrgKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Issue 17 point 5: the triage queue has its own clock (catalog rule {@code A10.1-triage}, event
 * {@code intake.unmatched}). An import (or an alert pushed alone) that leaves something unmatched is
 * one entry and one duty of the provider, due after the rule's time; the duty is fulfilled when
 * nothing of it is left in the queue (assigned, dismissed or matched once the register learnt the
 * address). The triage page shows each item's time left from its entry's queueing time.
 */
@Component
class TriageClock {
    static final String RULE = "A10.1-triage";

    private final JdbcClient jdbc;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final OrganisationDirectory organisations;
    private final RuleCatalog catalog;
    private final WorkingCalendar calendar;

    TriageClock(JdbcClient jdbc, Duties duties, ApplicationEventPublisher events, OrganisationDirectory organisations, RuleCatalog catalog, WorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.duties = duties;
        this.events = events;
        this.organisations = organisations;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    /** After a scan import, in its transaction: its unmatched findings not yet on a clock start one. */
    void scanImported(long importId, Instant now) {
        String ref = "triage:import:" + importId;
        int queued = jdbc.sql("update intake_finding set triage_ref = :ref where state = 'TRIAGE' and triage_ref is null and last_import_id = :imp")
                .param("ref", ref).param("imp", importId).update();
        start(ref, queued, now);
    }

    /** After EVE lines or one generic alert were taken at {@code receivedAt}, in the same transaction. */
    void alertsReceived(String ref, Instant receivedAt, Instant now) {
        int queued = jdbc.sql("update intake_alert set triage_ref = :ref where state = 'TRIAGE' and triage_ref is null "
                        + "and received_at between :from and :to")
                .param("ref", ref).param("from", receivedAt.minusMillis(1).atOffset(ZoneOffset.UTC))
                .param("to", receivedAt.plusMillis(1).atOffset(ZoneOffset.UTC)).update();
        start(ref, queued, now);
    }

    /**
     * Issue 21 point 3: syslog alerts taken at {@code receivedAt} that matched no system join the open syslog entry
     * of this receiver ({@code prefix}), or start one (one duty while it stays open, not one per batch of lines).
     */
    void alertsReceivedJoining(String prefix, Instant receivedAt, Instant now) {
        String open = jdbc.sql("select ref from intake_triage where ref like :prefix and settled_at is null order by queued_at desc")
                .param("prefix", prefix + "%").query(String.class).stream().findFirst().orElse(null);
        String ref = open != null ? open : prefix + now.toEpochMilli() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        int queued = jdbc.sql("update intake_alert set triage_ref = :ref where state = 'TRIAGE' and triage_ref is null "
                        + "and received_at between :from and :to")
                .param("ref", ref).param("from", receivedAt.minusMillis(1).atOffset(ZoneOffset.UTC))
                .param("to", receivedAt.plusMillis(1).atOffset(ZoneOffset.UTC)).update();
        if (open == null) {
            start(ref, queued, now);
        }
    }

    private void start(String ref, int queued, Instant now) {
        if (queued == 0) {
            return;
        }
        jdbc.sql("insert into intake_triage (ref, queued_at) values (:ref, :at)").param("ref", ref).param("at", now.atOffset(ZoneOffset.UTC)).update();
        var provider = organisations.ofKind(OrgKind.PROVIDER).stream().findFirst();
        if (provider.isEmpty()) {
            return;
        }
        Subject platform = new Subject(Rule.SubjectKind.PLATFORM, provider.get().id(), provider.get().name(), provider.get().id(), Map.of());
        // A10.1-triage: the provider assigns or dismisses what matched no system within the catalog's time
        events.publishEvent(new UnmatchedQueued(ref, platform, now));
    }

    /**
     * Fulfils the duty of every entry with nothing left in the queue, in the caller's transaction; one
     * query for the entries, then one fulfilment per entry that emptied (few: an entry is an import).
     */
    int settle(Instant now) {
        List<String> settled = jdbc.sql("select t.ref from intake_triage t where t.settled_at is null "
                        + "and not exists (select 1 from intake_finding f where f.triage_ref = t.ref and f.state = 'TRIAGE') "
                        + "and not exists (select 1 from intake_alert a where a.triage_ref = t.ref and a.state = 'TRIAGE')")
                .query(String.class).list();
        for (String ref : settled) {
            jdbc.sql("update intake_triage set settled_at = :at where ref = :ref and settled_at is null").param("at", now.atOffset(ZoneOffset.UTC))
                    .param("ref", ref).update();
            duties.fulfil(ref, "待分派队列已清空：未匹配的告警和扫描发现均已分派到系统或写明理由忽略");
        }
        return settled.size();
    }

    /** Each queued item's due time (id → due), from its entry's queueing time and the catalog's rule in force. */
    Map<Long, Instant> due(String table, Collection<Long> ids) {
        Map<Long, Instant> due = new HashMap<>();
        Rule rule = catalog.rule(RULE).orElse(null);
        if (ids.isEmpty() || rule == null) {
            return due;
        }
        Map<Instant, Instant> byQueued = new HashMap<>();
        jdbc.sql("select x.id, t.queued_at from " + table + " x join intake_triage t on t.ref = x.triage_ref where x.id in (:ids)")
                .param("ids", ids).query((rs, i) -> Map.entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant())).list()
                .forEach(e -> due.put(e.getKey(), byQueued.computeIfAbsent(e.getValue(), q -> rule.due().afterEvent(calendar, q).dueAt())));
        return due;
    }
}
