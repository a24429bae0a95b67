package cn.govcloud.guard.duties.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** A duty's reference in words (issue 23 point 4): the crawl found 「退出申请 #1:system:2」 on a duty of A14's exit. */
class DutyReferencesUnitTests {
    private final DutyReferences references = references();

    private static DutyReferences references() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/duties");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        return new DutyReferences(messages);
    }

    @Test
    void aReferenceToOneRecordReadsAsItsKindAndNumberAndLinksToIt() {
        assertThat(references.label("hazard:7")).isEqualTo("隐患 #7");
        assertThat(references.href("hazard:7")).isEqualTo("/hazards/7");
    }

    @Test
    void aCompoundReferenceReadsAsBothRecordsAndLinksToTheFirst() {
        assertThat(references.label("exit:1:system:2")).isEqualTo("退出申请 #1 · 系统 #2");
        assertThat(references.href("exit:1:system:2")).isEqualTo("/platform/exits/1");
    }

    @Test
    void anUnknownKindStaysAsWrittenAndHasNoLink() {
        assertThat(references.label("mystery:1:other:2")).isEqualTo("mystery:1:other:2");
        assertThat(references.href("calendar-year:2027")).isNull();
    }
}
