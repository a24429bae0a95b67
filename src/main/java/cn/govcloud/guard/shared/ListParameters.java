package cn.govcloud.guard.shared;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Issue 23 point 11: the one way a list reads its query string (page, Excel export and API alike). One policy for every
 * list: a value the list cannot read is <em>refused</em> naming the parameter (400 problem in the API, the message beside
 * the filter on the page), never silently read as "any" — a filter that did nothing would make an export claim rows it
 * does not hold. Every bad parameter is named at once ({@link #check}), not only the first.
 *
 * <p>Usage: read each parameter the list knows ({@link #keyword}, {@link #id}, {@link #choice}, {@link #flag},
 * {@link #date}, {@link #month}, {@link #page}, {@link #size}), add the list's own checks with {@link #refuse}, then
 * {@link #check}. {@link #given} keeps what was read (trimmed, blanks left out) for the pager's and the export's links
 * ({@link #href}). Messages are {@code list.error.*} in the {@code web} bundle.
 */
public final class ListParameters {
    /** The page sizes offered on the pages; the API may ask for any size up to its own maximum. */
    public static final java.util.List<Integer> SIZES = java.util.List.of(20, 50, 100);
    public static final int MAX_KEYWORD = 100;

    private final Map<String, String> raw;
    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    private ListParameters(Map<String, String> raw) {
        this.raw = raw;
    }

    /** The request's parameters (a page's {@code @RequestParam Map}, or one built by an API handler). */
    public static ListParameters of(Map<String, String> raw) {
        return new ListParameters(raw == null ? Map.of() : raw);
    }

    /** The value as typed, trimmed; null when absent or blank. Remembered for the links. */
    public String text(String name) {
        String v = raw.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.strip();
        given.put(name, s);
        return s;
    }

    /** A keyword of at most {@value #MAX_KEYWORD} characters (search it with {@link Like#containing}). */
    public String keyword(String name) {
        String q = text(name);
        if (q != null && q.length() > MAX_KEYWORD) {
            errors.put(name, "list.error.q");
        }
        return q;
    }

    /** A record's number (a unit, a system); refused unless digits. */
    public Long id(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        if (!v.matches("[0-9]{1,15}")) {
            errors.put(name, "list.error.number");
            return null;
        }
        return Long.valueOf(v);
    }

    /** A whole number within {@code [min, max]}, e.g. a year. */
    public Integer number(String name, int min, int max) {
        Long v = id(name);
        if (v == null) {
            return null;
        }
        if (v < min || v > max) {
            errors.put(name, "list.error.number");
            return null;
        }
        return v.intValue();
    }

    /** One of {@code allowed} (compared without regard to case; answered as spelled in {@code allowed}). */
    public String choice(String name, Collection<String> allowed) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        errors.put(name, "list.error.choice");
        return null;
    }

    /** A constant of {@code type} by its name, case-insensitive. */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(name, "list.error.choice");
            return null;
        }
    }

    /** {@code yes} → true, {@code no} → false (e.g. {@code "true"/"false"}, {@code "open"/"closed"}); null when absent. */
    public Boolean flag(String name, String yes, String no) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        if (v.equals(yes)) {
            return true;
        }
        if (v.equals(no)) {
            return false;
        }
        errors.put(name, "list.error.choice");
        return null;
    }

    /** {@code true}/{@code false}. */
    public Boolean flag(String name) {
        return flag(name, "true", "false");
    }

    /** A day, {@code yyyy-MM-dd}. */
    public LocalDate date(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(name, "list.error.date");
            return null;
        }
    }

    /** A month, {@code yyyy-MM}. */
    public YearMonth month(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return YearMonth.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(name, "list.error.month");
            return null;
        }
    }

    /** Refuses a range whose end is before its start (named on the end). */
    public void range(String fromName, LocalDate from, String toName, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            errors.put(toName, "list.error.range");
        }
    }

    /** The zero-based page ({@code page}); 0 when absent. Not kept in {@link #given}: each link names its own page. */
    public int page() {
        String v = raw.get("page");
        if (v == null || v.isBlank()) {
            return 0;
        }
        if (!v.strip().matches("[0-9]{1,6}")) {
            errors.put("page", "list.error.page");
            return 0;
        }
        return Integer.parseInt(v.strip());
    }

    /**
     * Rows per page ({@code size}): on a page one of {@link #SIZES} ({@code max} 0), in the API any from 1 to {@code max};
     * {@code absent} when not given. Kept in {@link #given} only when it differs from {@code absent}.
     */
    public int size(int absent, int max) {
        String v = raw.get("size");
        if (v == null || v.isBlank()) {
            return absent;
        }
        String s = v.strip();
        int size = s.matches("[0-9]{1,4}") ? Integer.parseInt(s) : -1;
        boolean ok = max > 0 ? size >= 1 && size <= max : SIZES.contains(size);
        if (!ok) {
            errors.put("size", max > 0 ? "list.error.sizeApi" : "list.error.size");
            return absent;
        }
        if (size != absent) {
            given.put("size", s);
        }
        return size;
    }

    /** A list's own check on a parameter it read ({@code key}: a message key of its bundle). */
    public void refuse(String name, String key) {
        errors.put(name, key);
    }

    /** Throws one {@link InvalidInput} naming every refused parameter, if any was. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInput("list.error.invalid", errors);
        }
    }

    /** The parameters read (trimmed, non-blank), in the order read, for links to other pages and the export. */
    public Map<String, String> given() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** {@code path} with {@code params} and the page (page 0 left out), encoded. */
    public static String href(String path, Map<String, String> params, int page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        params.forEach(b::queryParam);
        if (page > 0) {
            b.queryParam("page", page);
        }
        return b.encode().build().toUriString();
    }
}
