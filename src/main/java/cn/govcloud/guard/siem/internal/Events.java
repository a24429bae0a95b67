package cn.govcloud.guard.siem.internal;

import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.siem.Category;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One operation-log record as a SIEM receives it: an RFC 5424 message whose structured data carries every
 * field under the platform's SD-ID and whose MSG reads as a sentence, or one JSON object for a webhook. The
 * record's id travels with it ({@code seq}), so a receiver can drop the duplicates an at-least-once stream
 * may repeat after an outage.
 */
@Component
class Events {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final SiemSettings settings;

    Events(SiemSettings settings) {
        this.settings = settings;
    }

    /** A webhook line's fields. */
    record Line(String source, long seq, String occurredAt, String category, String actor, String organisation, String sourceAddress,
                String action, String target, String result, String details, String hash, String host) {
    }

    byte[] syslog(AuditRecord r) {
        Category category = Category.of(r.action());
        List<Map.Entry<String, String>> params = List.of(
                new SimpleEntry<>("seq", Long.toString(r.id())),
                new SimpleEntry<>("category", category.code()),
                new SimpleEntry<>("action", r.action()),
                new SimpleEntry<>("target", r.target()),
                new SimpleEntry<>("result", r.result()),
                new SimpleEntry<>("actor", r.actor()),
                new SimpleEntry<>("org", r.organisation()),
                new SimpleEntry<>("src", r.sourceAddress()),
                new SimpleEntry<>("hash", r.hash()));
        Rfc5424.Header header = new Rfc5424.Header(settings.facility(), severity(category, r.result()), r.occurredAt(), settings.hostname(),
                settings.appName(), null, category.code());
        return Rfc5424.message(header, List.of(new Rfc5424.SdElement(settings.sdId(), params)), sentence(r));
    }

    Line line(AuditRecord r) {
        return new Line(settings.appName(), r.id(), r.occurredAt().toString(), Category.of(r.action()).code(), r.actor(), r.organisation(),
                r.sourceAddress(), r.action(), r.target(), r.result(), r.details(), r.hash(), settings.hostname());
    }

    /** A webhook body: one object a line ({@code NDJSON}, each line ending in LF) or one JSON array. */
    byte[] webhookBody(List<AuditRecord> records, boolean ndjson) {
        if (!ndjson) {
            return JSON.writeValueAsBytes(records.stream().map(this::line).toList());
        }
        StringBuilder out = new StringBuilder(records.size() * 400);
        for (AuditRecord r : records) {
            out.append(JSON.writeValueAsString(line(r))).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Warning (4) for what failed or was refused, notice (5) for alerts, hazards and incidents, informational (6)
     * for the rest: a SIEM rule on severity then picks out what a person should look at.
     */
    static int severity(Category category, String result) {
        if (!"SUCCESS".equals(result)) {
            return 4;
        }
        return category == Category.ALERT || category == Category.HAZARD || category == Category.INCIDENT ? 5 : 6;
    }

    private static String sentence(AuditRecord r) {
        return r.actor() + " " + r.action() + (r.target() == null ? "" : " " + r.target()) + " " + r.result()
                + (r.details() == null || r.details().isEmpty() ? "" : ": " + r.details());
    }
}
