package cn.govcloud.guard.supervision.annualreport;

import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSpacing;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STHint;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STJc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STLineSpacingRule;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * The paragraph styles of the annual report's Word file, so that a reader who edits it keeps the 公文 look: 仿宋 三号 as
 * the document default, the text style with its two-character indent and fixed line pitch, Heading 1 (黑体) and Heading 2
 * (楷体) with their outline levels, and the tables' compact text.
 */
final class WordStyles {
    static final String BODY = "GovText";
    static final String HEADING_1 = "Heading1";
    static final String HEADING_2 = "Heading2";
    static final String TABLE_TEXT = "GovTable";
    static final String TABLE_GAP = "GovTableGap";
    /** 28.95 pt, 22 lines on a 公文 page, in twentieths of a point. */
    static final long LINE_PITCH = 579;

    private WordStyles() {
    }

    static void install(XWPFDocument doc) {
        XWPFStyles styles = doc.createStyles();
        CTFonts defaults = CTFonts.Factory.newInstance();
        defaults.setAscii(AnnualReportWord.LATIN);
        defaults.setHAnsi(AnnualReportWord.LATIN);
        defaults.setEastAsia(AnnualReportWord.FANGSONG);
        defaults.setCs(AnnualReportWord.LATIN);
        styles.setDefaultFonts(defaults);
        styles.setEastAsia("zh-CN");
        styles.addStyle(style(BODY, "公文正文", null, AnnualReportWord.FANGSONG, AnnualReportWord.SANHAO, true, LINE_PITCH, 0));
        styles.addStyle(style(HEADING_1, "heading 1", 0, AnnualReportWord.HEI, AnnualReportWord.SANHAO, true, LINE_PITCH, 0));
        styles.addStyle(style(HEADING_2, "heading 2", 1, AnnualReportWord.KAI, AnnualReportWord.SANHAO, true, LINE_PITCH, 0));
        styles.addStyle(style(TABLE_TEXT, "公文表格", null, AnnualReportWord.FANGSONG, AnnualReportWord.WUHAO, false, 0, 0));
        styles.addStyle(style(TABLE_GAP, "表后空行", null, AnnualReportWord.FANGSONG, AnnualReportWord.WUHAO, false, 0, 120));
    }

    /**
     * A paragraph style: {@code outline} its outline level (null: body text), {@code indent} a two-character first-line
     * indent, {@code pitch} an exact line pitch in twips (0: single spacing), {@code after} space after in twips.
     */
    private static XWPFStyle style(String id, String name, Integer outline, String face, double size, boolean indent, long pitch, long after) {
        CTStyle s = CTStyle.Factory.newInstance();
        s.setStyleId(id);
        s.setType(STStyleType.PARAGRAPH);
        s.addNewName().setVal(name);
        s.addNewQFormat();
        if (outline != null) {
            s.addNewUiPriority().setVal(BigInteger.valueOf(9));
            s.addNewNext().setVal(BODY);
        }
        CTPPrGeneral p = s.addNewPPr();
        if (outline != null) {
            p.addNewKeepNext();
            p.addNewOutlineLvl().setVal(BigInteger.valueOf(outline));
        }
        if (indent) {
            var ind = p.addNewInd();
            ind.setFirstLineChars(BigInteger.valueOf(200));
            ind.setFirstLine(BigInteger.valueOf(Math.round(size * 2 * 20)));
        }
        CTSpacing spacing = p.addNewSpacing();
        spacing.setBefore(BigInteger.ZERO);
        spacing.setAfter(BigInteger.valueOf(after));
        if (pitch > 0) {
            spacing.setLine(BigInteger.valueOf(pitch));
            spacing.setLineRule(STLineSpacingRule.EXACT);
            p.addNewJc().setVal(STJc.BOTH);
        } else {
            spacing.setLine(BigInteger.valueOf(240));
            spacing.setLineRule(STLineSpacingRule.AUTO);
        }
        CTRPr r = s.addNewRPr();
        CTFonts fonts = r.addNewRFonts();
        fonts.setAscii(AnnualReportWord.LATIN);
        fonts.setHAnsi(AnnualReportWord.LATIN);
        fonts.setEastAsia(face);
        fonts.setHint(STHint.EAST_ASIA);
        long halfPoints = Math.round(size * 2);
        r.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        r.addNewSzCs().setVal(BigInteger.valueOf(halfPoints));
        return new XWPFStyle(s);
    }
}
