package cn.govcloud.guard.duties.web;

import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What raised a duty, in words (issue 23 point 4): the event's name ({@code hazard.notified}) and its reference
 * ({@code hazard:7}) are machine identifiers; a page shows 「隐患已通知」 and 「隐患 #7」 linked to the hazard. Used from
 * the templates as {@code @dutyReferences}; an event or kind without a label falls back to the identifier, never to
 * a message key.
 */
@Component("dutyReferences")
public class DutyReferences {
    /** The page of each kind of record a duty can refer to; kinds without a page of their own show no link. */
    private static final Map<String, String> PAGES = Map.ofEntries(
            Map.entry("hazard", "/hazards/"), Map.entry("incident", "/incidents/"), Map.entry("system", "/systems/"),
            Map.entry("alert", "/intake/alerts/"), Map.entry("findings", "/intake/imports/"), Map.entry("work-order", "/work-orders/"),
            Map.entry("channel", "/access/channels/"), Map.entry("supervision-notice", "/supervision/notices/"),
            Map.entry("scheduling-action", "/supervision/scheduling/"), Map.entry("visit", "/access/visits/"),
            Map.entry("exit", "/platform/exits/"));

    private final MessageSource messages;

    DutyReferences(MessageSource messages) {
        this.messages = messages;
    }

    /** 「隐患已通知」 for {@code hazard.notified}. */
    public String event(String event) {
        return event == null ? "" : messages.getMessage("duties.event." + event, null, event, LocaleContextHolder.getLocale());
    }

    /** 「隐患 #7」 for {@code hazard:7}; 「2027 年节假日安排」 for {@code calendar-year:2027}. */
    public String label(String reference) {
        if (reference == null || reference.isBlank()) {
            return "";
        }
        int colon = reference.indexOf(':');
        if (colon < 0) {
            return reference;
        }
        String[] parts = reference.split(":");
        if (parts.length > 2 && parts.length % 2 == 0) { // exit:1:system:2, a record of one kind about one of another
            StringBuilder words = new StringBuilder();
            for (int i = 0; i < parts.length; i += 2) {
                String one = one(parts[i], parts[i + 1]);
                if (one == null) {
                    return reference;
                }
                words.append(i == 0 ? "" : " · ").append(one);
            }
            return words.toString();
        }
        String label = one(reference.substring(0, colon), reference.substring(colon + 1));
        return label == null ? reference : label;
    }

    private String one(String kind, String id) {
        String label = messages.getMessage("duties.reference." + kind, new Object[] {id}, "", LocaleContextHolder.getLocale());
        return label == null || label.isEmpty() ? null : label;
    }

    /** The page of the referenced record, or null when it has none (or the reference is not {@code kind:number}). */
    public String href(String reference) {
        if (reference == null) {
            return null;
        }
        String[] parts = reference.split(":");
        if (parts.length < 2 || parts.length % 2 != 0 || !parts[1].matches("\\d{1,18}")) {
            return null;
        }
        String page = PAGES.get(parts[0]); // exit:1:system:2 links to the exit it is about first
        return page == null ? null : page + parts[1];
    }
}
