package cn.govcloud.guard.documents.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Text runs in the report's font: what the font can show ({@link #clean}), how wide a run is and how a text wraps to a
 * width. One instance per document (it caches glyph widths), not shared between threads.
 */
final class PdfText {
    private final PDType0Font font;
    private final CmapLookup cmap;
    private final String replacement;
    private final Map<Integer, Float> widths = new HashMap<>();

    PdfText(PDType0Font font, CmapLookup cmap) {
        this.font = font;
        this.cmap = cmap;
        this.replacement = PdfBoxPdf.REPLACEMENTS.codePoints().filter(cp -> cmap.getGlyphId(cp) > 0)
                .mapToObj(Character::toString).findFirst().orElse("");
    }

    PDType0Font font() {
        return font;
    }

    /**
     * Text the font can show: CR and other controls and format characters dropped, tabs and
     * odd spaces as a space, characters the font lacks replaced. Line feeds are kept.
     */
    String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                clean.append('\n');
            } else if (cp == '\t' || (Character.isWhitespace(cp) && cp != '\r' && cmap.getGlyphId(cp) == 0)) {
                clean.append(' ');
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
                return; // controls, zero-width and bidi formatting, variation selectors
            } else if (cmap.getGlyphId(cp) == 0) {
                clean.append(replacement);
            } else {
                clean.appendCodePoint(cp);
            }
        });
        return clean.toString();
    }

    float maxLineWidth(String text, PdfStyle style) {
        float max = 0;
        for (String line : text.split("\n", -1)) {
            max = Math.max(max, width(line, style));
        }
        return max;
    }

    float width(String text, PdfStyle style) {
        float units = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            units += widths.computeIfAbsent(cp, this::glyphWidth);
            i += Character.charCount(cp);
        }
        return units / 1000f * style.size();
    }

    private float glyphWidth(int cp) {
        try {
            return font.getStringWidth(Character.toString(cp));
        } catch (IOException | IllegalArgumentException e) {
            return 1000f;
        }
    }

    /**
     * Wraps cleaned text to {@code maxWidth}: line feeds are kept; a line may break between
     * CJK characters (not before closing or after opening punctuation) and at spaces between
     * Latin words ({@link PdfLineBreaks}); a word wider than the line breaks between characters.
     */
    List<String> wrap(String text, PdfStyle style, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String source : text.split("\n", -1)) {
            wrapLine(source, style, maxWidth, lines);
        }
        return lines;
    }

    private void wrapLine(String source, PdfStyle style, float maxWidth, List<String> lines) {
        StringBuilder line = new StringBuilder();
        float lineWidth = 0;
        String spaces = "";
        boolean first = true; // still on the first output line of this source line
        int emitted = lines.size();
        for (String token : PdfLineBreaks.tokens(source)) {
            if (token.isBlank()) {
                if (line.length() == 0 && first) {
                    line.append(token); // leading indentation of the source line
                    lineWidth += width(token, style);
                } else {
                    spaces = token;
                }
                continue;
            }
            float tokenWidth = width(token, style);
            float spacesWidth = line.length() == 0 ? 0 : width(spaces, style);
            if (lineWidth + spacesWidth + tokenWidth <= maxWidth) {
                if (line.length() > 0) {
                    line.append(spaces);
                }
                line.append(token);
                lineWidth += spacesWidth + tokenWidth;
            } else {
                if (line.length() > 0 && !line.toString().isBlank()) {
                    lines.add(line.toString());
                    line.setLength(0);
                    lineWidth = 0;
                    first = false;
                }
                if (tokenWidth <= maxWidth - lineWidth) {
                    line.append(token);
                    lineWidth += tokenWidth;
                } else {
                    // wider than a line: break between characters
                    for (int i = 0; i < token.length(); ) {
                        int cp = token.codePointAt(i);
                        String ch = Character.toString(cp);
                        float w = width(ch, style);
                        if (lineWidth + w > maxWidth && line.length() > 0) {
                            lines.add(line.toString());
                            line.setLength(0);
                            lineWidth = 0;
                            first = false;
                        }
                        line.append(ch);
                        lineWidth += w;
                        i += Character.charCount(cp);
                    }
                }
            }
            spaces = "";
        }
        String last = line.toString().stripTrailing();
        if (!last.isEmpty() || lines.size() == emitted) {
            lines.add(last);
        }
    }
}
