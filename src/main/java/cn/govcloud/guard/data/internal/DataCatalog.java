package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A unit keeps its data catalog (A8.2): data sets of its own systems, checked and graded 就高从严, each change audited. */
@Service
public class DataCatalog {
    private final DatasetStore store;
    private final Systems systems;
    private final DataTexts texts;
    private final AuditLog audit;
    private final Clock clock;

    DataCatalog(DatasetStore store, Systems systems, DataTexts texts, AuditLog audit, Clock clock) {
        this.store = store;
        this.systems = systems;
        this.texts = texts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Field errors (message keys) of a data set; empty when it may be saved. Shared with the Excel import. */
    public Map<String, String> check(NewDataset d, Actor actor) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (d.systemId() == null) {
            errors.put("systemId", "data.error.system");
        } else {
            Optional<SystemRef> system = systems.find(d.systemId());
            if (system.isEmpty() || system.get().orgId() != actor.orgId() || "EXITED".equals(system.get().state())) {
                errors.put("systemId", "data.error.system");
            }
        }
        errors.putAll(DataAsset.fieldErrors(d));
        return errors;
    }

    @Transactional
    public long catalog(NewDataset d) {
        Actor actor = DataChecks.writer();
        DataAsset asset = checked(d, actor, null);
        long id = store.insert(asset, actor.orgId(), DataChecks.now(clock), actor.username());
        audit.record(AuditEvent.success("data.dataset.create", "dataset:" + id, asset.name() + " " + asset.grade()));
        return id;
    }

    /** All or nothing (the Excel import): every set is checked before the first is saved. */
    @Transactional
    public List<Long> catalogAll(List<NewDataset> sets) {
        Actor actor = DataChecks.writer();
        List<Long> ids = new ArrayList<>();
        for (NewDataset d : sets) {
            ids.add(store.insert(checked(d, actor, null), actor.orgId(), DataChecks.now(clock), actor.username()));
        }
        audit.record(AuditEvent.success("data.dataset.import", "org:" + actor.orgId(), ids.size() + " data sets imported"));
        return ids;
    }

    @Transactional
    public void update(long id, NewDataset d) {
        Actor actor = DataChecks.writer();
        Dataset existing = store.find(OrgScope.of(actor), "d.id = :id", Map.of("id", id)).stream().findFirst()
                .orElseThrow(() -> new NotFound("dataset " + id));
        DataAsset asset = checked(d, actor, id);
        store.update(id, asset, DataChecks.now(clock), actor.username());
        audit.record(AuditEvent.success("data.dataset.update", "dataset:" + id, existing.grade() + " → " + asset.grade()));
    }

    private DataAsset checked(NewDataset d, Actor actor, Long except) {
        DataChecks.requireValid(check(d, actor));
        DataAsset asset = DataAsset.graded(d, texts);
        if (store.nameTaken(asset.systemId(), asset.name(), except)) {
            throw new InvalidInput("data.error.invalid", Map.of("name", "data.error.duplicate"));
        }
        return asset;
    }
}
