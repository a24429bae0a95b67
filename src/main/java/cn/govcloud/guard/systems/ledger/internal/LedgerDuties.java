package cn.govcloud.guard.systems.ledger.internal;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Recording the yearly report fulfils the yearly duty (no second filing)" (issue 17 point 9, A7.2): a filing of the
 * ledger closes the open A7.2 duty of its kind whose year it is dated in, with the filing's evidence in the rule's
 * form, and names that duty — one record, not two. The other way round ({@link LedgerService#onDutySubmitted}) a
 * report filed as the duty's evidence is written to the ledger.
 */
@Component
class LedgerDuties {
    private final Duties duties;
    private final Filings filings;

    LedgerDuties(Duties duties, Filings filings) {
        this.duties = duties;
        this.filings = filings;
    }

    /** Fulfils the open duty of the filing's kind and year for its system, if there is one; returns its id. */
    Optional<Long> fulfil(Filing filing, String filename) {
        for (String ruleId : filing.kind().ruleIds()) {
            for (Duty duty : duties.ofSubjectAndRule(SubjectKind.SYSTEM, filing.systemId(), ruleId)) {
                if (duty.state().awaitsSubmission() && covers(duty, filing.assessedOn()) && close(duty, filing, filename)) {
                    return Optional.of(duty.id());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The duties of this year raised after a filing was recorded (the generator raises a year's duty for a system
     * admitted that year on its next run): each is fulfilled by the system's unlinked filing of that year. Idempotent.
     */
    @Transactional
    int reconcile(LocalDate today) {
        LocalDate year = today.withDayOfYear(1);
        int closed = 0;
        for (AssessmentKind kind : AssessmentKind.values()) {
            for (String ruleId : kind.ruleIds()) {
                Map<Long, Duty> open = duties.ofRuleAndPeriod(ruleId, year).stream()
                        .filter(d -> d.subjectKind() == SubjectKind.SYSTEM && d.state().awaitsSubmission())
                        .collect(Collectors.toMap(Duty::subjectId, d -> d, (a, b) -> a));
                Map<Long, Filing> first = new LinkedHashMap<>();
                for (Filing f : filings.unlinked(open.keySet(), kind, year, year.plusYears(1))) {
                    first.putIfAbsent(f.systemId(), f);
                }
                for (Filing f : first.values()) {
                    if (close(open.get(f.systemId()), f, null)) {
                        closed++;
                    }
                }
            }
        }
        return closed;
    }

    private boolean close(Duty duty, Filing filing, String filename) {
        List<Duties.Filed> documents = filing.documentId() == null ? List.of()
                : List.of(new Duties.Filed(AssessmentKind.REPORT_SLOT, filing.documentId(), filename == null ? "report" : filename));
        boolean closed = duties.fulfil(duty.id(), fields(filing), documents,
                "测评台账第 " + filing.id() + " 号记录（" + filing.kind().label() + " " + filing.assessedOn() + "）");
        if (closed) {
            filings.link(filing.id(), duty.id());
        }
        return closed;
    }

    /** A yearly duty covers the filings dated in its year. */
    static boolean covers(Duty duty, LocalDate date) {
        return duty.periodStart() != null && !date.isBefore(duty.periodStart()) && date.isBefore(duty.periodStart().plusYears(1));
    }

    /** The filing in the field names of the kind's rule form (catalog.yaml, A7.2-*). */
    static Map<String, String> fields(Filing f) {
        Map<String, String> m = new LinkedHashMap<>();
        String date = f.assessedOn().toString();
        switch (f.kind()) {
            case MLPS -> {
                put(m, "agency", f.issuer());
                put(m, "reportNumber", f.reportNumber());
                put(m, "issueDate", date);
                put(m, "conclusion", f.conclusion());
            }
            case CRYPTO -> {
                put(m, "agency", f.issuer());
                put(m, "issueDate", date);
                put(m, "conclusion", f.conclusion());
            }
            case PENETRATION_TEST -> {
                put(m, "tester", f.issuer());
                put(m, "testedOn", date);
                put(m, "highRiskFindings", f.highRisks() == null ? null : f.highRisks().toString());
                put(m, "allFixed", String.valueOf(AssessmentKind.PENETRATION_CONCLUSIONS.get(0).equals(f.conclusion())));
            }
            case RISK_ASSESSMENT -> {
                put(m, "assessedOn", date);
                put(m, "highRisks", f.highRisks() == null ? null : f.highRisks().toString());
                put(m, "treatment", f.remarks());
            }
        }
        return m;
    }

    /** The reverse of {@link #fields}: what the duty's form held, as a filing's values (absent ones null). */
    record Values(LocalDate date, String conclusion, String issuer, String reportNumber, Integer highRisks, String remarks) {
    }

    static Values values(AssessmentKind kind, Map<String, String> fields, LocalDate fallback) {
        return switch (kind) {
            case MLPS -> new Values(date(fields.get("issueDate"), fallback), fields.get("conclusion"), fields.get("agency"),
                    fields.get("reportNumber"), null, null);
            case CRYPTO -> new Values(date(fields.get("issueDate"), fallback), fields.get("conclusion"), fields.get("agency"), null, null, null);
            case PENETRATION_TEST -> new Values(date(fields.get("testedOn"), fallback),
                    AssessmentKind.PENETRATION_CONCLUSIONS.get("true".equals(fields.get("allFixed")) ? 0 : 1), fields.get("tester"), null,
                    number(fields.get("highRiskFindings")), null);
            case RISK_ASSESSMENT -> new Values(date(fields.get("assessedOn"), fallback), null, null, null, number(fields.get("highRisks")),
                    fields.get("treatment"));
        };
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }

    private static LocalDate date(String text, LocalDate fallback) {
        try {
            return text == null ? fallback : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : new java.math.BigDecimal(text.strip()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
