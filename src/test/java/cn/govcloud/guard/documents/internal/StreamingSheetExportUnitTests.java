package cn.govcloud.guard.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Unprocessable;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletResponse;

/** Issue 22 point 5: the shared writer — title row, Beijing times, the cap refused before a byte is sent, audited either way. */
class StreamingSheetExportUnitTests {
    private final List<AuditEvent> audited = new ArrayList<>();
    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(AuditEvent event) {
            audited.add(event);
        }

        @Override
        public long countSince(Instant since) {
            return 0;
        }
    };
    private StreamingSheetExport writer;

    @BeforeEach
    void setUp() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/documents");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        writer = new StreamingSheetExport(messages, audit, Clock.fixed(Instant.parse("2026-12-07T02:30:00Z"), ZoneOffset.UTC), 3);
    }

    @AfterEach
    void tearDown() {
        LocaleContextHolder.resetLocaleContext();
    }

    private SheetExport.Request request() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("状态", "已准入");
        return new SheetExport.Request("systems", "信息系统台账", "信息系统台账.xlsx",
                List.of(new SheetExport.Column("名称", 20), new SheetExport.Column("时间", 18), new SheetExport.Column("日期", 12),
                        new SheetExport.Column("是否", 6), new SheetExport.Column("数量", 6)), filters, false);
    }

    @Test
    void writesTheTitleTheFrozenHeaderAndBeijingTimes() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        long rows = writer.write(request(), r -> {
            r.add("=1+1", Instant.parse("2026-12-06T16:05:00Z"), LocalDate.parse("2026-12-31"), true, 7);
            r.add("乙", null, null, false, 8L);
        }, response);
        assertThat(rows).isEqualTo(2);
        assertThat(response.getContentType()).isEqualTo(SheetExport.MEDIA_TYPE);
        assertThat(response.getHeader("Content-Disposition")).contains("filename*=UTF-8''");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("信息系统台账");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("信息系统台账", "2026-12-07 10:30", "状态=已准入", "个人号码已脱敏");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("名称");
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("=1+1"); // text, never a formula
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("2026-12-07 00:05");
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("2026-12-31");
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("是");
            assertThat(sheet.getRow(2).getCell(4).getNumericCellValue()).isEqualTo(7);
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("共 2 行");
            assertThat(sheet.getColumnWidth(0)).isEqualTo(20 * 256);
        }
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("systems.export");
            assertThat(e.details()).contains("rows=2", "masked", "状态=已准入");
        });
    }

    @Test
    void beyondTheCapNothingIsSentAndTheReasonIsClear() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThatThrownBy(() -> writer.write(request(), r -> {
            for (int i = 0; i < 10; i++) {
                r.add("行" + i);
            }
        }, response)).isInstanceOf(Unprocessable.class).hasMessageContaining("超过单次导出上限 3 行");
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(response.getContentType()).isNull();
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.result()).isEqualTo(AuditResult.FAILURE));
    }
}
