package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.internal.Verification.ItemDetails;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.SystemRegistration.Registration;
import cn.govcloud.guard.systems.internal.HostedSystem.Switch;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The public {@link Systems} API over the register's use cases. */
@Component
class SystemsFacade implements Systems {
    private final SystemRegistration registration;
    private final Admission admission;
    private final Verification verification;
    private final Protections protections;
    private final Suspensions suspensions;
    private final SystemRepository systems;
    private final JdbcClient jdbc;
    private final WorkOrders workOrders;
    private final CriticalInfrastructure cii;
    private final Classification classification;

    SystemsFacade(SystemRegistration registration, Admission admission, Verification verification, Protections protections,
                  Suspensions suspensions, SystemRepository systems, JdbcClient jdbc, WorkOrders workOrders, CriticalInfrastructure cii,
                  Classification classification) {
        this.classification = classification;
        this.systems = systems;
        this.registration = registration;
        this.admission = admission;
        this.verification = verification;
        this.protections = protections;
        this.suspensions = suspensions;
        this.jdbc = jdbc;
        this.workOrders = workOrders;
        this.cii = cii;
    }

    @Override
    public boolean criticalInfrastructure(long id) {
        return cii.isCii(id);
    }

    @Override
    public List<Long> openWorkOrders(long id) {
        return jdbc.sql("select id from systems_work_order where system_id = :s and state = 'OPEN' order by id").param("s", id)
                .query(Long.class).list();
    }

    @Override
    public void confirmWorkOrder(long workOrderId, String executedBy, java.time.Instant executedAt, String changes) {
        workOrders.confirm(workOrderId, new WorkOrders.Confirmation(executedBy, executedAt, changes), null, null);
    }

    @Override
    public long register(NewSystem s) {
        return registration.register(new Registration(s.name(), s.purpose(), s.mlpsLevel(), s.filingNumber(), s.responsibleName(),
                s.responsibleMobile(), s.exposure(), s.addresses())).id();
    }

    @Override
    public void uploadAgreement(long id, String agreementNumber, String unitSignatory, String providerSignatory, LocalDate signedOn,
                                String filename, InputStream file) {
        admission.uploadAgreement(id, agreementNumber, unitSignatory, providerSignatory, signedOn, filename, file);
    }

    @Override
    public void uploadItem(long id, String kind, String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil,
                           String filename, InputStream file) {
        verification.uploadItem(id, ItemKind.valueOf(kind), new ItemDetails(certNumber, certDate, conclusion, validUntil), filename, file);
    }

    @Override
    public void uploadItem(long id, String kind, String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil, Integer certLevel,
                           String filename, InputStream file) {
        verification.uploadItem(id, ItemKind.valueOf(kind), new ItemDetails(certNumber, certDate, conclusion, validUntil, certLevel), filename, file);
    }

    @Override
    public void declareProtection(long id, String measure, boolean present, String detail) {
        protections.declareProtection(id, Protections.Measure.valueOf(measure), present, detail, null, null);
    }

    @Override
    public void identifyCriticalInfrastructure(long id, String protectionDepartment) {
        cii.record(id, true, protectionDepartment, cn.govcloud.guard.shared.Actor.require());
    }

    @Override
    public void declareNonClassified(long id, String declarant) {
        classification.declare(id, true, declarant, cn.govcloud.guard.shared.Actor.require());
    }

    @Override
    public void requestAdmission(long id) {
        admission.requestAdmission(id);
    }

    @Override
    public void reviewItem(long id, String kind, boolean accept, String reason) {
        verification.reviewItem(id, ItemKind.valueOf(kind), accept, reason);
    }

    @Override
    public void admit(long id) {
        admission.admit(id);
    }

    @Override
    public void setInternetAccess(long id, boolean on) {
        admission.setSwitch(id, Switch.INTERNET_ACCESS, on, on ? "经准入核验后开通" : null);
    }

    @Override
    public void setExternalExchange(long id, boolean on) {
        admission.setSwitch(id, Switch.EXTERNAL_EXCHANGE, on, on ? "经准入核验后开通" : null);
    }

    @Override
    public void suspend(long id, String reason) {
        suspensions.suspend(id, reason);
    }

    @Override
    public Optional<SystemRef> find(long id) {
        return find(List.of(id)).stream().findFirst();
    }

    @Override
    public List<SystemRef> ofOrganisation(long orgId) {
        return systems.refs("org_id = :org and state <> 'EXITED' order by name, id", Map.of("org", orgId));
    }

    @Override
    public List<SystemRef> find(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : systems.refs("id in (:ids)", Map.of("ids", List.copyOf(new LinkedHashSet<>(ids))));
    }

    @Override
    public List<SystemRef> onPlatform() {
        return systems.refs("state in ('ADMITTED','SUSPENDED','EXIT_ORDERED') order by org_id, id", Map.of());
    }

    @Override
    public List<Address> addresses() {
        return systems.addresses();
    }
}
