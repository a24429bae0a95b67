package cn.govcloud.guard.hazards.intake.syslog;

import java.time.Instant;
import java.util.Map;

/**
 * One syslog message as read by {@link SyslogParser} (issue 21 point 3, A10.1).
 *
 * @param format         {@code RFC5424}, {@code RFC3164}, or {@code RAW} (no valid PRI: the whole line is the message)
 * @param facility       0–23, or -1 without a PRI
 * @param severity       0 (emergency) – 7 (debug), or -1 without a PRI
 * @param timestamp      the header's time, null when absent or unreadable (the receipt time is used then)
 * @param structuredData RFC 5424 SD parameters as {@code sd.<SD-ID>.<PARAM-NAME>}; empty otherwise
 */
public record SyslogMessage(String format, int facility, int severity, Instant timestamp, String hostname, String appName,
                            String procId, String msgId, Map<String, String> structuredData, String message) {

    public SyslogMessage {
        structuredData = Map.copyOf(structuredData);
        message = message == null ? "" : message;
    }
}
