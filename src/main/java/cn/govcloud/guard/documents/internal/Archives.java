package cn.govcloud.guard.documents.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Looks inside ZIP-based files before they are stored: a zip bomb (far more content than the
 * archive's size, or too many entries) is refused without inflating more than the limit, and a
 * plain ZIP may only hold what the platform accepts as evidence itself — PDF, images, Office and
 * OFD files (issue 4: "archives of those") — never executables, scripts or nested archives.
 */
final class Archives {
    static final String BOMB = "documents.refused.zipBomb";
    static final String CONTENT = "documents.refused.archiveContent";

    /** Inflating stops here whatever the archive claims: 4× the upload limit. */
    static final long MAX_TOTAL = 200L * 1024 * 1024;
    static final int MAX_ENTRIES = 10_000;
    /** Above this, more than 100× expansion of a file over 1 MB is treated as a bomb (ordinary Office files stay well below). */
    static final int MAX_RATIO = 100;

    private Archives() {
    }

    static void check(byte[] archive, FileTypes.Type type) {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw FileTypes.refused(BOMB);
                }
                byte[] head = new byte[FileTypes.TEXT_WINDOW];
                int headLength = 0;
                long entrySize = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    if (headLength < head.length) {
                        int take = Math.min(head.length - headLength, n);
                        System.arraycopy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    total += n;
                    entrySize += n;
                    if (total > MAX_TOTAL || (total > 1024 * 1024 && total > (long) MAX_RATIO * archive.length)) {
                        throw FileTypes.refused(BOMB);
                    }
                }
                if (type == FileTypes.Type.ZIP && !entry.isDirectory() && headLength > 0 && !evidence(head, headLength, entrySize > headLength, entry.getName())) {
                    throw FileTypes.refused(CONTENT);
                }
            }
        } catch (IOException | IllegalArgumentException malformed) {
            throw FileTypes.refused(FileTypes.UNSUPPORTED);
        }
        if (entries == 0) {
            throw FileTypes.refused(FileTypes.UNSUPPORTED);
        }
    }

    /**
     * An entry of a plain ZIP is what the platform accepts on its own: PDF, PNG, JPEG, an Office/OFD
     * file (a ZIP itself, told by its name; not inflated further) or UTF-8 text that is not markup
     * (logs, CSV). Executables, scripts, web pages and nested archives are not.
     */
    private static boolean evidence(byte[] head, int length, boolean truncated, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (starts(head, length, 0x25, 0x50, 0x44, 0x46, 0x2D) || starts(head, length, 0x89, 0x50, 0x4E, 0x47)
                || starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return true;
        }
        if (starts(head, length, 0x50, 0x4B, 0x03, 0x04)) {
            return lower.endsWith(".docx") || lower.endsWith(".xlsx") || lower.endsWith(".ofd");
        }
        // a prefix of a longer entry may end inside a character: one more byte tells utf8Head it is a prefix
        String text = FileTypes.utf8Head(java.util.Arrays.copyOf(head, truncated ? length + 1 : length));
        return text != null && !FileTypes.looksLikeMarkup(text);
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
