package cn.govcloud.guard.hazards.intake.syslog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one syslog line (issue 21 point 3): RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}) or
 * RFC 3164 / BSD ({@code <PRI>Mmm dd hh:mm:ss HOST TAG[pid]: MSG}). Lenient like a relay (RFC 3164 section 4.3):
 * a line without a valid PRI is kept whole as the message ({@code RAW}), a BSD header without a host or tag keeps
 * what it has. Never throws on input.
 */
public final class SyslogParser {
    private static final Pattern PRI = Pattern.compile("^<(\\d{1,3})>");
    /** RFC 3164 timestamp: "Oct 11 22:14:15" (the day space-padded), optionally followed by a year. */
    private static final Pattern BSD_TIME = Pattern.compile(
            "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?: (\\d{4}))? ");
    private static final Pattern TAG = Pattern.compile("^([A-Za-z0-9_./\\-]{1,48})(?:\\[([^\\]]{0,32})\\])?:(?: |$)");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);

    private SyslogParser() {
    }

    /**
     * @param line one message without its framing (no trailing newline)
     * @param now  the receipt time: the year of a BSD timestamp (which has none) is the one that puts it nearest before it
     * @param zone the zone of BSD timestamps (which carry none)
     */
    public static SyslogMessage parse(String line, Instant now, ZoneId zone) {
        String s = line == null ? "" : stripEnd(line);
        Matcher pri = PRI.matcher(s);
        if (!pri.find()) {
            return raw(s);
        }
        int value = Integer.parseInt(pri.group(1));
        if (value > 191) {
            return raw(s);
        }
        int facility = value / 8;
        int severity = value % 8;
        String rest = s.substring(pri.end());
        if (rest.startsWith("1 ")) {
            SyslogMessage m = rfc5424(facility, severity, rest.substring(2));
            if (m != null) {
                return m;
            }
        }
        return rfc3164(facility, severity, rest, now, zone);
    }

    private static SyslogMessage raw(String s) {
        return new SyslogMessage("RAW", -1, -1, null, null, null, null, null, Map.of(), s);
    }

    private static SyslogMessage rfc5424(int facility, int severity, String s) {
        String[] head = new String[5];
        int at = 0;
        for (int i = 0; i < 5; i++) {
            int sp = s.indexOf(' ', at);
            if (sp < 0) {
                return null;
            }
            head[i] = s.substring(at, sp);
            at = sp + 1;
        }
        Instant time = null;
        if (!"-".equals(head[0])) {
            try {
                time = OffsetDateTime.parse(head[0], DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                time = null; // an unreadable time: the receipt time stands in
            }
        }
        Map<String, String> sd = new LinkedHashMap<>();
        String msg;
        if (s.startsWith("-", at)) {
            msg = s.substring(Math.min(s.length(), at + 2));
        } else if (s.startsWith("[", at)) {
            int end = structuredData(s, at, sd);
            if (end < 0) {
                return null;
            }
            msg = end < s.length() ? s.substring(Math.min(s.length(), end + 1)) : "";
        } else {
            return null;
        }
        if (msg.startsWith("\uFEFF")) {
            msg = msg.substring(1);
        }
        return new SyslogMessage("RFC5424", facility, severity, time, nil(head[1]), nil(head[2]), nil(head[3]), nil(head[4]), sd, msg);
    }

    /** Reads SD-ELEMENTs from {@code at}; returns the index after the last one, or -1 when malformed. */
    private static int structuredData(String s, int at, Map<String, String> sd) {
        int i = at;
        while (i < s.length() && s.charAt(i) == '[') {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != ' ' && s.charAt(j) != ']') {
                j++;
            }
            if (j >= s.length()) {
                return -1;
            }
            String id = s.substring(i + 1, j);
            i = j;
            while (i < s.length() && s.charAt(i) == ' ') {
                int eq = s.indexOf('=', i);
                if (eq < 0 || eq + 1 >= s.length() || s.charAt(eq + 1) != '"') {
                    return -1;
                }
                String name = s.substring(i + 1, eq);
                StringBuilder value = new StringBuilder();
                int k = eq + 2;
                for (; k < s.length() && s.charAt(k) != '"'; k++) {
                    char c = s.charAt(k);
                    if (c == '\\' && k + 1 < s.length() && "\"\\]".indexOf(s.charAt(k + 1)) >= 0) {
                        c = s.charAt(++k);
                    }
                    value.append(c);
                }
                if (k >= s.length()) {
                    return -1;
                }
                sd.put("sd." + id + "." + name, value.toString());
                i = k + 1;
            }
            if (i >= s.length() || s.charAt(i) != ']') {
                return -1;
            }
            i++;
        }
        return i;
    }

    private static SyslogMessage rfc3164(int facility, int severity, String s, Instant now, ZoneId zone) {
        Instant time = null;
        String rest = s;
        Matcher t = BSD_TIME.matcher(s);
        if (t.find()) {
            time = bsdTime(t, now, zone);
            rest = s.substring(t.end());
        }
        String host = null;
        Matcher tag = TAG.matcher(rest);
        if (time != null && !tag.find()) {
            int sp = rest.indexOf(' ');
            if (sp > 0) {
                host = rest.substring(0, sp);
                rest = rest.substring(sp + 1);
                tag = TAG.matcher(rest);
            } else {
                tag = TAG.matcher("");
            }
        } else {
            tag.reset();
        }
        String app = null;
        String pid = null;
        if (tag.find()) {
            app = tag.group(1);
            pid = tag.group(2);
            rest = rest.substring(tag.end());
        }
        return new SyslogMessage("RFC3164", facility, severity, time, host, app, pid, null, Map.of(), rest);
    }

    private static Instant bsdTime(Matcher t, Instant now, ZoneId zone) {
        try {
            int month = MONTH.parse(t.group(1)).get(java.time.temporal.ChronoField.MONTH_OF_YEAR);
            int day = Integer.parseInt(t.group(2));
            int h = Integer.parseInt(t.group(3));
            int m = Integer.parseInt(t.group(4));
            int sec = Integer.parseInt(t.group(5));
            ZonedDateTime here = now.atZone(zone);
            int year = t.group(6) != null ? Integer.parseInt(t.group(6)) : here.getYear();
            if (t.group(6) == null && !MonthDay.of(month, day).isValidYear(year)) {
                year--;
            }
            ZonedDateTime at = LocalDateTime.of(year, month, day, h, m, sec).atZone(zone);
            // no year in the header: a time more than a day ahead is last year's (a December line read in January)
            if (t.group(6) == null && at.isAfter(here.plusDays(1))) {
                at = at.minusYears(1);
            }
            return at.toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static String nil(String s) {
        return "-".equals(s) ? null : s;
    }

    private static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }
}
