package cn.govcloud.guard.documents.internal;

import java.util.Locale;

/**
 * A file name fit to store, show and send back in a download: the last path segment only, no
 * control or bidirectional-formatting characters (which can disguise {@code exe.pdf} as
 * {@code fdp.exe}), no characters Windows refuses, at most {@link #MAX} characters, and an
 * extension that matches the detected content.
 */
public final class Filenames {
    public static final int MAX = 200;
    static final String FALLBACK = "document";
    private static final String WINDOWS_RESERVED = "\"*:<>?|";

    private Filenames() {
    }

    /** The name without path parts or unsafe characters; {@value #FALLBACK} when nothing is left. */
    public static String sanitise(String name) {
        if (name == null) {
            return FALLBACK;
        }
        String last = name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        StringBuilder clean = new StringBuilder(last.length());
        last.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.PRIVATE_USE
                    || Character.getType(cp) == Character.LINE_SEPARATOR || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                return;
            }
            if (WINDOWS_RESERVED.indexOf(cp) >= 0) {
                clean.append('_');
            } else if (Character.isWhitespace(cp)) {
                clean.append(' ');
            } else {
                clean.appendCodePoint(cp);
            }
        });
        // no leading dots (hidden files, "..") and no trailing dots or spaces (Windows drops them)
        String result = clean.toString().strip().replaceAll("^\\.+", "").replaceAll("[. ]+$", "").strip();
        return result.isEmpty() ? FALLBACK : limit(result);
    }

    /** The extension, lower case, without the dot; "" when the name has none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The name with {@code type}'s own extension appended unless it already carries one of them. */
    public static String withExtensionOf(String name, FileTypes.Type type) {
        if (type.extensions().contains(extension(name))) {
            return limit(name);
        }
        String suffix = "." + type.extensions().get(0);
        return cut(name, MAX - suffix.length()) + suffix;
    }

    /** At most {@link #MAX} characters, keeping the extension. */
    static String limit(String name) {
        if (name.length() <= MAX) {
            return name;
        }
        String ext = extension(name);
        if (ext.isEmpty() || ext.length() > 20) {
            return cut(name, MAX);
        }
        String base = name.substring(0, name.length() - ext.length() - 1);
        return cut(base, MAX - ext.length() - 1) + "." + ext;
    }

    /** The first {@code max} UTF-16 units, not splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
