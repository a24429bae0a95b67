package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pages and the API read of the data catalog, backups and the cross-border register, scoped
 * with {@link OrgScope}: a unit sees its own; the supervisor and the regulators all; the provider has
 * no rows here (it holds no unit's data catalog, and the pages and API do not admit it).
 */
@Service
@Transactional(readOnly = true)
public class DataQueries {
    private final DatasetStore datasets;
    private final BackupStore backups;
    private final TransferStore transfers;
    private final DataNames names;
    private final Systems systems;
    private final Clock clock;

    DataQueries(DatasetStore datasets, BackupStore backups, TransferStore transfers, DataNames names, Systems systems, Clock clock) {
        this.clock = clock;
        this.datasets = datasets;
        this.backups = backups;
        this.transfers = transfers;
        this.names = names;
        this.systems = systems;
    }

    public List<Dataset> datasets(Actor actor) {
        return datasets.find(OrgScope.of(actor), "1=1", Map.of());
    }

    /** One page of the catalog the actor may see, as {@code search} asks (issue 23 point 11). */
    public Page<Dataset> datasets(Actor actor, DataSearch search) {
        return datasets.page(OrgScope.of(actor), search, false);
    }

    /** One page of the important and core data the actor may see (A8.2): descriptions only, as {@code search} asks. */
    public Page<Dataset> importantCatalog(Actor actor, DataSearch search) {
        return datasets.page(OrgScope.of(actor), search, true);
    }

    public Optional<Dataset> dataset(long id, Actor actor) {
        return datasets.find(OrgScope.of(actor), "d.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** The actor's unit's systems to choose from (empty for anyone else). */
    public List<SystemRef> ownSystems(Actor actor) {
        return actor.orgKind() == OrgKind.UNIT ? systems.ofOrganisation(actor.orgId()) : List.of();
    }

    public List<Policy> policies(Actor actor) {
        return backups.policies(OrgScope.of(actor), "1=1", Map.of());
    }

    public Optional<Policy> policy(long id, Actor actor) {
        return backups.policies(OrgScope.of(actor), "p.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** The runs of a policy; the caller has checked the actor may see the policy. */
    public List<Backup> backups(long policyId) {
        return backups.backups(policyId);
    }

    /** The restore tests of a policy; the caller has checked the actor may see the policy. */
    public List<RestoreTest> restoreTests(long policyId) {
        return backups.restoreTests(policyId);
    }

    Map<Long, Instant> lastSuccessfulBackups(Actor actor) {
        return backups.lastSuccessfulBackups(OrgScope.of(actor));
    }

    Map<Long, List<RestoreTest>> restoreTestsInScope(Actor actor) {
        return backups.restoreTestsByPolicy(OrgScope.of(actor));
    }

    Map<Long, String> orgNames() {
        return names.orgNames();
    }

    public List<Transfer> transfers(Actor actor) {
        return transfers.find(OrgScope.of(actor), "1=1", Map.of());
    }

    /** One page of the cross-border register the actor may see (A8.3), as {@code search} asks; "due" counts in Beijing days. */
    public Page<Transfer> transfers(Actor actor, DataSearch search) {
        return transfers.page(OrgScope.of(actor), search, LocalDate.now(clock.withZone(WorkingCalendar.ZONE)));
    }

    public Optional<Transfer> transfer(long id, Actor actor) {
        return transfers.find(OrgScope.of(actor), "t.id = :id", Map.of("id", id)).stream().findFirst();
    }
}
