package cn.govcloud.guard.hazards.intake.parse;

import java.time.Instant;

/**
 * One Suricata EVE {@code alert} event.
 *
 * @param severity    Suricata's 1 (highest) to 3 (lowest); other values are kept as they come
 * @param communityId the Community ID flow hash when the sensor writes it, else null
 */
public record EveAlert(Instant timestamp, Long flowId, String communityId, String srcIp, Integer srcPort, String destIp,
                       Integer destPort, String proto, long signatureId, String signature, int severity, String category,
                       String action) {

    /** Suricata's 1 is the most severe. */
    public Severity level() {
        if (severity <= 1) {
            return Severity.HIGH;
        }
        return severity == 2 ? Severity.MEDIUM : Severity.LOW;
    }
}
