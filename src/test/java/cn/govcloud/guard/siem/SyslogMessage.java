package cn.govcloud.guard.siem;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 5424 message as a receiver reads it, parsed independently of the platform's formatter: header fields,
 * structured data with PARAM-VALUE escapes undone, and MSG (the BOM noted and removed). Refuses what is not
 * well-formed, so a test fails on a malformed message rather than reading around it.
 */
record SyslogMessage(int pri, String timestamp, String hostname, String appName, String procId, String msgId,
                     Map<String, Map<String, String>> data, boolean bom, String msg) {

    int facility() {
        return pri / 8;
    }

    int severity() {
        return pri % 8;
    }

    String param(String sdId, String name) {
        Map<String, String> element = data.get(sdId);
        return element == null ? null : element.get(name);
    }

    long seq(String sdId) {
        return Long.parseLong(param(sdId, "seq"));
    }

    static SyslogMessage parse(byte[] bytes) {
        Reader r = new Reader(bytes);
        r.expect('<');
        int pri = Integer.parseInt(r.until('>'));
        r.expect('>');
        if (!r.word().equals("1")) {
            throw new IllegalArgumentException("VERSION must be 1");
        }
        String timestamp = r.word();
        String hostname = r.word();
        String app = r.word();
        String proc = r.word();
        String msgId = r.word();
        Map<String, Map<String, String>> data = new LinkedHashMap<>();
        if (r.peek() == '-') {
            r.pos++;
        } else {
            while (r.pos < bytes.length && r.peek() == '[') {
                r.pos++;
                String id = r.name();
                Map<String, String> params = new LinkedHashMap<>();
                while (r.peek() == ' ') {
                    r.pos++;
                    String name = r.name();
                    r.expect('=');
                    r.expect('"');
                    params.put(name, r.value());
                }
                r.expect(']');
                data.put(id, params);
            }
        }
        boolean bom = false;
        String msg = null;
        if (r.pos < bytes.length) {
            r.expect(' ');
            byte[] rest = Arrays.copyOfRange(bytes, r.pos, bytes.length);
            bom = rest.length >= 3 && (rest[0] & 0xff) == 0xEF && (rest[1] & 0xff) == 0xBB && (rest[2] & 0xff) == 0xBF;
            msg = new String(rest, bom ? 3 : 0, rest.length - (bom ? 3 : 0), StandardCharsets.UTF_8);
        }
        return new SyslogMessage(pri, timestamp, hostname, app, proc, msgId, data, bom, msg);
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        char peek() {
            return (char) (b[pos] & 0xff);
        }

        void expect(char c) {
            if (pos >= b.length || b[pos] != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + new String(b, StandardCharsets.UTF_8));
            }
            pos++;
        }

        String until(char c) {
            int start = pos;
            while (b[pos] != c) {
                pos++;
            }
            return new String(b, start, pos - start, StandardCharsets.US_ASCII);
        }

        /** A header field: PRINTUSASCII up to the next space, which is consumed. */
        String word() {
            int start = pos;
            while (b[pos] != ' ') {
                if (b[pos] < 33 || b[pos] > 126) {
                    throw new IllegalArgumentException("header field with a non-PRINTUSASCII byte at " + pos);
                }
                pos++;
            }
            String w = new String(b, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            return w;
        }

        String name() {
            int start = pos;
            while (b[pos] != ' ' && b[pos] != '=' && b[pos] != ']') {
                pos++;
            }
            if (pos - start < 1 || pos - start > 32) {
                throw new IllegalArgumentException("SD-NAME of length " + (pos - start));
            }
            return new String(b, start, pos - start, StandardCharsets.US_ASCII);
        }

        /** A PARAM-VALUE up to the closing quote, with \" \\ \] unescaped (RFC 5424 §6.3.3); the quote is consumed. */
        String value() {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                byte c = b[pos++];
                if (c == '\\' && (b[pos] == '"' || b[pos] == '\\' || b[pos] == ']')) {
                    out.write(b[pos++]);
                } else if (c == '"') {
                    return out.toString(StandardCharsets.UTF_8);
                } else if (c == ']') {
                    throw new IllegalArgumentException("unescaped ] in PARAM-VALUE");
                } else {
                    out.write(c);
                }
            }
        }
    }
}
