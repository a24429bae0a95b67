package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.hazards.intake.Intake;
import cn.govcloud.guard.shared.Actor;
import java.io.InputStream;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The intake as other modules call it ({@link Intake}): each call acts as the signed-in actor and goes to
 * its use case — {@link ScanImports}, {@link SuricataImports}, {@link AlertIntake}. The pages and the API
 * call the use cases ({@link Triage}, {@link IntakeQueries} …) directly.
 */
@Service
public class IntakeService implements Intake {
    private final ScanImports scans;
    private final SuricataImports suricata;
    private final AlertIntake alerts;

    private final IntakeQueries queries;

    IntakeService(ScanImports scans, SuricataImports suricata, AlertIntake alerts, IntakeQueries queries) {
        this.queries = queries;
        this.scans = scans;
        this.suricata = suricata;
        this.alerts = alerts;
    }

    /** A page of a list: {@code next} is the cursor for {@code before=}, null on the last page. */
    public record Page<T>(List<T> items, Long next) {
    }

    @Override
    public ImportSummary importScan(String filename, InputStream report) {
        return scans.importScan(Actor.require(), filename, report);
    }

    @Override
    public AlertSummary importSuricata(InputStream eveLines) {
        return suricata.importSuricata(Actor.require(), eveLines);
    }

    @Override
    public long recordAlert(NewAlert alert) {
        return alerts.record(Actor.require(), alert);
    }

    @Override
    public java.util.Optional<AlertInfo> alertOf(Actor actor, long id) {
        return queries.alert(actor, id).map(a -> new AlertInfo(a.id(), a.title(), a.severity(), a.source(), a.address(), a.systemId(),
                a.systemName(), a.orgId(), a.state(), a.firstAt(), a.lastAt(), a.count(), a.hazardId()));
    }
}
