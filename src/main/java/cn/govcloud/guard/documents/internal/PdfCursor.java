package cn.govcloud.guard.documents.internal;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * The page cursor of one report: the A4 pages with their margins, the current page's content stream, how far down it the
 * next block starts ({@link #y}), page breaks, and the text runs drawn on it. One per document, not shared between threads.
 */
final class PdfCursor {

    // Layout, in PDF points (1/72 in). A4 with 20 mm side and top margins.
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN_X = 56.7f;
    static final float MARGIN_TOP = 56.7f;
    static final float MARGIN_BOTTOM = 62f;
    static final float FOOTER_BASELINE = 32f;
    static final float WIDTH = PAGE.getWidth() - 2 * MARGIN_X;

    private final PDDocument doc;
    private final PdfText text;
    private PDPageContentStream content;
    private float y;
    /** Nothing has been drawn on the current page yet (a page break would not help). */
    private boolean pageEmpty;

    PdfCursor(PDDocument doc, PdfText text) {
        this.doc = doc;
        this.text = text;
    }

    /** The current page's content stream, for graphics; text goes through {@link #text}. */
    PDPageContentStream content() {
        return content;
    }

    float y() {
        return y;
    }

    void down(float by) {
        y -= by;
    }

    void moveTo(float y) {
        this.y = y;
    }

    boolean pageEmpty() {
        return pageEmpty;
    }

    /** Something was drawn on the current page (graphics; text marks it itself). */
    void drawn() {
        pageEmpty = false;
    }

    /** Starts a new page when {@code height} does not fit below the cursor (and it would help). */
    void ensure(float height) throws IOException {
        if (y - height < MARGIN_BOTTOM - 0.01f && !pageEmpty) {
            newPage();
        }
    }

    void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        content = new PDPageContentStream(doc, page);
        y = PAGE.getHeight() - MARGIN_TOP;
        pageEmpty = true;
    }

    /** One line centred between the margins at the cursor, which moves below it. */
    void centred(String line, PdfStyle style) throws IOException {
        ensure(style.leading());
        float x = MARGIN_X + Math.max(0, (WIDTH - text.width(line, style)) / 2);
        text(line, x, style.baseline(y), style);
        y -= style.leading();
    }

    /** One line at {@code x} in the line box at the cursor, which moves below it. */
    void line(String line, float x, PdfStyle style) throws IOException {
        text(line, x, style.baseline(y), style);
        y -= style.leading();
    }

    /** A text run on the current page. */
    void text(String run, float x, float baseline, PdfStyle style) throws IOException {
        text(content, run, x, baseline, style);
    }

    /** Closes the last page and writes 第 N 页 / 共 M 页 in every page's footer; the document's title and language. */
    void finish(String title) throws IOException {
        content.close();
        int total = doc.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            try (PDPageContentStream footer = new PDPageContentStream(doc, doc.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                String number = "第 " + (i + 1) + " 页 / 共 " + total + " 页";
                float x = (PAGE.getWidth() - text.width(number, PdfStyle.FOOTER)) / 2;
                text(footer, number, x, FOOTER_BASELINE, PdfStyle.FOOTER);
            }
        }
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(text.clean(title).replace('\n', ' '));
        info.setProducer("govcloud-guard");
        doc.getDocumentCatalog().setLanguage("zh-CN");
    }

    private void text(PDPageContentStream stream, String run, float x, float baseline, PdfStyle style) throws IOException {
        if (run.isEmpty()) {
            return;
        }
        stream.saveGraphicsState();
        stream.setNonStrokingColor(style.grey());
        stream.beginText();
        stream.setFont(text.font(), style.size());
        if (style.bold()) {
            // one weight ships; a thin outline stroke stands in for bold
            stream.setStrokingColor(style.grey());
            stream.setLineWidth(style.size() * 0.035f);
            stream.setRenderingMode(RenderingMode.FILL_STROKE);
        }
        stream.newLineAtOffset(x, baseline);
        stream.showText(run);
        stream.endText();
        stream.restoreGraphicsState();
        pageEmpty = false;
    }
}
