package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.DueRule.Kind;
import cn.govcloud.guard.rules.Rule.FieldType;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the product catalog says about the duties the Measures fix in numbers, article by article. */
class ProductCatalogUnitTests {
    private final ProductCatalog product = ProductCatalogs.product();

    private Rule rule(String id) {
        return product.entry(id).orElseThrow(() -> new AssertionError("no rule " + id)).rule();
    }

    private static Rule.Field field(Rule rule, String name) {
        return rule.evidence().fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(rule.id() + " has no field " + name));
    }

    /**
     * Issue 23 point 4: the UI speaks Chinese, so every note a page shows — why a rule's value was chosen, what a
     * parameter means, how an assessment item scores — is written in Chinese, with its English text beside it.
     */
    @Test
    void everyNoteOfTheCatalogIsChineseWithItsEnglishBeside_A14() {
        java.util.regex.Pattern han = java.util.regex.Pattern.compile("\\p{IsHan}");
        product.entries().stream().filter(e -> e.note() != null).forEach(e -> {
            assertThat(han.matcher(e.note()).find()).as(e.rule().id() + " note in Chinese").isTrue();
            assertThat(e.noteEn()).as(e.rule().id() + " noteEn").isNotBlank();
        });
        assertThat(product.entries().stream().filter(e -> e.note() != null).count()).isGreaterThan(60);
        product.parameters().forEach(p -> assertThat(han.matcher(p.note()).find()).as(p.id() + " note in Chinese").isTrue());
        product.assessment().items().forEach(i -> assertThat(han.matcher(i.note()).find()).as(i.id() + " note in Chinese").isTrue());
    }

    @Test
    void theCatalogIsTheMeasuresOf16December2025ValidFiveYears_A15() {
        assertThat(product.version().id()).isEqualTo("包府办发〔2025〕77号");
        assertThat(product.version().title()).isEqualTo("包头市政务云安全管理办法");
        assertThat(product.version().version()).isEqualTo("2025.12.16-r1");
        assertThat(product.version().validFrom()).hasToString("2025-12-16");
        assertThat(product.version().validUntil()).hasToString("2030-12-15");
        assertThat(product.version().validOn(java.time.LocalDate.of(2030, 12, 15))).isTrue();
        assertThat(product.version().validOn(java.time.LocalDate.of(2030, 12, 16))).isFalse();
    }

    @Test
    void dailyInspectionWithAnExplicitZeroReport_A5_4() {
        Rule daily = rule("A5.4-daily-inspection");
        assertThat(daily.party()).isEqualTo(Party.PROVIDER);
        assertThat(daily.appliesTo()).isEqualTo(SubjectKind.PLATFORM);
        assertThat(daily.trigger().cadence()).isEqualTo(Cadence.DAILY);
        assertThat(daily.due().kind()).isEqualTo(Kind.END_OF_PERIOD);
        assertThat(daily.reminders()).containsExactly(Duration.ofHours(4));
        assertThat(daily.escalation().after()).isZero();
        assertThat(daily.escalation().parties()).containsExactly(Party.SUPERVISOR);
        assertThat(field(daily, "noSecurityEvents").type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(field(daily, "noSecurityEvents").required()).isTrue();
        assertThat(field(daily, "declarant").type()).isEqualTo(FieldType.PERSON);
        assertThat(field(daily, "cryptoPoolChecked").type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(field(daily, "cryptoPoolResult").options()).isNotEmpty();
        assertThat(field(daily, "securityEventCount").type()).isEqualTo(FieldType.NUMBER);
        assertThat(field(daily, "securityEventDescription").type()).isEqualTo(FieldType.TEXTAREA);
        assertThat(daily.evidence().fields()).extracting(Rule.Field::name).contains("devicesStatus", "systemsStatus");

        Rule monthly = rule("A5.4-monthly-security-report");
        assertThat(monthly.trigger().cadence()).isEqualTo(Cadence.MONTHLY);
        assertThat(monthly.due()).isEqualTo(new Rule.DueRule(Kind.DAY_OF_NEXT_MONTH, 10));
        assertThat(monthly.reminders()).containsExactly(Duration.ofDays(3), Duration.ofDays(1));
        assertThat(monthly.evidence().fields()).extracting(Rule.Field::name)
                .contains("vulnerabilityScanSummary", "logAuditSummary", "securityPostureAnalysis");
        assertThat(monthly.evidence().documents()).extracting(Rule.DocumentSlot::name).contains("report", "attachments");
    }

    @Test
    void certificationReportsAreFiledWithin15WorkingDaysOfIssue_A5_2() {
        Map<String, String> kinds = Map.of("A5.2-cloud-service-assessment-filing", "cloud-assessment",
                "A5.2-mlps-assessment-filing", "mlps", "A5.2-crypto-assessment-filing", "crypto");
        kinds.forEach((id, kind) -> {
            Rule filing = rule(id);
            assertThat(filing.trigger().event()).isEqualTo("certification.issued");
            assertThat(filing.due()).isEqualTo(new Rule.DueRule(Kind.WORKING_DAYS, 15));
            assertThat(filing.appliesTo(Map.of("kind", kind))).isTrue();
            assertThat(field(filing, "reportNumber").required()).isTrue();
            assertThat(field(filing, "issueDate").type()).isEqualTo(FieldType.DATE);
            assertThat(field(filing, "validUntil").type()).isEqualTo(FieldType.DATE);
            assertThat(field(filing, "conclusion").type()).isEqualTo(FieldType.CHOICE);
            assertThat(filing.evidence().documents()).extracting(Rule.DocumentSlot::name).containsExactly("report");
        });
        List<Rule> onIssue = product.entries().stream().map(CatalogEntry::rule)
                .filter(r -> "certification.issued".equals(r.trigger().event())).toList();
        assertThat(onIssue).extracting(Rule::id).containsExactlyInAnyOrderElementsOf(kinds.keySet());
        assertThat(onIssue.stream().filter(r -> r.appliesTo(Map.of("kind", "mlps")))).extracting(Rule::id)
                .containsExactly("A5.2-mlps-assessment-filing");
        assertThat(rule("A5.2-mlps-assessment-yearly").trigger().cadence()).isEqualTo(Cadence.YEARLY);
        assertThat(rule("A5.2-crypto-assessment-yearly").trigger().cadence()).isEqualTo(Cadence.YEARLY);
    }

    @Test
    void keyDataIsBackedUpDaily_A5_3() {
        Rule backup = rule("A5.3-daily-backup-record");
        assertThat(backup.trigger().cadence()).isEqualTo(Cadence.DAILY);
        assertThat(backup.evidence().fields()).extracting(Rule.Field::name).contains("backupScope", "completed", "sizeGb", "location", "verified");
    }

    @Test
    void hazardsAreFixedWithin5WorkingDaysByTheUnit_A10_2() {
        Rule rectify = rule("A10.2-rectify");
        assertThat(rectify.party()).isEqualTo(Party.UNIT);
        assertThat(rectify.appliesTo()).isEqualTo(SubjectKind.SYSTEM);
        assertThat(rectify.trigger()).isEqualTo(Rule.Trigger.on("hazard.notified"));
        assertThat(rectify.due()).isEqualTo(new Rule.DueRule(Kind.WORKING_DAYS, 5));
        assertThat(rectify.evidence().documents()).filteredOn(Rule.DocumentSlot::required).extracting(Rule.DocumentSlot::name)
                .containsExactly("feedbackLetter");
    }

    @Test
    void aComprehensiveDrillEveryHalfYear_A10_3() {
        Rule drill = rule("A10.3-half-yearly-drill");
        assertThat(drill.party()).isEqualTo(Party.PROVIDER);
        assertThat(drill.trigger().cadence()).isEqualTo(Cadence.HALF_YEARLY);
        assertThat(drill.due().kind()).isEqualTo(Kind.END_OF_PERIOD);
        assertThat(drill.evidence().fields()).extracting(Rule.Field::name)
                .contains("networkAttack", "dataLeak", "systemFailure", "drSwitchover", "participatingUnits");
    }

    @Test
    void gradeIIIAndAboveIncidentsAreReportedWithin30Minutes_A10_4_A10_5() {
        Rule platform = rule("A10.4-incident-report");
        Rule system = rule("A10.5-incident-report");
        assertThat(platform.party()).isEqualTo(Party.PROVIDER);
        assertThat(platform.appliesTo()).isEqualTo(SubjectKind.PLATFORM);
        assertThat(system.party()).isEqualTo(Party.UNIT);
        assertThat(system.appliesTo()).isEqualTo(SubjectKind.SYSTEM);
        for (Rule r : List.of(platform, system)) {
            assertThat(r.trigger().event()).isEqualTo("incident.confirmed");
            assertThat(r.due()).isEqualTo(new Rule.DueRule(Kind.MINUTES, 30));
            assertThat(r.appliesTo(Map.of("grade", "I"))).isTrue();
            assertThat(r.appliesTo(Map.of("grade", "III"))).isTrue();
            assertThat(r.appliesTo(Map.of("grade", "IV"))).isFalse();
        }
    }

    @Test
    void theProviderAppliesToExit90DaysAhead_A5_6() {
        Rule exit = rule("A5.6-exit-notice");
        assertThat(exit.trigger().event()).isEqualTo("exit.requested");
        assertThat(exit.due()).isEqualTo(new Rule.DueRule(Kind.CALENDAR_DAYS, 90));
        assertThat(rule("A5.6-system-migration").appliesTo()).isEqualTo(SubjectKind.SYSTEM);
        assertThat(rule("A5.6-data-clearance-report").trigger().event()).isEqualTo("exit.service-ended");
    }

    @Test
    void theSupervisorSchedulesMonthlyInspectsQuarterlyAndScoresYearly_A11_3_A12() {
        assertThat(rule("A11.3-monthly-scheduling").party()).isEqualTo(Party.SUPERVISOR);
        assertThat(rule("A11.3-monthly-scheduling").trigger().cadence()).isEqualTo(Cadence.MONTHLY);
        assertThat(rule("A11.3-quarterly-inspection").trigger().cadence()).isEqualTo(Cadence.QUARTERLY);
        Rule annual = rule("A12-annual-assessment");
        assertThat(annual.party()).isEqualTo(Party.SUPERVISOR);
        assertThat(annual.appliesTo()).isEqualTo(SubjectKind.UNIT);
        assertThat(annual.trigger().cadence()).isEqualTo(Cadence.YEARLY);
    }

    @Test
    void assessmentFrequencyFollowsTheProtectionLevelAsData_A7_2() {
        Rule mlps = rule("A7.2-mlps-assessment");
        assertThat(mlps.trigger().cadence()).isEqualTo(Cadence.YEARLY);
        assertThat(mlps.appliesTo(Map.of("mlpsLevel", 3))).isTrue();
        assertThat(mlps.appliesTo(Map.of("mlpsLevel", 2))).isFalse();
        Rule level2 = rule("A7.2-mlps-assessment-level2");
        assertThat(level2.appliesTo(Map.of("mlpsLevel", 2, "yearsSinceMlpsAssessment", 2))).isTrue();
        assertThat(level2.appliesTo(Map.of("mlpsLevel", 2, "yearsSinceMlpsAssessment", 99))).isTrue();
        assertThat(level2.appliesTo(Map.of("mlpsLevel", 2, "yearsSinceMlpsAssessment", 1))).isFalse();
        assertThat(level2.appliesTo(Map.of("mlpsLevel", 3, "yearsSinceMlpsAssessment", 5))).isFalse();
        Rule crypto = rule("A7.2-crypto-assessment");
        assertThat(crypto.appliesTo(Map.of("mlpsLevel", 4))).isTrue();
        assertThat(crypto.appliesTo(Map.of("mlpsLevel", 2))).isFalse();
        assertThat(rule("A7.2-penetration-test").trigger().cadence()).isEqualTo(Cadence.YEARLY);
        assertThat(rule("A7.2-risk-assessment").conditions()).isEmpty();
        assertThat(rule("A8.2-data-catalog").party()).isEqualTo(Party.UNIT);
        assertThat(rule("A6.3-interface-review").party()).isEqualTo(Party.PROVIDER);
    }

    @Test
    void everyRuleAsksForEvidenceRemindsAndEscalates() {
        for (CatalogEntry e : product.entries()) {
            Rule r = e.rule();
            assertThat(r.evidence().fields().size() + r.evidence().documents().size()).as(r.id() + " evidence").isPositive();
            assertThat(r.reminders()).as(r.id() + " reminders").isNotEmpty();
            assertThat(r.escalation()).as(r.id()).isNotNull();
            assertThat(r.overridden()).isEmpty();
        }
    }
}
