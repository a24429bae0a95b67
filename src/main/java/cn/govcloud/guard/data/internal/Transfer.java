package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered cross-border transfer (A8.3) of a catalogued data set; it guards the progress of its
 * compliance basis: a basis and a status are always named, an approval carries its validity, and a
 * withdrawn registration is final (a renewed transfer is registered anew).
 */
public record Transfer(long id, long orgId, String orgName, long datasetId, String datasetName, Grade datasetGrade, String recipient,
                       String country, String purpose, LegalBasis legalBasis, TransferStatus status, LocalDate validUntil,
                       Instant recordedAt, String recordedBy) {

    /** Field errors (message keys) of a basis's state, for a new registration and for its progress alike. */
    static Map<String, String> basisErrors(LegalBasis basis, TransferStatus status, LocalDate validUntil) {
        Map<String, String> errors = new LinkedHashMap<>();
        DataChecks.required(errors, "legalBasis", basis);
        DataChecks.required(errors, "status", status);
        if (status == TransferStatus.APPROVED && validUntil == null) {
            errors.put("validUntil", "data.error.validUntil");
        }
        return errors;
    }

    /** A8.3: the basis moves on (e.g. the assessment approved, with its validity); refused once withdrawn. */
    void requireProgress(LegalBasis basis, TransferStatus next, LocalDate until) {
        DataChecks.requireValid(basisErrors(basis, next, until));
        if (status == TransferStatus.WITHDRAWN && next != TransferStatus.WITHDRAWN) {
            throw new RuleViolation("A8.3", "data.error.transferWithdrawn");
        }
    }
}
