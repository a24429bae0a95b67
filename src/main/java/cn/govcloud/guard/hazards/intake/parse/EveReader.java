package cn.govcloud.guard.hazards.intake.parse;

import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Suricata EVE JSON lines, read token by token with Jackson's streaming parser (one event's fields
 * at a time, nothing else kept). Only {@code event_type} alert is taken; other events (flow, dns,
 * stats…) are counted and skipped. Timestamps look like {@code 2026-03-02T14:05:00.123456+0800}
 * (RECIPES.md: ISO_OFFSET_DATE_TIME fails on them); {@code +08:00} is accepted too.
 */
public final class EveReader {
    /** What one body held. */
    public record Counts(long events, long alerts, long skipped) {
    }

    /** yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx, with 0–9 fraction digits and the offset with or without a colon. */
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000)
                    .maxNumberLength(100).build())
            .build();

    private EveReader() {
    }

    /**
     * Reads every event; a body in which no line is a Suricata EVE event (none has an {@code event_type}:
     * an empty body, a CycloneDX file, a form field) is refused, so it is never recorded as an import.
     */
    public static Counts parse(InputStream in, long maxBytes, Consumer<EveAlert> sink) {
        long events = 0;
        long alerts = 0;
        long[] typed = new long[1];
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), new LimitedInputStream(in, maxBytes))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                events++;
                if (t != JsonToken.START_OBJECT) {
                    throw MalformedInput.of("hazards.intake.parse.notObject", String.valueOf(events), String.valueOf(line(p)));
                }
                EveAlert alert = event(p, events, typed);
                if (alert != null) {
                    alerts++;
                    sink.accept(alert);
                }
            }
        } catch (JacksonException e) {
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof LimitedInputStream.TooLarge) {
                    throw MalformedInput.of(e, "hazards.intake.parse.bodyTooLarge", LimitedInputStream.megabytes(maxBytes));
                }
            }
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            throw MalformedInput.of(e, "hazards.intake.parse.notJson", String.valueOf(events),
                    e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr()),
                    message.length() > 200 ? message.substring(0, 200) : message);
        }
        if (typed[0] == 0) {
            throw events == 0 ? MalformedInput.of("hazards.intake.parse.emptyBody")
                    : MalformedInput.of("hazards.intake.parse.noEveEvent", String.valueOf(events));
        }
        return new Counts(events, alerts, events - alerts);
    }

    private static long line(JsonParser p) {
        return p.currentLocation() == null ? -1 : p.currentLocation().getLineNr();
    }

    /** Reads one event object (the parser is on its START_OBJECT); null when it is not an alert. */
    private static EveAlert event(JsonParser p, long n, long[] typed) {
        long line = line(p);
        String type = null;
        String timestamp = null;
        Long flowId = null;
        String communityId = null;
        String srcIp = null;
        Integer srcPort = null;
        String destIp = null;
        Integer destPort = null;
        String proto = null;
        Long signatureId = null;
        String signature = null;
        Integer severity = null;
        String category = null;
        String action = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.PROPERTY_NAME) {
                throw MalformedInput.of("hazards.intake.parse.notObject", String.valueOf(n), String.valueOf(line));
            }
            String field = p.currentName();
            t = p.nextToken();
            switch (field) {
                case "event_type" -> type = text(p, t);
                case "timestamp" -> timestamp = text(p, t);
                case "flow_id" -> flowId = number(p, t, n, field);
                case "community_id" -> communityId = text(p, t);
                case "src_ip" -> srcIp = text(p, t);
                case "dest_ip" -> destIp = text(p, t);
                case "src_port" -> srcPort = port(p, t, n, field);
                case "dest_port" -> destPort = port(p, t, n, field);
                case "proto" -> proto = text(p, t);
                case "alert" -> {
                    if (t != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        break;
                    }
                    JsonToken a;
                    while ((a = p.nextToken()) != JsonToken.END_OBJECT) {
                        String name = p.currentName();
                        a = p.nextToken();
                        switch (name) {
                            case "signature_id" -> signatureId = number(p, a, n, "alert.signature_id");
                            case "signature" -> signature = text(p, a);
                            case "category" -> category = text(p, a);
                            case "action" -> action = text(p, a);
                            case "severity" -> {
                                Long s = number(p, a, n, "alert.severity");
                                severity = s == null ? null : (int) Math.max(0, Math.min(255, s));
                            }
                            default -> p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (type != null) {
            typed[0]++;
        }
        if (!"alert".equals(type)) {
            return null;
        }
        MalformedInput.Part where = new MalformedInput.Part("hazards.intake.parse.alertEvent", String.valueOf(n), String.valueOf(line));
        if (timestamp == null) {
            throw MalformedInput.of("hazards.intake.parse.noTimestamp", where);
        }
        if (signatureId == null || signature == null) {
            throw MalformedInput.of("hazards.intake.parse.noSignature", where);
        }
        if (srcIp == null || destIp == null) {
            throw MalformedInput.of("hazards.intake.parse.noAddress", where);
        }
        return new EveAlert(timestamp(timestamp, where), flowId, clip(communityId, 100), clip(srcIp, 64), srcPort, clip(destIp, 64), destPort,
                clip(proto, 20), signatureId, clip(signature, 500), severity == null ? 3 : severity, clip(category, 200), clip(action, 20));
    }

    static Instant timestamp(String text, Object where) {
        try {
            return OffsetDateTime.parse(text, TIMESTAMP).toInstant();
        } catch (DateTimeParseException e) {
            throw MalformedInput.of("hazards.intake.parse.badTimestamp", where, clip(text, 40));
        }
    }

    private static String text(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }

    private static Long number(JsonParser p, JsonToken t, long n, String field) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw MalformedInput.of("hazards.intake.parse.outOfRange", String.valueOf(n), field, "");
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        p.skipChildren();
        throw MalformedInput.of("hazards.intake.parse.notWhole", String.valueOf(n), field);
    }

    private static Integer port(JsonParser p, JsonToken t, long n, String field) {
        Long v = number(p, t, n, field);
        if (v != null && (v < 0 || v > 65535)) {
            throw MalformedInput.of("hazards.intake.parse.outOfRange", String.valueOf(n), field, String.valueOf(v));
        }
        return v == null ? null : v.intValue();
    }

    private static String clip(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }
}
