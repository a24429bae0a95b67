package cn.govcloud.guard.hazards.intake;

import java.io.InputStream;
import java.time.Instant;

/**
 * What other modules (the demo city) may ask of the intake. Every call acts as the signed-in actor,
 * with the same checks as the API: the provider or the supervisor imports scans, the provider's
 * monitoring (or a token with {@code alerts:write}) pushes alerts.
 */
public interface Intake {

    /** The answer to a scan import (API.md): counts of results, new and updated findings, and those matching no system. */
    record ImportSummary(long importId, String format, int results, int newFindings, int updated, int unmatched) {
    }

    /**
     * The answer to a batch of Suricata EVE lines; {@code replayed}: alert events taken before (the same flow,
     * timestamp and signature, in this body or an earlier one), not counted again (issue 24 point 6).
     */
    record AlertSummary(long importId, long events, long alerts, int newAlerts, int grouped, int unmatched, long skipped, int replayed) {
    }

    /** A generic monitoring alert: the system by id or by one of its addresses (IP or domain). */
    record NewAlert(Long systemId, String address, String title, String severity, Instant occurredAt, String detail) {
    }

    /** Imports a whole scan report (the format is read from the content), or nothing at all. */
    ImportSummary importScan(String filename, InputStream report);

    /** Imports Suricata EVE JSON lines ({@code event_type} alert), grouped by flow and signature, or nothing at all. */
    AlertSummary importSuricata(InputStream eveLines);

    /** Records one generic alert; returns its id. */
    long recordAlert(NewAlert alert);

    /**
     * An alert as the platform's integrations see it (issue 21 point 5: 「开工单」 on an alert). {@code orgId}: the matched
     * system's unit, null while the alert matches no system.
     */
    record AlertInfo(long id, String title, String severity, String source, String address, Long systemId, String systemName, Long orgId,
                     String state, Instant firstAt, Instant lastAt, int count, Long hazardId) {
    }

    /** The alert if the actor may see it (A4: a unit only its own systems' alerts). */
    java.util.Optional<AlertInfo> alertOf(cn.govcloud.guard.shared.Actor actor, long id);
}
