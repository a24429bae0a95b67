package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.internal.SystemService.ItemDetails;
import cn.govcloud.guard.systems.internal.SystemService.ItemKind;
import cn.govcloud.guard.systems.internal.SystemService.Registration;
import cn.govcloud.guard.systems.internal.SystemService.Switch;
import java.io.InputStream;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** The public {@link Systems} API over the aggregate's service. */
@Component
class SystemsFacade implements Systems {
    private final SystemService service;

    SystemsFacade(SystemService service) {
        this.service = service;
    }

    @Override
    public long register(NewSystem s) {
        return service.register(new Registration(s.name(), s.purpose(), s.mlpsLevel(), s.filingNumber(), s.responsibleName(),
                s.responsibleMobile(), s.exposure(), s.addresses())).id();
    }

    @Override
    public void uploadAgreement(long id, String agreementNumber, String unitSignatory, String providerSignatory, LocalDate signedOn,
                                String filename, InputStream file) {
        service.uploadAgreement(id, agreementNumber, unitSignatory, providerSignatory, signedOn, filename, file);
    }

    @Override
    public void uploadItem(long id, String kind, String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil,
                           String filename, InputStream file) {
        service.uploadItem(id, ItemKind.valueOf(kind), new ItemDetails(certNumber, certDate, conclusion, validUntil), filename, file);
    }

    @Override
    public void requestAdmission(long id) {
        service.requestAdmission(id);
    }

    @Override
    public void reviewItem(long id, String kind, boolean accept, String reason) {
        service.reviewItem(id, ItemKind.valueOf(kind), accept, reason);
    }

    @Override
    public void admit(long id) {
        service.admit(id);
    }

    @Override
    public void setInternetAccess(long id, boolean on) {
        service.setSwitch(id, Switch.INTERNET_ACCESS, on, null);
    }

    @Override
    public void setExternalExchange(long id, boolean on) {
        service.setSwitch(id, Switch.EXTERNAL_EXCHANGE, on, null);
    }

    @Override
    public void suspend(long id, String reason) {
        service.suspend(id, reason);
    }
}
