package cn.govcloud.guard.siem.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The syslog message format of RFC 5424 and the octet-counting frame of RFC 5425 / RFC 6587 §3.4.1, written
 * once so the TLS, TCP and UDP transports cannot disagree:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID PARAM="VALUE" …] BOM MSG}.
 * Header fields are PRINTUSASCII of bounded length (anything else becomes {@code _}, nothing at all the NILVALUE
 * {@code -}); PARAM-VALUEs are UTF-8 with {@code "}, {@code \} and {@code ]} escaped by a backslash (§6.3.3);
 * MSG is UTF-8 behind the byte-order mark, as §6.4 asks of a UTF-8 MSG.
 */
final class Rfc5424 {
    static final String NILVALUE = "-";
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Rfc5424() {
    }

    /** One SD-ELEMENT: an SD-ID (e.g. {@code govguard@32473}) and its parameters in order; null values are left out. */
    record SdElement(String id, List<Map.Entry<String, String>> params) {
    }

    /** The header fields after PRI and VERSION. */
    record Header(int facility, int severity, Instant timestamp, String hostname, String appName, String procId, String msgId) {
    }

    /** PRI = facility × 8 + severity (§6.2.1): facility 0..23, severity 0 (emergency) .. 7 (debug). */
    static int pri(int facility, int severity) {
        if (facility < 0 || facility > 23 || severity < 0 || severity > 7) {
            throw new IllegalArgumentException("facility 0..23 and severity 0..7, got " + facility + "/" + severity);
        }
        return facility * 8 + severity;
    }

    /** The whole SYSLOG-MSG as UTF-8 bytes; {@code msg} null leaves MSG out. */
    static byte[] message(Header h, List<SdElement> data, String msg) {
        StringBuilder head = new StringBuilder(256);
        head.append('<').append(pri(h.facility(), h.severity())).append(">1 ")
                .append(h.timestamp() == null ? NILVALUE : TIMESTAMP.format(h.timestamp().truncatedTo(ChronoUnit.MICROS))).append(' ')
                .append(field(h.hostname(), 255)).append(' ')
                .append(field(h.appName(), 48)).append(' ')
                .append(field(h.procId(), 128)).append(' ')
                .append(field(h.msgId(), 32)).append(' ');
        if (data == null || data.isEmpty()) {
            head.append(NILVALUE);
        } else {
            for (SdElement e : data) {
                head.append('[').append(name(e.id(), true));
                for (Map.Entry<String, String> p : e.params()) {
                    if (p.getValue() != null) {
                        head.append(' ').append(name(p.getKey(), false)).append("=\"").append(escape(p.getValue())).append('"');
                    }
                }
                head.append(']');
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() * 2 + 64);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (msg != null) {
            out.write(' ');
            out.writeBytes(BOM);
            out.writeBytes(msg.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** RFC 5425 framing: {@code MSG-LEN SP SYSLOG-MSG}, the length in octets. */
    static byte[] octetCounted(byte[] message) {
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(message, 0, frame, prefix.length, message.length);
        return frame;
    }

    /** PARAM-VALUE escaping (§6.3.3): {@code "}, {@code \} and {@code ]} get a backslash; everything else stays, UTF-8. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A header field: PRINTUSASCII (33..126) within {@code max} characters, or the NILVALUE. */
    static String field(String value, int max) {
        if (value == null || value.isEmpty()) {
            return NILVALUE;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 33 && c <= 126 ? c : '_');
        }
        return out.toString();
    }

    /** SD-NAME (§6.3.2, §6.3.3): 1..32 PRINTUSASCII except {@code = ] "} and space; an SD-ID may carry {@code @}. */
    static String name(String value, boolean sdId) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an SD-ID or PARAM-NAME cannot be empty");
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length() && out.length() < 32; i++) {
            char c = value.charAt(i);
            boolean ok = c >= 33 && c <= 126 && c != '=' && c != ']' && c != '"' && (sdId || c != '@');
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}
