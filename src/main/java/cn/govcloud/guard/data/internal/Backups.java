package cn.govcloud.guard.data.internal;

import static cn.govcloud.guard.data.internal.DataChecks.blank;
import static cn.govcloud.guard.data.internal.DataChecks.range;
import static cn.govcloud.guard.data.internal.DataChecks.required;
import static cn.govcloud.guard.data.internal.DataChecks.text;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.data.DataSecurity.Location;
import cn.govcloud.guard.data.DataSecurity.NewBackup;
import cn.govcloud.guard.data.DataSecurity.NewPolicy;
import cn.govcloud.guard.data.DataSecurity.NewRestoreTest;
import cn.govcloud.guard.data.DataSecurity.Result;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A unit sets the backup policies of its systems and data sets and records backup runs and restore tests (A7.1, A8.2). */
@Service
public class Backups {
    private final BackupStore store;
    private final DatasetStore datasets;
    private final Systems systems;
    private final AuditLog audit;
    private final Clock clock;

    Backups(BackupStore store, DatasetStore datasets, Systems systems, AuditLog audit, Clock clock) {
        this.store = store;
        this.datasets = datasets;
        this.systems = systems;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public long setPolicy(NewPolicy p) {
        Actor actor = DataChecks.writer();
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = p.systemId();
        if (p.datasetId() != null) {
            Optional<Dataset> d = datasets.find(OrgScope.of(actor), "d.id = :id", Map.of("id", p.datasetId())).stream().findFirst();
            if (d.isEmpty()) {
                errors.put("datasetId", "data.error.dataset");
            } else {
                systemId = d.get().systemId();
            }
        } else if (systemId == null || systems.find(systemId).filter(s -> s.orgId() == actor.orgId()).isEmpty()) {
            errors.put("systemId", "data.error.system");
        }
        required(errors, "localCopy", p.localCopy());
        required(errors, "offsiteCopy", p.offsiteCopy());
        if (Boolean.TRUE.equals(p.offsiteCopy()) && blank(p.offsiteLocation())) {
            errors.put("offsiteLocation", "data.error.offsiteLocation");
        }
        text(errors, "offsiteLocation", p.offsiteLocation(), 300, false);
        range(errors, "everyHours", p.everyHours(), 1, 8784, true);
        range(errors, "retentionDays", p.retentionDays(), 1, 36600, true);
        range(errors, "rtoHours", p.rtoHours(), 0, 8784, true);
        range(errors, "rpoHours", p.rpoHours(), 0, 8784, true);
        DataChecks.requireValid(errors);
        long id = store.savePolicy(actor.orgId(), systemId, p, DataChecks.now(clock), actor.username());
        audit.record(AuditEvent.success("data.backup-policy.set", "backup-policy:" + id,
                "system " + systemId + (p.datasetId() == null ? "" : " dataset " + p.datasetId()) + " local " + p.localCopy() + " offsite "
                        + p.offsiteCopy() + " every " + p.everyHours() + "h retention " + p.retentionDays() + "d RTO " + p.rtoHours()
                        + "h RPO " + p.rpoHours() + "h"));
        return id;
    }

    @Transactional
    public long recordBackup(long policyId, NewBackup b) {
        Actor actor = DataChecks.writer();
        Policy policy = ownPolicy(policyId, actor);
        Map<String, String> errors = runErrors("ranAt", b.ranAt(), b.result(), b.location(), b.note());
        if (b.sizeBytes() != null && b.sizeBytes() < 0) {
            errors.put("sizeBytes", "data.error.size");
        }
        text(errors, "locationDetail", b.locationDetail(), 300, false);
        DataChecks.requireValid(errors);
        long id = store.insertBackup(policy, b, DataChecks.now(clock), actor.username());
        audit.record(AuditEvent.success("data.backup.record", "backup-policy:" + policyId,
                b.result() + " " + b.location() + " at " + b.ranAt() + (b.sizeBytes() == null ? "" : " " + b.sizeBytes() + " bytes")));
        return id;
    }

    @Transactional
    public long recordRestoreTest(long policyId, NewRestoreTest t) {
        Actor actor = DataChecks.writer();
        Policy policy = ownPolicy(policyId, actor);
        Map<String, String> errors = runErrors("testedAt", t.testedAt(), t.result(), t.location(), t.note());
        range(errors, "recoveredMinutes", t.recoveredMinutes(), 0, 1_000_000, false);
        DataChecks.requireValid(errors);
        long id = store.insertRestoreTest(policy, t, DataChecks.now(clock), actor.username());
        audit.record(AuditEvent.success("data.restore-test.record", "backup-policy:" + policyId,
                t.result() + " " + t.location() + " at " + t.testedAt()));
        return id;
    }

    /** What a backup run and a restore test both need: a time not in the future (5 minutes' leeway), a result, a location. */
    private Map<String, String> runErrors(String timeField, Instant at, Result result, Location location, String note) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (at == null || at.isAfter(clock.instant().plusSeconds(300))) {
            errors.put(timeField, "data.error.time");
        }
        required(errors, "result", result);
        required(errors, "location", location);
        text(errors, "note", note, 1000, false);
        return errors;
    }

    private Policy ownPolicy(long policyId, Actor actor) {
        return store.policies(OrgScope.of(actor), "p.id = :id", Map.of("id", policyId)).stream().filter(p -> p.orgId() == actor.orgId())
                .findFirst().orElseThrow(() -> new NotFound("backup policy " + policyId));
    }
}
