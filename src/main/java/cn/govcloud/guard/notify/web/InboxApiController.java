package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in person's inbox over the API: list (newest first, keyset cursor), mark one or all
 * read. Another organisation's or another role's notice answers 404, as if it did not exist.
 */
@RestController
@RequestMapping("/api/v1/inbox")
@Allow(anyUser = true)
class InboxApiController {
    private final InboxService inbox;
    private final cn.govcloud.guard.notify.internal.InboxGroups groups;

    InboxApiController(InboxService inbox, cn.govcloud.guard.notify.internal.InboxGroups groups) {
        this.inbox = inbox;
        this.groups = groups;
    }

    /**
     * Issue 23 point 6: the notices grouped per kind of message, subject (for duty notices: the rule) and
     * day, newest first: {@code {"groups": [{day, kind, messageKey, subject, severity, count, unread, link, ids}],
     * "nextCursor", "unread", "unreadByKind", "unreadBySeverity"}}; {@code kind} (DUTY, ALERT, HAZARD, INCIDENT,
     * SUPERVISION, ACCESS, OTHER) and {@code severity} (INFO, WARNING, CRITICAL) filter.
     */
    @GetMapping("/groups")
    Map<String, Object> groups(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) Long cursor,
                               @RequestParam(required = false) String kind, @RequestParam(required = false) String severity, Locale locale) {
        InboxService.Filter filter = filter(kind, severity, unread);
        Addressee reader = Addressee.current();
        var page = groups.page(reader, filter, cursor, locale);
        var counts = groups.unreadCounts(reader);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groups", page.groups().stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", g.day().toString());
            m.put("kind", g.kind().name());
            m.put("messageKey", g.messageKey());
            m.put("subject", g.subject());
            m.put("severity", g.severity().name());
            m.put("count", g.count());
            m.put("unread", g.unread());
            m.put("link", g.link());
            m.put("ids", g.ids());
            return m;
        }).toList());
        body.put("nextCursor", page.nextCursor());
        body.put("unread", counts.total());
        body.put("unreadByKind", counts.byKind());
        body.put("unreadBySeverity", counts.bySeverity());
        return body;
    }

    /** Both filters must name a known value: 400 naming each bad field, nothing else happens. */
    private static InboxService.Filter filter(String kind, String severity, boolean unread) {
        Map<String, String> errors = new LinkedHashMap<>();
        cn.govcloud.guard.notify.internal.InboxKind k = null;
        cn.govcloud.guard.notify.Notice.Severity s = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = cn.govcloud.guard.notify.internal.InboxKind.valueOf(kind.strip());
            } catch (IllegalArgumentException e) {
                errors.put("kind", "one of DUTY, ALERT, HAZARD, INCIDENT, SUPERVISION, ACCESS, OTHER");
            }
        }
        if (severity != null && !severity.isBlank()) {
            try {
                s = cn.govcloud.guard.notify.Notice.Severity.valueOf(severity.strip());
            } catch (IllegalArgumentException e) {
                errors.put("severity", "one of INFO, WARNING, CRITICAL");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("invalid inbox filter", errors);
        }
        return new InboxService.Filter(k, s, unread);
    }

    /** {@code {"items": [...], "nextCursor", "unread"}}; pass {@code nextCursor} as {@code cursor} for the next page. */
    @GetMapping
    Map<String, Object> list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) Long cursor,
                             @RequestParam(defaultValue = "50") int limit, Locale locale) {
        if (limit < 1 || limit > InboxService.MAX_PAGE) {
            throw new InvalidInput("limit must be between 1 and " + InboxService.MAX_PAGE, Map.of("limit", "1.." + InboxService.MAX_PAGE));
        }
        Addressee reader = Addressee.current();
        InboxService.Page page = inbox.page(reader, unread, cursor, limit, locale);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        body.put("unread", inbox.unreadCount(reader));
        return body;
    }

    @GetMapping("/{id}")
    Object one(@PathVariable long id, Locale locale) {
        return inbox.entry(Addressee.current(), id, locale);
    }

    @PostMapping("/{id}/read")
    Map<String, Object> read(@PathVariable long id) {
        Addressee reader = Addressee.current();
        inbox.markRead(reader, id);
        return Map.of("id", id, "read", true, "unread", inbox.unreadCount(reader));
    }

    /**
     * {@code upTo}: the newest notice id the client has shown, so later arrivals stay unread; {@code kind} and
     * {@code severity} (optional) mark only the notices that filter shows. Audited.
     */
    @PostMapping("/read-all")
    Map<String, Object> readAll(@RequestParam(required = false) Long upTo, @RequestParam(required = false) String kind,
                                @RequestParam(required = false) String severity) {
        InboxService.Filter filter = filter(kind, severity, false);
        Addressee reader = Addressee.current();
        int marked = inbox.markAllRead(reader, upTo, filter);
        return Map.of("marked", marked, "unread", inbox.unreadCount(reader));
    }
}
