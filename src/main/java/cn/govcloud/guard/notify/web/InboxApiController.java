package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxGroups;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import java.util.LinkedHashMap;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.internal.InboxEntry;
import cn.govcloud.guard.notify.internal.InboxKind;
import java.util.List;
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
    GroupPage groups(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) Long cursor,
                               @RequestParam(required = false) String kind, @RequestParam(required = false) String severity, Locale locale) {
        InboxService.Filter filter = filter(kind, severity, unread);
        Addressee reader = Addressee.current();
        var page = groups.page(reader, filter, cursor, locale);
        var counts = groups.unreadCounts(reader);
        return new GroupPage(page.groups().stream().map(GroupView::of).toList(), page.nextCursor(), counts.total(), counts.byKind(),
                counts.bySeverity());
    }

    /** One group of the inbox: the notices of one kind, subject and severity on one day. */
    record GroupView(String day, String kind, String messageKey, String subject, String severity, int count, int unread, String link,
                     List<Long> ids) {
        static GroupView of(InboxGroups.Group g) {
            return new GroupView(g.day().toString(), g.kind().name(), g.messageKey(), g.subject(), g.severity().name(), g.count(),
                    g.unread(), g.link(), g.ids());
        }
    }

    record GroupPage(List<GroupView> groups, Long nextCursor, long unread, Map<InboxKind, Long> unreadByKind,
                     Map<Notice.Severity, Long> unreadBySeverity) {
    }

    record EntryPage(List<InboxEntry> items, Long nextCursor, long unread) {
    }

    record Read(long id, boolean read, long unread) {
    }

    record ReadAll(int marked, long unread) {
    }

    /** Both filters must name a known value: 400 naming each bad field, nothing else happens. */
    private static InboxService.Filter filter(String kind, String severity, boolean unread) {
        Map<String, String> errors = new LinkedHashMap<>();
        InboxKind k = null;
        Notice.Severity s = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = InboxKind.valueOf(kind.strip());
            } catch (IllegalArgumentException e) {
                errors.put("kind", "one of DUTY, ALERT, HAZARD, INCIDENT, SUPERVISION, ACCESS, OTHER");
            }
        }
        if (severity != null && !severity.isBlank()) {
            try {
                s = Notice.Severity.valueOf(severity.strip());
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
    EntryPage list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) Long cursor,
                             @RequestParam(defaultValue = "50") int limit, Locale locale) {
        if (limit < 1 || limit > InboxService.MAX_PAGE) {
            throw new InvalidInput("limit must be between 1 and " + InboxService.MAX_PAGE, Map.of("limit", "1.." + InboxService.MAX_PAGE));
        }
        Addressee reader = Addressee.current();
        InboxService.Page page = inbox.page(reader, unread, cursor, limit, locale);
        return new EntryPage(page.items(), page.nextCursor(), inbox.unreadCount(reader));
    }

    @GetMapping("/{id}")
    InboxEntry one(@PathVariable long id, Locale locale) {
        return inbox.entry(Addressee.current(), id, locale);
    }

    @PostMapping("/{id}/read")
    Read read(@PathVariable long id) {
        Addressee reader = Addressee.current();
        inbox.markRead(reader, id);
        return new Read(id, true, inbox.unreadCount(reader));
    }

    /**
     * {@code upTo}: the newest notice id the client has shown, so later arrivals stay unread; {@code kind} and
     * {@code severity} (optional) mark only the notices that filter shows. Audited.
     */
    @PostMapping("/read-all")
    ReadAll readAll(@RequestParam(required = false) Long upTo, @RequestParam(required = false) String kind,
                                @RequestParam(required = false) String severity) {
        InboxService.Filter filter = filter(kind, severity, false);
        Addressee reader = Addressee.current();
        int marked = inbox.markAllRead(reader, upTo, filter);
        return new ReadAll(marked, inbox.unreadCount(reader));
    }
}
