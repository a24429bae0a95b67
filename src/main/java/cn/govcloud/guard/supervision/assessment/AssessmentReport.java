package cn.govcloud.guard.supervision.assessment;

import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.incidents.IncidentOutcomes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The report the regulators (网信办, 公安局) take into the city's annual cybersecurity assessment
 * (A12), as PDF ({@link Pdf}, with an embedded CJK font) and Excel. It is an official document in
 * Chinese whatever the reader's UI language: the ranking, each unit's item scores with how they
 * were computed, the provider's record, the catalog version and weights used, and when it was made.
 */
@Component
class AssessmentReport {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(AssessmentComputation.ZONE);
    static final List<String> RANKING_HEADER = List.of("名次", "单位", "总分", "上年总分", "上年名次", "增减");

    private final Pdf pdf;

    AssessmentReport(Pdf pdf) {
        this.pdf = pdf;
    }

    static String title(int year) {
        return year + "年度政务云云使用单位网络安全考核报告";
    }

    static String subtitle(Ranking r, Instant generatedAt) {
        return "规则目录版本 " + r.catalogVersion() + " · " + (r.finalised() ? "已定稿 " + TIME.format(r.finalisedAt()) : "未定稿（实时计算）")
                + " · 生成时间 " + TIME.format(generatedAt);
    }

    static List<String> rankingRow(UnitScore u) {
        return List.of(String.valueOf(u.rank()), u.orgName(), u.total().toPlainString(),
                u.previousTotal() == null ? "无上年数据" : u.previousTotal().toPlainString(),
                u.previousRank() == null ? "—" : String.valueOf(u.previousRank()), u.delta() == null ? "—" : signed(u.delta()));
    }

    static String signed(BigDecimal delta) {
        return delta.signum() > 0 ? "+" + delta.toPlainString() : delta.toPlainString();
    }

    byte[] pdf(Ranking r, Instant generatedAt) {
        List<Pdf.Block> blocks = new ArrayList<>();
        blocks.add(new Pdf.Paragraph("依据《包头市政务云安全管理办法》第十二条，云使用单位网络和数据安全责任落实情况、隐患整改完成率及安全事件发生情况"
                + "由市委网信办、市公安局等纳入年度网络安全考核。本报告由政务云安全管理平台根据记录的数据按规则目录的考核模型计算。"));
        blocks.add(new Pdf.Heading("一、考核模型（规则目录 " + r.catalogVersion() + "）"));
        blocks.add(new Pdf.Paragraph("考核项与权重：" + r.weightsInWords()));
        blocks.add(new Pdf.Heading("二、排名"));
        blocks.add(new Pdf.Table(RANKING_HEADER, r.units().stream().map(AssessmentReport::rankingRow).toList()));
        blocks.add(new Pdf.Heading("三、各单位考核项得分"));
        for (UnitScore u : r.units()) {
            blocks.add(new Pdf.Heading(u.rank() + ". " + u.orgName() + "（" + u.total().toPlainString() + " 分）"));
            blocks.add(new Pdf.Table(List.of("考核项", "权重", "计算", "得分"), u.items().stream()
                    .map(i -> List.of(i.title(), String.valueOf(i.weight()), i.formula(), i.score().toPlainString())).toList()));
        }
        blocks.add(new Pdf.Heading("四、云服务商情况"));
        for (ProviderRecord p : r.providers()) {
            blocks.add(new Pdf.KeyValues(List.of(Map.entry("云服务商", p.orgName()),
                    Map.entry("按期履行职责", p.dutiesOnTime() + " / " + p.dutiesDue() + (p.dutiesRatePercent() == null ? "（无应履行事项）" : "（" + p.dutiesRatePercent() + "%）")),
                    Map.entry("Ⅲ级及以上安全事件", p.incidents().size() + " 起，其中平台自身 " + p.platformIncidents() + " 起"))));
            if (!p.incidents().isEmpty()) {
                blocks.add(new Pdf.Table(List.of("编号", "事件", "级别", "确认时间", "范围"), p.incidents().stream().map(AssessmentReport::incidentRow).toList()));
            }
        }
        if (r.providers().isEmpty()) {
            blocks.add(new Pdf.Paragraph("无云服务商记录。"));
        }
        return pdf.render(new Pdf.Report(title(r.year()), subtitle(r, generatedAt), blocks));
    }

    static List<String> incidentRow(IncidentOutcomes.Outcome i) {
        return List.of("SJ-" + i.id(), i.title(), i.grade() + "级", TIME.format(i.confirmedAt()), i.systemId() == null ? "平台" : "托管系统");
    }

    byte[] excel(Ranking r, Instant generatedAt) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            SXSSFSheet ranking = book.createSheet("排名");
            int row = 0;
            ranking.createRow(row++).createCell(0).setCellValue(title(r.year()));
            ranking.createRow(row++).createCell(0).setCellValue(subtitle(r, generatedAt));
            ranking.createRow(row++).createCell(0).setCellValue("考核项与权重：" + r.weightsInWords());
            row = write(ranking, row, header, RANKING_HEADER, r.units().stream().map(AssessmentReport::rankingRow).toList());

            SXSSFSheet items = book.createSheet("考核项得分");
            List<List<String>> lines = new ArrayList<>();
            for (UnitScore u : r.units()) {
                for (ItemScore i : u.items()) {
                    lines.add(List.of(String.valueOf(u.rank()), u.orgName(), i.title(), String.valueOf(i.weight()), String.valueOf(i.numerator()),
                            String.valueOf(i.denominator()), i.ratePercent() == null ? "" : i.ratePercent().toPlainString(),
                            i.deduction().toPlainString(), i.score().toPlainString(), i.formula()));
                }
            }
            write(items, 0, header, List.of("名次", "单位", "考核项", "权重", "分子", "分母", "比率（%）", "扣分", "得分", "计算"), lines);

            SXSSFSheet provider = book.createSheet("云服务商");
            List<List<String>> providerLines = new ArrayList<>();
            for (ProviderRecord p : r.providers()) {
                providerLines.add(List.of(p.orgName(), String.valueOf(p.dutiesDue()), String.valueOf(p.dutiesOnTime()),
                        p.dutiesRatePercent() == null ? "" : p.dutiesRatePercent().toPlainString(), String.valueOf(p.incidents().size()),
                        String.valueOf(p.platformIncidents())));
            }
            write(provider, 0, header, List.of("云服务商", "应履行职责", "按期履行", "按期率（%）", "Ⅲ级及以上事件", "其中平台自身"), providerLines);
            book.write(out);
            book.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int write(SXSSFSheet sheet, int row, CellStyle header, List<String> columns, List<List<String>> lines) {
        var head = sheet.createRow(row++);
        for (int c = 0; c < columns.size(); c++) {
            var cell = head.createCell(c);
            cell.setCellValue(columns.get(c));
            cell.setCellStyle(header);
        }
        for (List<String> line : lines) {
            var r = sheet.createRow(row++);
            for (int c = 0; c < line.size(); c++) {
                r.createCell(c).setCellValue(line.get(c));
            }
        }
        return row;
    }
}
