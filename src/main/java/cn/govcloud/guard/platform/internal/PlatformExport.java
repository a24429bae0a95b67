package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.Actor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The platform registers as Excel workbooks, streamed like the compliance matrix (SXSSF keeps 100
 * rows in memory). Every value is written as text: nothing a supplier put in an SBOM becomes a formula.
 */
@Component
public class PlatformExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingCalendar.ZONE);

    private final MessageSource messages;
    private final SupplyChainQueries supplyChain;
    private final ProviderExit exits;
    private final NetworkLines lines;
    private final Hardware hardware;

    PlatformExport(MessageSource messages, SupplyChainQueries supplyChain, ProviderExit exits, NetworkLines lines, Hardware hardware) {
        this.messages = messages;
        this.supplyChain = supplyChain;
        this.exits = exits;
        this.lines = lines;
        this.hardware = hardware;
    }

    public static void prepare(HttpServletResponse response, String filename) {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, cn.govcloud.guard.documents.Downloads.contentDisposition(filename));
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** Writes one sheet: a bold header row of message keys, then the rows the filler adds. */
    private void sheet(Locale locale, OutputStream out, String sheetKey, List<String> columnKeys,
                       Consumer<Consumer<List<Object>>> filler) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            SXSSFSheet sheet = book.createSheet(text(sheetKey, locale));
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            var head = sheet.createRow(0);
            for (int c = 0; c < columnKeys.size(); c++) {
                var cell = head.createCell(c);
                cell.setCellValue(text(columnKeys.get(c), locale));
                cell.setCellStyle(header);
            }
            int[] r = {1};
            filler.accept(values -> {
                var line = sheet.createRow(r[0]++);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    line.createCell(c).setCellValue(v == null ? "" : v instanceof Instant i ? TIME.format(i) : String.valueOf(v));
                }
            });
            sheet.createFreezePane(0, 1);
            book.write(out);
            book.dispose();
        }
    }

    public void supplyChain(Actor actor, Locale locale, OutputStream out) throws IOException {
        sheet(locale, out, "platform.supply.title", List.of("platform.supply.kind", "platform.supply.name", "platform.supply.version",
                "platform.supply.purl", "platform.supply.supplier", "platform.supply.licenses", "platform.supply.state", "platform.supply.inUse",
                "platform.supply.removedAt", "platform.supply.riskLevel", "platform.supply.conclusion", "platform.supply.conditions",
                "platform.supply.assessor", "platform.supply.assessedAt", "platform.supply.counterparty", "platform.supply.signedOn",
                "platform.supply.advisories"), row -> supplyChain.each(actor, SupplyChainQueries.Filter.all(0),
                i -> row.accept(java.util.Arrays.asList(text("platform.supply.kind." + i.kind(), locale), i.name(), i.version(), i.purl(),
                        i.supplier(), i.licenses(), text("platform.supply.state." + i.state(), locale),
                        text(i.inUse() ? "platform.yes" : "platform.no", locale), i.removedAt(), i.riskLevel(), i.conclusion(), i.conditions(),
                        i.assessor(), i.assessedAt(), i.counterparty(), i.signedOn(), String.join(", ", i.advisories())))));
    }

    public void exits(Actor actor, Locale locale, OutputStream out) throws IOException {
        sheet(locale, out, "platform.exit.title", List.of("platform.exit.endDate", "platform.exit.state", "platform.exit.filedAt",
                "platform.exit.system", "platform.exit.taskState", "platform.exit.target", "platform.exit.note", "platform.exit.clearedOn",
                "platform.exit.verifiedBy"), row -> exits.list(actor).forEach(e -> e.tasks().forEach(t -> row.accept(java.util.Arrays.asList(
                        e.endDate(), text("platform.exit.state." + e.state(), locale), e.filedAt(), t.systemName(),
                        text("platform.exit.taskState." + t.state(), locale), t.target(), t.note(), e.clearedOn(), e.verifiedBy())))));
    }

    public void lines(Actor actor, Locale locale, OutputStream out) throws IOException {
        sheet(locale, out, "platform.lines.title", List.of("platform.lines.name", "platform.lines.lineType", "platform.lines.carrier",
                "platform.lines.bandwidth", "platform.lines.userOrg", "platform.lines.firewall", "platform.lines.intrusionPrevention",
                "platform.lines.manager", "platform.lines.lastReview", "platform.lines.finding"), row -> lines.lines(actor).forEach(l ->
                row.accept(java.util.Arrays.asList(l.name(), l.lineType(), l.carrier(), l.bandwidth(), l.userOrg(),
                        text(l.firewall() ? "platform.yes" : "platform.no", locale), text(l.intrusionPrevention() ? "platform.yes" : "platform.no", locale),
                        l.manager(), l.lastReviewedOn(), l.firewall() ? "" : text("platform.lines.noFirewall", locale)))));
    }

    public void hardware(Actor actor, Locale locale, OutputStream out) throws IOException {
        sheet(locale, out, "platform.hw.title", List.of("platform.hw.type", "platform.hw.vendor", "platform.hw.model", "platform.hw.role",
                "platform.hw.location", "platform.hw.quantity", "platform.hw.compliant", "platform.hw.basis"), row -> hardware.devices(actor)
                .forEach(d -> row.accept(java.util.Arrays.asList(text("platform.hw.type." + d.type(), locale), d.vendor(), d.model(), d.role(),
                        d.location(), d.quantity(), text(d.compliant() ? "platform.yes" : "platform.no", locale), d.basis()))));
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
