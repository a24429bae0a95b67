package cn.govcloud.guard.data.internal;

import static cn.govcloud.guard.data.internal.DataChecks.text;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.data.DataExportRegistered;
import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.NewTransfer;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A unit registers the cross-border transfers of its catalogued data and the progress of their compliance basis (A8.3). */
@Service
public class CrossBorder {
    private final TransferStore store;
    private final DatasetStore datasets;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    CrossBorder(TransferStore store, DatasetStore datasets, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.store = store;
        this.datasets = datasets;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public long registerTransfer(NewTransfer t) {
        Actor actor = DataChecks.writer();
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Dataset> dataset = t.datasetId() == null ? Optional.empty()
                : datasets.find(OrgScope.of(actor), "d.id = :id", Map.of("id", t.datasetId())).stream().findFirst();
        if (dataset.isEmpty() || dataset.get().orgId() != actor.orgId()) {
            errors.put("datasetId", "data.error.dataset");
        }
        text(errors, "recipient", t.recipient(), 200, true);
        text(errors, "country", t.country(), 100, true);
        text(errors, "purpose", t.purpose(), 1000, true);
        errors.putAll(Transfer.basisErrors(t.legalBasis(), t.status(), t.validUntil()));
        DataChecks.requireValid(errors);
        long id = store.insert(actor.orgId(), t, DataChecks.now(clock), actor.username());
        Dataset d = dataset.get();
        // A8.3: the catalog's duty to record the compliance basis
        events.publishEvent(new DataExportRegistered(id, d.systemId(), d.systemName(), d.orgId(), d.grade().catalogGrade(), clock.instant()));
        audit.record(AuditEvent.success("data.transfer.register", "data-transfer:" + id,
                d.name() + " → " + t.recipient().strip() + " (" + t.country().strip() + ") " + t.legalBasis() + " " + t.status()));
        return id;
    }

    /** A8.3: the basis's progress (e.g. the assessment approved, with its validity). */
    @Transactional
    public void updateTransfer(long id, LegalBasis basis, TransferStatus status, LocalDate validUntil) {
        Actor actor = DataChecks.writer();
        Transfer t = store.find(OrgScope.of(actor), "t.id = :id", Map.of("id", id)).stream().filter(x -> x.orgId() == actor.orgId())
                .findFirst().orElseThrow(() -> new NotFound("data transfer " + id));
        t.requireProgress(basis, status, validUntil);
        store.updateBasis(id, basis, status, validUntil, DataChecks.now(clock), actor.username());
        audit.record(AuditEvent.success("data.transfer.update", "data-transfer:" + id,
                t.legalBasis() + "/" + t.status() + " → " + basis + "/" + status + (validUntil == null ? "" : " until " + validUntil)));
    }
}
