package cn.govcloud.guard.documents.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.TimeConfiguration;
import cn.govcloud.guard.shared.Unprocessable;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The one Excel writer of {@link SheetExport}: SXSSF keeps {@link #WINDOW} rows in memory and flushes the rest to a
 * temporary file, so a 100,000-row register costs the same memory as a 100-row one. Nothing reaches the response before
 * the last row is in: a refusal (too many rows) or a failure of the source still answers as an error page or problem.
 */
@Component
class StreamingSheetExport implements SheetExport {
    static final int WINDOW = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.CITY_ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxRows;

    @org.springframework.beans.factory.annotation.Autowired
    StreamingSheetExport(MessageSource messages, AuditLog audit, Clock clock) {
        this(messages, audit, clock, MAX_ROWS);
    }

    StreamingSheetExport(MessageSource messages, AuditLog audit, Clock clock, int maxRows) {
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /** Thrown out of the caller's loop when the cap is passed; turned into the 422 below. */
    private static final class TooMany extends RuntimeException {
        TooMany() {
            super(null, null, false, false);
        }
    }

    @Override
    public long write(Request request, Consumer<Rows> source, HttpServletResponse response) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        Actor actor = Actor.current().orElse(null);
        String filters = request.filters().isEmpty() ? text("documents.export.noFilter", locale)
                : request.filters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("；"));
        SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
        try {
            book.setCompressTempFiles(true);
            SXSSFSheet sheet = book.createSheet(sheetName(request.title()));
            int columns = request.columns().size();
            CellStyle titleStyle = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            titleStyle.setFont(bold);
            titleStyle.setWrapText(true);
            CellStyle headerStyle = book.createCellStyle();
            headerStyle.setFont(bold);
            headerStyle.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);

            String who = actor == null ? "-" : actor.displayName() + "（" + actor.orgName() + "）";
            SXSSFRow title = sheet.createRow(0);
            title.setHeightInPoints(36);
            var titleCell = title.createCell(0);
            titleCell.setCellValue(text("documents.export.title", locale, request.title(), who, TIME.format(clock.instant()), filters,
                    text(request.unmasked() ? "documents.export.unmasked" : "documents.export.masked", locale)));
            titleCell.setCellStyle(titleStyle);
            if (columns > 1) {
                sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
            }
            SXSSFRow head = sheet.createRow(1);
            for (int c = 0; c < columns; c++) {
                Column column = request.columns().get(c);
                var cell = head.createCell(c);
                cell.setCellValue(column.header());
                cell.setCellStyle(headerStyle);
                sheet.setColumnWidth(c, Math.min(255, Math.max(4, column.width())) * 256);
            }
            sheet.createFreezePane(0, 2);

            long[] count = {0};
            try {
                source.accept(values -> {
                    if (count[0] >= maxRows) {
                        throw new TooMany();
                    }
                    SXSSFRow row = sheet.createRow((int) (2 + count[0]++));
                    for (int c = 0; c < values.length && c < columns; c++) {
                        put(row, c, values[c], locale);
                    }
                });
            } catch (TooMany e) {
                audit.record(AuditEvent.of(request.list() + ".export", "list:" + request.list(), AuditResult.FAILURE,
                        "refused: more than " + maxRows + " rows; filters: " + filters));
                throw new Unprocessable(text("documents.export.tooMany", locale, maxRows));
            }
            sheet.createRow((int) (2 + count[0])).createCell(0).setCellValue(text("documents.export.total", locale, count[0]));

            response.setContentType(MEDIA_TYPE);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition(request.filename()));
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().cachePrivate().getHeaderValue());
            book.write(response.getOutputStream());
            audit.record(AuditEvent.success(request.list() + ".export", "list:" + request.list(),
                    "rows=" + count[0] + "; " + (request.unmasked() ? "unmasked" : "masked") + "; filters: " + filters));
            return count[0];
        } finally {
            book.dispose(); // the temporary files first: close() alone leaves them
            book.close();
        }
    }

    private void put(SXSSFRow row, int c, Object v, Locale locale) {
        var cell = row.createCell(c);
        if (v == null) {
            cell.setCellValue("");
        } else if (v instanceof Instant i) {
            cell.setCellValue(TIME.format(i));
        } else if (v instanceof OffsetDateTime o) {
            cell.setCellValue(TIME.format(o.toInstant()));
        } else if (v instanceof LocalDateTime l) {
            cell.setCellValue(l.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        } else if (v instanceof LocalDate d) {
            cell.setCellValue(DATE.format(d));
        } else if (v instanceof Integer || v instanceof Long) {
            cell.setCellValue(((Number) v).doubleValue());
        } else if (v instanceof Boolean b) {
            cell.setCellValue(text(b ? "documents.export.yes" : "documents.export.no", locale));
        } else {
            cell.setCellValue(String.valueOf(v));
        }
    }

    /** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
    private static String sheetName(String title) {
        String name = title.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        return name.isEmpty() ? "Sheet1" : name.length() > 31 ? name.substring(0, 31) : name;
    }

    @Override
    public String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

}
