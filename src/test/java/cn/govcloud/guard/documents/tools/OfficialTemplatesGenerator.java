package cn.govcloud.guard.documents.tools;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDocGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STDocGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STLineSpacingRule;

/**
 * Writes the official documents' Word templates (issue 22 point 7) under
 * {@code src/main/resources/templates-docx/official/}: GB/T 9704 page (A4; margins top 37 mm, bottom 35, left 28,
 * right 26; 22 lines of 28 characters), the 发文字号 and the title in 方正小标宋简体 二号 (22 pt), the text in 仿宋_GB2312
 * 三号 (16 pt), the page number "— N —" in 宋体 四号, and poi-tl tags ({@code {{number}}}, sections {@code {{?body}}} …)
 * each in one run. The templates are resources under version control: a new layout is a new file ({@code -v2}) and a new
 * entry in {@code OfficialTemplates}, never an edit of an issued version. Run once from the project folder:
 * {@code java -cp target/test-classes:<classpath> cn.govcloud.guard.documents.tools.OfficialTemplatesGenerator}.
 */
public final class OfficialTemplatesGenerator {
    static final String XIAOBIAOSONG = "方正小标宋简体";
    static final String FANGSONG = "仿宋_GB2312";
    static final String HEI = "黑体";
    static final String SONG = "宋体";
    static final String LATIN = "Times New Roman";
    private static final long TWIPS_PER_MM_X1000 = 56693; // 1440 / 25.4 × 1000

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/resources/templates-docx/official");
        Files.createDirectories(dir);
        write(dir.resolve("agreement-v1.docx"), true);
        write(dir.resolve("authorisation-v1.docx"), false);
        write(dir.resolve("rectification-feedback-v1.docx"), false);
        write(dir.resolve("notice-v1.docx"), false);
    }

    /** {@code twoParties}: the agreement ends with both parties' signature lines side by side (甲方 / 乙方). */
    static void write(Path file, boolean twoParties) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = new FileOutputStream(file.toFile())) {
            page(doc);
            footer(doc);
            XWPFParagraph number = paragraph(doc, ParagraphAlignment.CENTER, false);
            run(number, FANGSONG, 16, false, "{{number}}");
            paragraph(doc, ParagraphAlignment.CENTER, false);
            XWPFParagraph title = paragraph(doc, ParagraphAlignment.CENTER, false);
            title.setSpacingBetween(0);
            run(title, XIAOBIAOSONG, 22, false, "{{title}}");
            paragraph(doc, ParagraphAlignment.CENTER, false);
            XWPFParagraph addressee = paragraph(doc, ParagraphAlignment.LEFT, false);
            run(addressee, FANGSONG, 16, false, "{{addressee}}");
            tagParagraph(doc, "{{?body}}");
            run(paragraph(doc, ParagraphAlignment.BOTH, true), FANGSONG, 16, false, "{{text}}");
            tagParagraph(doc, "{{/body}}");
            tagParagraph(doc, "{{?facts}}");
            XWPFParagraph fact = paragraph(doc, ParagraphAlignment.BOTH, true);
            run(fact, HEI, 16, false, "{{label}}");
            run(fact, FANGSONG, 16, false, "：");
            run(fact, FANGSONG, 16, false, "{{value}}");
            tagParagraph(doc, "{{/facts}}");
            tagParagraph(doc, "{{?closing}}");
            run(paragraph(doc, ParagraphAlignment.BOTH, true), FANGSONG, 16, false, "{{text}}");
            tagParagraph(doc, "{{/closing}}");
            paragraph(doc, ParagraphAlignment.LEFT, false);
            tagParagraph(doc, "{{?signers}}");
            XWPFParagraph signer = paragraph(doc, ParagraphAlignment.RIGHT, false);
            signer.setIndentationRight(twoParties ? 0 : 1280);
            run(signer, FANGSONG, 16, false, "{{text}}");
            tagParagraph(doc, "{{/signers}}");
            XWPFParagraph date = paragraph(doc, ParagraphAlignment.RIGHT, false);
            date.setIndentationRight(twoParties ? 0 : 1280);
            run(date, FANGSONG, 16, false, "{{date}}");
            paragraph(doc, ParagraphAlignment.LEFT, false);
            tagParagraph(doc, "{{?cc}}");
            XWPFParagraph cc = paragraph(doc, ParagraphAlignment.LEFT, false);
            cc.setIndentationLeft(320);
            cc.setIndentationRight(320);
            run(cc, FANGSONG, 14, false, "抄送：");
            run(cc, FANGSONG, 14, false, "{{text}}");
            tagParagraph(doc, "{{/cc}}");
            doc.getProperties().getCoreProperties().setCreator("govcloud-guard");
            doc.write(out);
        }
    }

    private static void page(XWPFDocument doc) {
        CTSectPr sect = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr() : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar mar = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
        mar.setTop(mm(37));
        mar.setBottom(mm(35));
        mar.setLeft(mm(28));
        mar.setRight(mm(26));
        mar.setHeader(BigInteger.valueOf(851));
        mar.setFooter(mm(14));
        CTDocGrid grid = sect.isSetDocGrid() ? sect.getDocGrid() : sect.addNewDocGrid();
        grid.setType(STDocGrid.LINES_AND_CHARS);
        grid.setLinePitch(BigInteger.valueOf(579));
        grid.setCharSpace(BigInteger.valueOf(0));
    }

    private static BigInteger mm(long millimetres) {
        return BigInteger.valueOf(Math.round(millimetres * TWIPS_PER_MM_X1000 / 1000.0));
    }

    private static void footer(XWPFDocument doc) {
        XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph p = footer.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        fonts(p.createRun(), SONG, 14, false).setText("— ");
        var field = p.getCTP().addNewFldSimple();
        field.setInstr("PAGE");
        var r = field.addNewR();
        r.addNewT().setStringValue("1");
        fonts(p.createRun(), SONG, 14, false).setText(" —");
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment align, boolean indent) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(align);
        p.setSpacingBefore(0);
        p.setSpacingAfter(0);
        p.setSpacingBetween(28.95, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
        if (indent) {
            p.setFirstLineIndent(640); // two characters of 16 pt
        }
        return p;
    }

    /** A paragraph holding only a section tag: poi-tl repeats the paragraphs between a pair and drops the tags' own. */
    private static void tagParagraph(XWPFDocument doc, String tag) {
        XWPFParagraph p = doc.createParagraph();
        run(p, FANGSONG, 16, false, tag);
    }

    private static XWPFRun run(XWPFParagraph p, String face, double size, boolean bold, String text) {
        XWPFRun r = fonts(p.createRun(), face, size, bold);
        r.setText(text);
        return r;
    }

    private static XWPFRun fonts(XWPFRun r, String face, double size, boolean bold) {
        r.setFontSize(size);
        r.setBold(bold);
        CTFonts fonts = r.getCTR().isSetRPr() && r.getCTR().getRPr().sizeOfRFontsArray() > 0
                ? r.getCTR().getRPr().getRFontsArray(0) : r.getCTR().addNewRPr().addNewRFonts();
        fonts.setAscii(LATIN);
        fonts.setHAnsi(LATIN);
        fonts.setEastAsia(face);
        fonts.setCs(LATIN);
        return r;
    }

    @SuppressWarnings("unused")
    private static final STLineSpacingRule.Enum UNUSED = STLineSpacingRule.EXACT;
}
