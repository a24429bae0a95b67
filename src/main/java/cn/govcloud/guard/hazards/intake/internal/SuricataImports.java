package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.hazards.intake.Intake.AlertSummary;
import cn.govcloud.guard.hazards.intake.parse.EveAlert;
import cn.govcloud.guard.hazards.intake.parse.EveReader;
import cn.govcloud.guard.hazards.intake.parse.MalformedInput;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.systems.Systems;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Suricata EVE lines in (A10.1): read streaming inside one transaction, grouped by flow and signature in
 * batches of {@link #BATCH} ({@link EveGrouping}); a bad body rolls everything back. Serious alerts reach
 * their units at once, the unmatched start the triage clock.
 */
@Service
class SuricataImports {
    static final int BATCH = 5_000;

    private final Imports imports;
    private final Alerts alerts;
    private final Systems systems;
    /** The systems' asset and exposure inventories: alerts and findings match on their ports too (issue 22 point 1). */
    private final cn.govcloud.guard.systems.inventory.AssetInventory inventory;
    private final AlertNotices notices;
    private final TriageClock triageClock;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;
    private final IntakeSettings settings;
    private final TransactionTemplate tx;

    SuricataImports(Imports imports, Alerts alerts, Systems systems, cn.govcloud.guard.systems.inventory.AssetInventory inventory, AlertNotices notices, TriageClock triageClock, AuditLog audit,
                    MessageSource messages, Clock clock, IntakeSettings settings, PlatformTransactionManager transactions) {
        this.imports = imports;
        this.alerts = alerts;
        this.systems = systems;
        this.inventory = inventory;
        this.notices = notices;
        this.triageClock = triageClock;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
        this.settings = settings;
        this.tx = new TransactionTemplate(transactions);
    }

    AlertSummary importSuricata(Actor actor, InputStream eveLines) {
        IntakeAccess.requireAlertWriter(actor);
        Instant now = clock.instant();
        AddressMatcher matcher = new AddressMatcher(systems.addresses(), inventory.endpoints());
        AlertSummary summary;
        try {
            summary = tx.execute(status -> {
                AlertSummary s = read(eveLines, actor, now, matcher);
                notices.receivedAt(now); // A10.1: serious alerts reach their units at once
                triageClock.alertsReceived("triage:import:" + s.importId(), now, now);
                return s;
            });
        } catch (MalformedInput e) {
            audit.record(AuditEvent.of("intake.suricata.import", "alerts", AuditResult.FAILURE, e.getMessage()));
            Locale locale = LocaleContextHolder.getLocale();
            throw new Unprocessable(messages.getMessage("hazards.intake.error.eveRefused", new Object[] {e.render(messages, locale)}, locale));
        }
        audit.record(AuditEvent.success("intake.suricata.import", "import:" + summary.importId(), summary.events() + " events, "
                + summary.alerts() + " alerts: " + summary.newAlerts() + " new, " + summary.grouped() + " grouped, " + summary.unmatched()
                + " unmatched, " + summary.replayed() + " replayed"));
        return summary;
    }

    private AlertSummary read(InputStream in, Actor actor, Instant now, AddressMatcher matcher) {
        long importId = imports.insert("SURICATA", null, actor, now, "DONE", null);
        alerts.stage();
        EveGrouping grouping = new EveGrouping(alerts, matcher, settings.alertWindow(), importId, actor.username(), now);
        List<EveAlert> chunk = new ArrayList<>();
        CountingInputStream bytes = new CountingInputStream(in);
        EveReader.Counts read = EveReader.parse(bytes, settings.maxEveBytes(), alert -> {
            chunk.add(alert);
            if (chunk.size() >= BATCH) {
                grouping.add(chunk);
                chunk.clear();
            }
        });
        grouping.add(chunk);
        imports.finish(importId, null, bytes.count, read.alerts(), grouping.created, grouping.grouped, grouping.unmatched, false, now);
        return new AlertSummary(importId, read.events(), read.alerts(), grouping.created, grouping.grouped, grouping.unmatched, read.skipped(),
                grouping.replayed);
    }
}
