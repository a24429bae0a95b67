package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardService.UnitFigures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The supervisor's notice (通报) of overdue hazards by unit with the per-unit figures (A10.2), as an
 * Excel workbook (Apache POI) and as a PDF ({@link Pdf}, which embeds an open CJK font).
 */
@Component
public class HazardReports {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingCalendar.ZONE);

    private final MessageSource messages;
    private final Pdf pdf;

    HazardReports(MessageSource messages, Pdf pdf) {
        this.messages = messages;
        this.pdf = pdf;
    }

    /** The notice's content, in the reader's language. */
    public record Notice(String title, String subtitle, List<UnitFigures> figures, Map<String, List<HazardView>> overdue, Instant now) {
    }

    public Notice notice(String issuer, List<UnitFigures> figures, Map<String, List<HazardView>> overdue, Instant now, Locale locale) {
        LocalDate today = now.atZone(WorkingCalendar.ZONE).toLocalDate();
        return new Notice(text("hazards.notice.doc.title", locale), text("hazards.notice.doc.subtitle", locale, issuer, today.toString()),
                figures, overdue, now);
    }

    public byte[] excel(Notice notice, Locale locale) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);

            SXSSFSheet list = book.createSheet(text("hazards.notice.doc.sheetOverdue", locale));
            int r = 0;
            list.createRow(r++).createCell(0).setCellValue(notice.title());
            list.createRow(r++).createCell(0).setCellValue(notice.subtitle());
            r++;
            String[] columns = overdueHeader(locale).toArray(String[]::new);
            var head = list.createRow(r++);
            for (int c = 0; c < columns.length; c++) {
                var cell = head.createCell(c);
                cell.setCellValue(columns[c]);
                cell.setCellStyle(header);
            }
            for (Map.Entry<String, List<HazardView>> unit : notice.overdue().entrySet()) {
                for (HazardView h : unit.getValue()) {
                    var line = list.createRow(r++);
                    List<String> cells = overdueRow(unit.getKey(), h, notice.now(), locale);
                    for (int c = 0; c < cells.size(); c++) {
                        line.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            if (notice.overdue().isEmpty()) {
                list.createRow(r).createCell(0).setCellValue(text("hazards.notice.doc.noneOverdue", locale));
            }

            SXSSFSheet figures = book.createSheet(text("hazards.notice.doc.sheetFigures", locale));
            var fhead = figures.createRow(0);
            List<String> fcols = figuresHeader(locale);
            for (int c = 0; c < fcols.size(); c++) {
                var cell = fhead.createCell(c);
                cell.setCellValue(fcols.get(c));
                cell.setCellStyle(header);
            }
            int fr = 1;
            for (UnitFigures f : notice.figures()) {
                var line = figures.createRow(fr++);
                line.createCell(0).setCellValue(f.orgName());
                line.createCell(1).setCellValue(f.open());
                line.createCell(2).setCellValue(f.overdue());
                line.createCell(3).setCellValue(f.closedOnTime());
                line.createCell(4).setCellValue(f.closedLate());
                line.createCell(5).setCellValue(f.due());
                line.createCell(6).setCellValue(f.ratePercent());
            }
            book.write(out);
            book.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] pdf(Notice notice, Locale locale) {
        Pdf renderer = pdf;
        List<Pdf.Block> blocks = new ArrayList<>();
        blocks.add(new Pdf.Paragraph(text("hazards.notice.doc.lead", locale)));
        blocks.add(new Pdf.Heading(text("hazards.notice.doc.sheetFigures", locale)));
        blocks.add(new Pdf.Table(figuresHeader(locale), notice.figures().stream().map(f -> List.of(f.orgName(), String.valueOf(f.open()),
                String.valueOf(f.overdue()), String.valueOf(f.closedOnTime()), String.valueOf(f.closedLate()), String.valueOf(f.due()),
                f.ratePercent())).toList()));
        blocks.add(new Pdf.Heading(text("hazards.notice.doc.sheetOverdue", locale)));
        if (notice.overdue().isEmpty()) {
            blocks.add(new Pdf.Paragraph(text("hazards.notice.doc.noneOverdue", locale)));
        }
        for (Map.Entry<String, List<HazardView>> unit : notice.overdue().entrySet()) {
            blocks.add(new Pdf.Heading(unit.getKey() + "（" + unit.getValue().size() + "）"));
            blocks.add(new Pdf.Table(overdueHeader(locale), unit.getValue().stream().map(h -> overdueRow(unit.getKey(), h, notice.now(), locale))
                    .toList()));
        }
        blocks.add(new Pdf.Paragraph(text("hazards.notice.doc.closing", locale)));
        return renderer.render(new Pdf.Report(notice.title(), notice.subtitle(), blocks));
    }

    private List<String> overdueHeader(Locale locale) {
        return List.of("unit", "no", "system", "title", "severity", "notifiedAt", "dueDate", "daysOverdue", "state").stream()
                .map(c -> text("hazards.notice.doc.col." + c, locale)).toList();
    }

    private List<String> overdueRow(String unit, HazardView h, Instant now, Locale locale) {
        long days = Math.max(0, ChronoUnit.DAYS.between(h.effectiveDueDate(), now.atZone(WorkingCalendar.ZONE).toLocalDate()));
        return List.of(unit, "YH-" + h.id(), h.systemName(), h.title(), text("hazards.severity." + h.severity(), locale),
                TIME.format(h.notifiedAt()), h.effectiveDueDate().toString(), String.valueOf(days), text("hazards.state." + h.state(), locale));
    }

    private List<String> figuresHeader(Locale locale) {
        return List.of("unit", "open", "overdue", "closedOnTime", "closedLate", "due", "rate").stream()
                .map(c -> text("hazards.figures.col." + c, locale)).toList();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
