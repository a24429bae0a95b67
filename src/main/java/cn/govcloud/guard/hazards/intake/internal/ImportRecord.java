package cn.govcloud.guard.hazards.intake.internal;

import java.time.Instant;

/**
 * An import as it stands (issue 24 point 7): RUNNING with how far it has got — results read, stored, bytes
 * read of the file's total, percent and an estimate of the seconds left — then DONE with its counts or FAILED
 * with the reason in the reader's language.
 */
public record ImportRecord(long id, String format, String filename, long bytes, int results, int newCount, int updated, int unmatched,
                           Instant importedAt, String importedBy, String status, Long totalBytes, int stored, Integer percent,
                           Long etaSeconds, Instant finishedAt, String error) {
    public boolean running() {
        return "RUNNING".equals(status);
    }
}
