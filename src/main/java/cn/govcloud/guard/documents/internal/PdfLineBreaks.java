package cn.govcloud.guard.documents.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a line of a report may break: between CJK characters (not before closing or after opening punctuation) and at
 * spaces between Latin words.
 */
final class PdfLineBreaks {

    /** Characters that may not begin a line (kept with the one before). */
    private static final String NO_BREAK_BEFORE = "，。、；：？！）》」』】〕〉’”…—·％,.;:?!)]}%";
    /** Characters that may not end a line (kept with the one after). */
    private static final String NO_BREAK_AFTER = "（《「『【〔〈‘“([{";

    private PdfLineBreaks() {
    }

    /** Splits a line into unbreakable tokens and runs of spaces. */
    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean currentIsSpace = false;
        int previous = -1;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            boolean space = cp == ' ' || Character.isWhitespace(cp) && cp != 0x3000;
            boolean breakBefore;
            if (current.length() == 0) {
                breakBefore = false;
            } else if (space != currentIsSpace) {
                breakBefore = true;
            } else if (space) {
                breakBefore = false;
            } else if (NO_BREAK_BEFORE.indexOf(cp) >= 0 || NO_BREAK_AFTER.indexOf(previous) >= 0) {
                breakBefore = false;
            } else {
                breakBefore = wide(cp) || wide(previous);
            }
            if (breakBefore) {
                tokens.add(current.toString());
                current.setLength(0);
            }
            current.appendCodePoint(cp);
            currentIsSpace = space;
            previous = cp;
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** Characters a line may break before or after: CJK ideographs, kana, hangul, full-width forms. */
    private static boolean wide(int cp) {
        if (cp < 0x1100) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.BOPOMOFO) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.CJK_COMPATIBILITY
                || block == Character.UnicodeBlock.ENCLOSED_CJK_LETTERS_AND_MONTHS
                || block == Character.UnicodeBlock.GEOMETRIC_SHAPES
                || block == Character.UnicodeBlock.SPECIALS;
    }
}
