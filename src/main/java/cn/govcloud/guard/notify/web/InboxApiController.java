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

    InboxApiController(InboxService inbox) {
        this.inbox = inbox;
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

    /** {@code upTo}: the newest notice id the client has shown, so later arrivals stay unread. */
    @PostMapping("/read-all")
    Map<String, Object> readAll(@RequestParam(required = false) Long upTo) {
        Addressee reader = Addressee.current();
        int marked = inbox.markAllRead(reader, upTo);
        return Map.of("marked", marked, "unread", inbox.unreadCount(reader));
    }
}
