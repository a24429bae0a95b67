package cn.govcloud.guard.systems.ledger.internal;

import cn.govcloud.guard.shared.InvalidInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a filing as typed and names every bad field at once (400, nothing stored). The conclusions a kind accepts are
 * those of its rule's evidence form in the catalog (等保: 优 / 良 / 中 / 差; 密评: 符合 / 基本符合 / 不符合), so the ledger and
 * the duty it fulfils never disagree; a report dated in the future is refused (a filing records what happened).
 */
final class FilingCheck {
    static final int MAX_TEXT = 4000;

    private FilingCheck() {
    }

    record Checked(AssessmentKind kind, LocalDate assessedOn, String conclusion, Integer mlpsLevel, String issuer, String reportNumber,
                   LocalDate validUntil, Integer highRisks, String remarks) {
    }

    static Checked check(LedgerService.NewFiling in, int systemLevel, LocalDate today, Cadences cadences, boolean hasDocument) {
        Map<String, String> errors = new LinkedHashMap<>();
        AssessmentKind kind = null;
        try {
            kind = in.kind() == null || in.kind().isBlank() ? null : AssessmentKind.valueOf(in.kind().strip());
        } catch (IllegalArgumentException unknown) {
            // named below
        }
        if (kind == null) {
            errors.put("kind", "systems.ledger.error.kind");
        }
        LocalDate on = date(in.assessedOn(), "assessedOn", true, errors);
        if (on != null && on.isAfter(today)) {
            errors.put("assessedOn", "systems.ledger.error.future");
        }
        String conclusion = text(in.conclusion(), "conclusion", 100, true, errors);
        List<String> options = kind == null ? List.of() : cadences.conclusions(kind);
        if (conclusion != null && !options.isEmpty() && !options.contains(conclusion)) {
            errors.put("conclusion", "systems.ledger.error.conclusion");
        }
        Integer level = null;
        if (in.mlpsLevel() != null && !in.mlpsLevel().isBlank()) {
            try {
                level = Integer.valueOf(in.mlpsLevel().strip());
                if (level < 1 || level > 5) {
                    errors.put("mlpsLevel", "systems.ledger.error.level");
                } else if (kind == AssessmentKind.MLPS && level != systemLevel) {
                    errors.put("mlpsLevel", "systems.ledger.error.levelDiffers");
                }
            } catch (NumberFormatException e) {
                errors.put("mlpsLevel", "systems.ledger.error.level");
            }
        } else if (kind == AssessmentKind.MLPS) {
            errors.put("mlpsLevel", "systems.ledger.error.level");
        }
        String issuer = text(in.issuer(), "issuer", 200, true, errors);
        String number = text(in.reportNumber(), "reportNumber", 100, kind == AssessmentKind.MLPS, errors);
        LocalDate until = date(in.validUntil(), "validUntil", false, errors);
        if (until != null && on != null && !until.isAfter(on)) {
            errors.put("validUntil", "systems.ledger.error.validUntil");
        }
        boolean risksNeeded = kind == AssessmentKind.PENETRATION_TEST || kind == AssessmentKind.RISK_ASSESSMENT;
        Integer risks = null;
        if (in.highRisks() != null && !in.highRisks().isBlank()) {
            try {
                risks = Integer.valueOf(in.highRisks().strip());
                if (risks < 0) {
                    errors.put("highRisks", "systems.ledger.error.highRisks");
                }
            } catch (NumberFormatException e) {
                errors.put("highRisks", "systems.ledger.error.highRisks");
            }
        } else if (risksNeeded) {
            errors.put("highRisks", "systems.ledger.error.highRisks");
        }
        String remarks = text(in.remarks(), "remarks", MAX_TEXT, kind == AssessmentKind.RISK_ASSESSMENT, errors);
        if (!hasDocument) {
            errors.put("document", "systems.ledger.error.document");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.ledger.error.invalid", errors);
        }
        return new Checked(kind, on, conclusion, level, issuer, number, until, risks, remarks);
    }

    private static String text(String value, String field, int max, boolean required, Map<String, String> errors) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.put(field, "systems.ledger.error.required");
            }
            return null;
        }
        if (v.length() > max) {
            errors.put(field, "systems.ledger.error.tooLong");
            return null;
        }
        return v;
    }

    private static LocalDate date(String value, String field, boolean required, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.put(field, "systems.ledger.error.required");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "systems.ledger.error.date");
            return null;
        }
    }
}
