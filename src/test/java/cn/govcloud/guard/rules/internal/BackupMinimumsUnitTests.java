package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.rules.BackupMinimum;
import org.junit.jupiter.api.Test;

/** The catalog's minimum backup policies per data grade (A7.1, A8.2): the shipped catalog holds all three; mistakes are reported. */
class BackupMinimumsUnitTests {
    private final CatalogParser parser = new CatalogParser(Requirements.load());

    @Test
    void theShippedCatalogHoldsAMinimumForEachGrade_coreAndImportantOffsiteAtLeastDaily_A8_2_A7_1() {
        ProductCatalog catalog = ProductCatalogs.product();
        assertThat(catalog.backupMinimums()).extracting(BackupMinimum::grade).containsExactly("core", "important", "general");
        for (BackupMinimum m : catalog.backupMinimums()) {
            assertThat(catalog.entry(m.rule())).as(m.rule()).isPresent();
            if (!m.grade().equals("general")) {
                assertThat(m.offsite()).isTrue();
                assertThat(m.maxEveryHours()).isLessThanOrEqualTo(24);
                assertThat(m.rule()).isEqualTo("A8.2-backup-policy-check");
            }
        }
    }

    @Test
    void anUnknownGradeAnUnknownRuleAndADuplicateAreReported() {
        String yaml = CatalogParserUnitTests.GOOD + """
                backupMinimums:
                  - {grade: secret, rule: A10.2-rectify, offsite: true, maxEveryHours: 24, minRetentionDays: 90, graceHours: 6}
                  - {grade: core, rule: A8.2-nothing, offsite: true, maxEveryHours: 24, minRetentionDays: 90, graceHours: 6}
                  - {grade: important, rule: A10.2-rectify, offsite: maybe, maxEveryHours: 0, minRetentionDays: 90, graceHours: 6}
                  - {grade: general, rule: A10.2-rectify, offsite: false, maxEveryHours: 168, minRetentionDays: 30, graceHours: 24}
                  - {grade: general, rule: A10.2-rectify, offsite: false, maxEveryHours: 168, minRetentionDays: 30, graceHours: 24}
                """;
        assertThatThrownBy(() -> parser.parse("catalog.yaml", yaml)).isInstanceOf(CatalogInvalid.class)
                .satisfies(e -> assertThat(((CatalogInvalid) e).problems()).extracting(Object::toString)
                        .anySatisfy(p -> assertThat(p).contains("backupMinimums[0].grade").contains("secret"))
                        .anySatisfy(p -> assertThat(p).contains("backupMinimums[1].rule").contains("A8.2-nothing"))
                        .anySatisfy(p -> assertThat(p).contains("backupMinimums[2].offsite"))
                        .anySatisfy(p -> assertThat(p).contains("backupMinimums[2].maxEveryHours"))
                        .anySatisfy(p -> assertThat(p).contains("backupMinimums[4].grade").contains("duplicate")));
        ProductCatalog ok = parser.parse("catalog.yaml", CatalogParserUnitTests.GOOD + """
                backupMinimums:
                  - {grade: general, rule: A10.2-rectify, offsite: false, maxEveryHours: 168, minRetentionDays: 30, graceHours: 24}
                """);
        assertThat(ok.backupMinimums()).containsExactly(new BackupMinimum("general", "A10.2-rectify", false, 168, 30, 24));
    }
}
