package cn.govcloud.guard.documents.internal;

import cn.govcloud.guard.shared.InvalidInput;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a file really is, from its first bytes (never from a declared type): PDF, PNG, JPEG, the
 * ZIP-based formats (told apart by the extension only: DOCX, XLSX, OFD, else ZIP) and UTF-8 text
 * or CSV. Everything else is refused, with a reason that names the problem; so is text that is
 * markup (HTML, SVG, XML), which a browser could be talked into running.
 */
public final class FileTypes {
    /** How much of a text file is examined. */
    static final int TEXT_WINDOW = 8 * 1024;
    public static final String EMPTY = "documents.refused.empty";
    public static final String TOO_LARGE = "documents.refused.tooLarge";
    public static final String EXECUTABLE = "documents.refused.executable";
    public static final String MARKUP = "documents.refused.markup";
    public static final String UNSUPPORTED = "documents.refused.type";
    private static final List<String> MARKUP_TAGS =
            List.of("<script", "<html", "<svg", "<iframe", "<object", "<embed", "<!doctype", "<?xml");

    private FileTypes() {
    }

    /** A detected type: its MIME type and the extensions a file of that type may carry (the first is added when missing). */
    public enum Type {
        PDF("application/pdf", "pdf"),
        PNG("image/png", "png"),
        JPEG("image/jpeg", "jpg", "jpeg"),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        OFD("application/ofd", "ofd"),
        ZIP("application/zip", "zip"),
        CSV("text/csv", "csv"),
        TEXT("text/plain", "txt", "text", "log");

        private final String mediaType;
        private final List<String> extensions;

        Type(String mediaType, String... extensions) {
            this.mediaType = mediaType;
            this.extensions = List.of(extensions);
        }

        public String mediaType() {
            return mediaType;
        }

        public List<String> extensions() {
            return extensions;
        }
    }

    /** @param extension the (sanitised) file name's extension, lower case, "" for none */
    public static Type detect(byte[] content, String extension) {
        if (content.length == 0) {
            throw refused(EMPTY);
        }
        if (startsWith(content, 0x25, 0x50, 0x44, 0x46, 0x2D)) { // %PDF-
            return Type.PDF;
        }
        if (startsWith(content, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Type.PNG;
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return Type.JPEG;
        }
        if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) { // PK\3\4: a ZIP archive with at least one entry
            Type zipType;
            switch (extension) {
                case "docx":
                    zipType = Type.DOCX;
                    break;
                case "xlsx":
                    zipType = Type.XLSX;
                    break;
                case "ofd":
                    zipType = Type.OFD;
                    break;
                default:
                    zipType = Type.ZIP;
            }
            Archives.check(content, zipType); // zip bombs and archives of anything but evidence are refused
            return zipType;
        }
        if (startsWith(content, 0x4D, 0x5A) || startsWith(content, 0x7F, 0x45, 0x4C, 0x46)) { // MZ (Windows), \177ELF
            throw refused(EXECUTABLE);
        }
        String head = utf8Head(content);
        if (head == null) {
            throw refused(UNSUPPORTED);
        }
        if (looksLikeMarkup(head)) {
            throw refused(MARKUP);
        }
        return "csv".equals(extension) ? Type.CSV : Type.TEXT;
    }

    /** The first {@link #TEXT_WINDOW} bytes as text when they are strict UTF-8 without NUL; null otherwise. */
    static String utf8Head(byte[] content) {
        int length = Math.min(content.length, TEXT_WINDOW);
        for (int i = 0; i < length; i++) {
            if (content[i] == 0) {
                return null;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, 0, length);
        CharBuffer out = CharBuffer.allocate(length + 1);
        boolean whole = length == content.length;
        CoderResult result = decoder.decode(in, out, whole);
        if (result.isError()) {
            return null;
        }
        if (whole) {
            result = decoder.flush(out);
            if (result.isError() || in.hasRemaining()) {
                return null;
            }
        } else if (in.remaining() > 3) {
            return null; // only a character cut at the window's end may be left over
        }
        out.flip();
        return out.toString();
    }

    static boolean looksLikeMarkup(String head) {
        String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
        if (text.stripLeading().startsWith("<")) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return MARKUP_TAGS.stream().anyMatch(lower::contains);
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static InvalidInput refused(String reason) {
        return new InvalidInput(reason, Map.of("file", reason));
    }
}
