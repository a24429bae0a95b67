package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.supervision.annualreport.ReportOutline.Chart;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Grid;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Heading;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Part;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.springframework.stereotype.Component;

/**
 * The annual report as an editable Word document (.docx, Apache POI XWPF), laid out after GB/T 9704-2012 (党政机关公文格式)
 * as far as a generated file can: A4 with the standard margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), the
 * title in 宋体 bold 二号 (小标宋 is not on every machine), 一级标题 in 黑体 三号, 二级标题 in 楷体 三号, the text in 仿宋 三号 with
 * a two-character first-line indent and a fixed 28.95 pt line pitch (22 lines a page), tables in 仿宋 五号 with 黑体 headers
 * that repeat on each page, and the page number "— N —" in 宋体 四号 at the foot. Latin letters and digits use Times New
 * Roman. The headings carry Word's own Heading 1 / Heading 2 styles (outline levels 1 and 2), so the navigation pane shows
 * the outline and the table of contents (a TOC field, filled with the headings and refreshed by Word on opening) works.
 * Charts are native Word charts ({@link AnnualReportWordCharts}) whose data a reader can edit in Word.
 */
@Component
class AnnualReportWord {
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String SONG = "宋体";
    static final String FANGSONG = "仿宋";
    static final String HEI = "黑体";
    static final String KAI = "楷体";
    static final String LATIN = "Times New Roman";
    /** Font sizes in points: 二号, 三号, 四号, 五号. */
    static final double ERHAO = 22;
    static final double SANHAO = 16;
    static final double SIHAO = 14;
    static final double WUHAO = 10.5;
    private static final int TWIPS_PER_MM = 1440 * 10 / 254;

    byte[] render(AnnualReport report) {
        ReportOutline outline = AnnualReportOutline.of(report);
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            WordStyles.install(doc);
            page(doc);
            footer(doc);
            title(doc, outline);
            contents(doc, outline.parts());
            for (Part part : outline.parts()) {
                if (part instanceof Heading h) {
                    heading(doc, h);
                } else if (part instanceof Text t) {
                    text(doc, t.text());
                } else if (part instanceof Grid g) {
                    table(doc, g);
                } else if (part instanceof Chart c) {
                    AnnualReportWordCharts.add(doc, c);
                }
            }
            doc.getProperties().getCoreProperties().setTitle(outline.title());
            doc.getProperties().getCoreProperties().setCreator(AnnualReportOutline.ISSUER);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidFormatException e) {
            throw new IllegalStateException("the chart part could not be made", e);
        }
    }

    /** A4 portrait with the 公文 margins. */
    private static void page(XWPFDocument doc) {
        CTSectPr sect = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr() : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar mar = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
        mar.setTop(BigInteger.valueOf(37L * TWIPS_PER_MM));
        mar.setBottom(BigInteger.valueOf(35L * TWIPS_PER_MM));
        mar.setLeft(BigInteger.valueOf(28L * TWIPS_PER_MM));
        mar.setRight(BigInteger.valueOf(26L * TWIPS_PER_MM));
        mar.setHeader(BigInteger.valueOf(851));
        mar.setFooter(BigInteger.valueOf(28L * TWIPS_PER_MM / 2));
    }

    /** "— N —" centred, 宋体 四号. */
    private static void footer(XWPFDocument doc) {
        XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph p = footer.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        font(p.createRun(), SONG, SIHAO, false).setText("— ");
        field(p, "PAGE", "1", SONG, SIHAO);
        font(p.createRun(), SONG, SIHAO, false).setText(" —");
    }

    private static void title(XWPFDocument doc, ReportOutline outline) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        p.setSpacingAfter(240);
        font(p.createRun(), SONG, ERHAO, true).setText(outline.title());
        XWPFParagraph sub = doc.createParagraph();
        sub.setAlignment(ParagraphAlignment.CENTER);
        sub.setSpacingAfter(240);
        font(sub.createRun(), KAI, SIHAO, false).setText(outline.subtitle());
    }

    /**
     * 目录: a TOC field over the two heading levels. Its stored result lists the headings (without page numbers), so the
     * outline reads even before Word refreshes the field, which it offers on opening ({@code updateFields}).
     */
    private static void contents(XWPFDocument doc, List<Part> parts) {
        XWPFParagraph heading = doc.createParagraph();
        heading.setAlignment(ParagraphAlignment.CENTER);
        font(heading.createRun(), HEI, SANHAO, false).setText("目　录");
        List<Heading> headings = parts.stream().filter(Heading.class::isInstance).map(Heading.class::cast).toList();
        for (int i = 0; i < headings.size(); i++) {
            Heading h = headings.get(i);
            XWPFParagraph p = doc.createParagraph();
            p.setIndentationLeft(h.level() == 1 ? 0 : 640);
            if (i == 0) {
                fieldChar(p, STFldCharType.BEGIN);
                font(p.createRun(), FANGSONG, SIHAO, false).getCTR().addNewInstrText().setStringValue(" TOC \\o \"1-2\" \\h \\z \\u ");
                fieldChar(p, STFldCharType.SEPARATE);
            }
            font(p.createRun(), h.level() == 1 ? HEI : FANGSONG, SIHAO, false).setText(h.text());
            if (i == headings.size() - 1) {
                fieldChar(p, STFldCharType.END);
            }
        }
        doc.enforceUpdateFields();
        doc.createParagraph().createRun().addBreak(org.apache.poi.xwpf.usermodel.BreakType.PAGE);
    }

    private static void heading(XWPFDocument doc, Heading h) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(h.level() == 1 ? WordStyles.HEADING_1 : WordStyles.HEADING_2);
        font(p.createRun(), h.level() == 1 ? HEI : KAI, SANHAO, false).setText(h.text());
    }

    private static void text(XWPFDocument doc, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(WordStyles.BODY);
        font(p.createRun(), FANGSONG, SANHAO, false).setText(text);
    }

    /** A table across the text width, header row in 黑体 repeated on every page, cells in 仿宋 五号; numbers right-aligned. */
    private static void table(XWPFDocument doc, Grid grid) {
        int columns = grid.header().size();
        XWPFTable table = doc.createTable(grid.rows().size() + 1, columns);
        table.setWidth("100%");
        table.setTableAlignment(TableRowAlign.CENTER);
        XWPFTableRow header = table.getRow(0);
        header.setRepeatHeader(true);
        header.setCantSplitRow(true);
        for (int c = 0; c < columns; c++) {
            cell(header.getCell(c), grid.header().get(c), HEI, true);
        }
        for (int r = 0; r < grid.rows().size(); r++) {
            XWPFTableRow row = table.getRow(r + 1);
            row.setCantSplitRow(true);
            List<String> values = grid.rows().get(r);
            for (int c = 0; c < columns; c++) {
                cell(row.getCell(c), c < values.size() && values.get(c) != null ? values.get(c) : "", FANGSONG, c == 0);
            }
        }
        doc.createParagraph().setStyle(WordStyles.TABLE_GAP);
    }

    private static void cell(XWPFTableCell cell, String text, String face, boolean left) {
        XWPFParagraph p = cell.getParagraphs().get(0);
        p.setStyle(WordStyles.TABLE_TEXT);
        p.setAlignment(left ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
        font(p.createRun(), face, WUHAO, false).setText(text);
        cell.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.CENTER);
    }

    /** The Chinese face for Chinese text, Times New Roman for Latin letters and digits, the size and weight. */
    static XWPFRun font(XWPFRun run, String chinese, double size, boolean bold) {
        run.setFontFamily(LATIN, XWPFRun.FontCharRange.ascii);
        run.setFontFamily(LATIN, XWPFRun.FontCharRange.hAnsi);
        run.setFontFamily(chinese, XWPFRun.FontCharRange.eastAsia);
        run.getCTR().getRPr().getRFontsArray(0).setHint(org.openxmlformats.schemas.wordprocessingml.x2006.main.STHint.EAST_ASIA);
        run.setFontSize(size);
        run.setBold(bold);
        return run;
    }

    private static void fieldChar(XWPFParagraph p, STFldCharType.Enum type) {
        p.createRun().getCTR().addNewFldChar().setFldCharType(type);
    }

    private static void field(XWPFParagraph p, String instruction, String shown, String face, double size) {
        fieldChar(p, STFldCharType.BEGIN);
        font(p.createRun(), face, size, false).getCTR().addNewInstrText().setStringValue(" " + instruction + " ");
        fieldChar(p, STFldCharType.SEPARATE);
        font(p.createRun(), face, size, false).setText(shown);
        fieldChar(p, STFldCharType.END);
    }
}
