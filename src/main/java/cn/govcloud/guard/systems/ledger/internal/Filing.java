package cn.govcloud.guard.systems.ledger.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One filing of the ledger. {@code source}: ADMISSION (the 等保 certificate verified at admission), LEDGER (filed on
 * the ledger) or DUTY (filed as the evidence of the year's A7.2 duty); {@code dutyId} the duty it fulfilled, if any.
 */
public record Filing(long id, long systemId, AssessmentKind kind, LocalDate assessedOn, String conclusion, Integer mlpsLevel,
                     String issuer, String reportNumber, LocalDate validUntil, Long documentId, Integer highRisks, String remarks,
                     String source, Long dutyId, Instant recordedAt, String recordedBy) {
}
