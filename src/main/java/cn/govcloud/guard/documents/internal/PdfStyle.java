package cn.govcloud.guard.documents.internal;

/**
 * How a run of text looks in {@link PdfBoxPdf}'s reports: its size and leading in PDF points (1/72 in), bold (drawn with a
 * thin outline, one weight ships) and its grey (0 black). The reports' styles are the constants here.
 */
record PdfStyle(float size, float leadingFactor, boolean bold, float grey) {

    static final PdfStyle TITLE = new PdfStyle(18f, 1.45f, true, 0f);
    static final PdfStyle SUBTITLE = new PdfStyle(10.5f, 1.5f, false, 0.35f);
    static final PdfStyle HEADING = new PdfStyle(13f, 1.5f, true, 0f);
    static final PdfStyle BODY = new PdfStyle(10.5f, 1.6f, false, 0f);
    static final PdfStyle LABEL = new PdfStyle(10.5f, 1.6f, false, 0.3f);
    static final PdfStyle CELL = new PdfStyle(9.5f, 1.45f, false, 0f);
    static final PdfStyle HEADER_CELL = new PdfStyle(9.5f, 1.45f, true, 0f);
    static final PdfStyle FOOTER = new PdfStyle(9f, 1.2f, false, 0.35f);
    static final PdfStyle CHART_LABEL = new PdfStyle(8.5f, 1.3f, false, 0f);
    static final PdfStyle CHART_VALUE = new PdfStyle(7.5f, 1.2f, false, 0.25f);

    float leading() {
        return size * leadingFactor;
    }

    /** The baseline of a line whose box starts at {@code top}: the em box centred in the leading. */
    float baseline(float top) {
        return top - (leading() - size) / 2 - 0.88f * size;
    }
}
