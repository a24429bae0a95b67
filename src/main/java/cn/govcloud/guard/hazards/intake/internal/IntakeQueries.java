package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.hazards.intake.internal.IntakeService.Page;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the intake pages and API read (A10.1), scoped by {@link IntakeAccess#scope}: findings, alerts and
 * bursts, the imports, the triage queue with each item's due time. Reads never write: a stalled import
 * or an overdue triage item is computed as it is read.
 */
@Service
@Transactional(readOnly = true)
public class IntakeQueries {
    private final Findings findings;
    private final Alerts alerts;
    private final Imports imports;
    private final AlertNotices notices;
    private final TriageClock triageClock;
    private final Systems systems;
    private final Clock clock;

    IntakeQueries(Findings findings, Alerts alerts, Imports imports, AlertNotices notices, TriageClock triageClock, Systems systems, Clock clock) {
        this.findings = findings;
        this.alerts = alerts;
        this.imports = imports;
        this.notices = notices;
        this.triageClock = triageClock;
        this.systems = systems;
        this.clock = clock;
    }

    /** One alert of a burst (issue 24 point 5): what the burst's single notice stands for. */
    public record BurstMember(long id, String title, String severity, int count, Instant firstAt, Instant lastAt) {
    }

    /** The triage queue: what matched no system, oldest first. */
    public record Queue(List<Finding> findings, List<Alert> alerts) {
    }

    /**
     * Issue 17 point 5: when each queued item must be assigned or dismissed (catalog rule A10.1-triage), id → due
     * time; items queued before the triage clock existed have none.
     */
    public record TriageDue(Map<Long, Instant> findings, Map<Long, Instant> alerts) {
    }

    public Page<Finding> findings(Actor actor, Filter f) {
        return page(withNames(findings.table().list(scope(actor), f, systemsNamed(f.q())), Finding::systemId, Finding::named), f.limit(), Finding::id);
    }

    public Optional<Finding> finding(Actor actor, long id) {
        return findings.table().find(scope(actor), id).map(x -> withNames(List.of(x), Finding::systemId, Finding::named).get(0));
    }

    public Page<Alert> alerts(Actor actor, Filter f) {
        return page(withNames(alerts.table().list(scope(actor), f, systemsNamed(f.q())), Alert::systemId, Alert::named), f.limit(), Alert::id);
    }

    public Optional<Alert> alert(Actor actor, long id) {
        return alerts.table().find(scope(actor), id).map(x -> withNames(List.of(x), Alert::systemId, Alert::named).get(0));
    }

    /** The burst the alert belongs to, when the reader may see the alert; empty when it is in none. */
    public List<BurstMember> burst(Actor actor, long alertId) {
        return alert(actor, alertId).map(a -> notices.burstOf(alertId)).orElse(List.of());
    }

    /** Imports are the provider's and the supervisor's work records; regulators read them too. */
    public Page<ImportRecord> imports(Actor actor, Long before, int limit) {
        IntakeAccess.requireImportReader(actor);
        int size = limit <= 0 ? 50 : Math.min(limit, 200);
        return page(imports.list(before, size), size, ImportRecord::id);
    }

    /** One import, for whoever may read the imports. */
    public Optional<ImportRecord> importRecord(Actor actor, long id) {
        IntakeAccess.requireImportReader(actor);
        return imports.find(id);
    }

    public Queue triage(Actor actor, int limit) {
        IntakeAccess.requireTriager(actor);
        int size = limit <= 0 ? 100 : Math.min(limit, 500);
        return new Queue(findings.table().inTriage(size), alerts.table().inTriage(size));
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

    /** The systems whose name holds the keyword (names live in the systems module), none without a keyword. */
    private List<Long> systemsNamed(String q) {
        if (q == null) {
            return List.of();
        }
        String needle = q.toLowerCase(java.util.Locale.ROOT);
        return assignableSystems().stream().filter(s -> s.name().toLowerCase(java.util.Locale.ROOT).contains(needle))
                .map(Systems.SystemRef::id).toList();
    }

    public boolean mayTriage(Actor actor) {
        return IntakeAccess.mayTriage(actor);
    }

    /** The platform's clock (pages show time left against it). */
    public Instant now() {
        return clock.instant();
    }

    public Duration burstWindow() {
        return notices.window();
    }

    private static OrgScope scope(Actor actor) {
        return IntakeAccess.scope(actor);
    }

    private static <T> Page<T> page(List<T> rows, int limit, Function<T, Long> id) {
        if (rows.size() > limit) {
            List<T> items = rows.subList(0, limit);
            return new Page<>(List.copyOf(items), id.apply(items.get(items.size() - 1)));
        }
        return new Page<>(rows, null);
    }

    /** The systems' names in one call for the whole page (no query per row). */
    private <T> List<T> withNames(List<T> rows, Function<T, Long> systemId, BiFunction<T, String, T> named) {
        Set<Long> ids = rows.stream().map(systemId).filter(Objects::nonNull).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return rows;
        }
        Map<Long, String> names = new HashMap<>();
        systems.find(ids).forEach(s -> names.put(s.id(), s.name()));
        return rows.stream().map(r -> systemId.apply(r) == null ? r : named.apply(r, names.get(systemId.apply(r)))).toList();
    }
}
