package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link ChineseThroughoutTests} counts as English where Chinese belongs (issue 23 point 4). */
class ChineseWordsUnitTests {

    @Test
    void issue23_4_ruleIdsEnumsCodesAndWordsAreForeign_numbersNamesAndFilesAreNot() {
        assertThat(ChineseThroughoutTests.foreign("A10.2-rectify")).isTrue();
        assertThat(ChineseThroughoutTests.foreign("CRITICAL")).isTrue();
        assertThat(ChineseThroughoutTests.foreign("hazard.notified")).isTrue();
        assertThat(ChineseThroughoutTests.foreign("Approver")).isTrue();
        assertThat(ChineseThroughoutTests.foreign("A10.2")).isFalse();
        assertThat(ChineseThroughoutTests.foreign("CVE-2017-5638")).isFalse();
        assertThat(ChineseThroughoutTests.foreign("zs.jyj.baotou.gov.cn")).isFalse();
        assertThat(ChineseThroughoutTests.foreign("security_test.pdf")).isFalse();
        assertThat(ChineseThroughoutTests.foreign("SM4")).isFalse();
        assertThat(ChineseThroughoutTests.foreign("PDF")).isFalse();
        assertThat(ChineseThroughoutTests.foreign("II")).isFalse();
    }
}
