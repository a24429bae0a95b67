package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.internal.ComplianceMatrix.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The compliance matrix as an Excel workbook, streamed (SXSSF keeps 100 rows in memory, however many there are). */
@Component
public class ComplianceExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(cn.govcloud.guard.calendar.WorkingCalendar.ZONE);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd")
            .withZone(cn.govcloud.guard.calendar.WorkingCalendar.ZONE);

    private final MessageSource messages;

    ComplianceExport(MessageSource messages) {
        this.messages = messages;
    }

    public void write(List<Row> rows, Locale locale, OutputStream out) throws IOException {
        boolean english = "en".equals(locale.getLanguage());
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            SXSSFSheet sheet = book.createSheet(text("duties.matrix.sheet", locale));
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            String[] columns = {"subjectKind", "subject", "organisation", "article", "rule", "title", "status", "reason",
                    "dueAt", "latestEvidence", "latestEvidenceBy", "catalogVersion"};
            var head = sheet.createRow(0);
            for (int c = 0; c < columns.length; c++) {
                var cell = head.createCell(c);
                cell.setCellValue(text("duties.matrix.col." + columns[c], locale));
                cell.setCellStyle(header);
            }
            int r = 1;
            for (Row row : rows) {
                var line = sheet.createRow(r++);
                int c = 0;
                line.createCell(c++).setCellValue(text("duties.subjectKind." + row.subjectKind(), locale));
                line.createCell(c++).setCellValue(row.subjectName());
                line.createCell(c++).setCellValue(row.orgName());
                line.createCell(c++).setCellValue(row.rule().article());
                line.createCell(c++).setCellValue(row.rule().id());
                line.createCell(c++).setCellValue(english ? row.rule().titleEn() : row.rule().title());
                line.createCell(c++).setCellValue(text("duties.matrix.status." + row.status(), locale));
                // the reason marks a rule condition as `code` for the page (fragments/inline); a cell is plain text
                line.createCell(c++).setCellValue(messages.getMessage(row.reason(), row.reasonArgs().toArray(), row.reason(), locale).replace("`", ""));
                line.createCell(c++).setCellValue(due(row.dueAt()));
                line.createCell(c++).setCellValue(time(row.latestEvidenceAt()));
                line.createCell(c++).setCellValue(row.latestEvidenceBy() == null ? "" : row.latestEvidenceBy());
                line.createCell(c).setCellValue(row.catalogVersion());
            }
            sheet.createFreezePane(0, 1);
            book.write(out);
            book.dispose();
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** A day deadline ends at 24:00 of its day: printed so, not as the next day's 00:00 (as on the pages). */
    static String due(Instant instant) {
        if (instant == null) {
            return "";
        }
        String at = TIME.format(instant);
        return at.endsWith(" 00:00") ? DAY.format(instant.minusSeconds(1)) + " 24:00" : at;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
