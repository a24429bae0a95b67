package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxEntry;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.shared.Allow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The inbox page {@code /inbox} (A10.1): the reader's notices newest first, unread ones marked, 50 a
 * page with a "more" link (htmx appends the next rows; without script it opens the next page).
 * Marking read is a plain POST that comes back to the list, so the navigation badge is current.
 */
@Controller
@Allow(anyUser = true)
class InboxPages {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final InboxService inbox;
    private final ZoneId zone;

    InboxPages(InboxService inbox, @Value("${govguard.zone:Asia/Shanghai}") ZoneId zone) {
        this.inbox = inbox;
        this.zone = zone;
    }

    /** One notice on the page; {@code badge} is the Bootstrap class of its severity. */
    record Row(long id, String severity, String badge, String message, String link, String time, boolean read) {
    }

    @GetMapping("/inbox")
    String page(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) Long before,
                @RequestHeader(value = "HX-Request", required = false) String htmx, Locale locale, Model model) {
        Addressee reader = Addressee.current();
        InboxService.Page page = inbox.page(reader, unread, before, InboxService.PAGE, locale);
        model.addAttribute("rows", page.items().stream().map(this::row).toList());
        model.addAttribute("unreadOnly", unread);
        model.addAttribute("firstPage", before == null);
        model.addAttribute("moreUrl", page.nextCursor() == null ? null : list(unread).queryParam("before", page.nextCursor()).toUriString());
        if (htmx != null && before != null) {
            return "notify/inbox :: rows";
        }
        model.addAttribute("unreadCount", inbox.unreadCount(reader));
        model.addAttribute("newestId", page.items().isEmpty() ? null : page.items().get(0).id());
        return "notify/inbox";
    }

    @PostMapping("/inbox/{id}/read")
    String read(@PathVariable long id, @RequestParam(defaultValue = "false") boolean unread) {
        inbox.markRead(Addressee.current(), id);
        return "redirect:" + list(unread).toUriString();
    }

    @PostMapping("/inbox/read-all")
    String readAll(@RequestParam(required = false) Long upTo, @RequestParam(defaultValue = "false") boolean unread,
                   RedirectAttributes redirect) {
        redirect.addFlashAttribute("markedAll", inbox.markAllRead(Addressee.current(), upTo));
        return "redirect:" + list(unread).toUriString();
    }

    private Row row(InboxEntry e) {
        String badge = switch (e.severity()) {
            case CRITICAL -> "text-bg-danger";
            case WARNING -> "text-bg-warning";
            case INFO -> "text-bg-secondary";
        };
        return new Row(e.id(), e.severity().name(), badge, e.message(), e.link(), SHOWN.format(e.createdAt().atZone(zone)), e.read());
    }

    private static UriComponentsBuilder list(boolean unread) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/inbox");
        if (unread) {
            b.queryParam("unread", true);
        }
        return b;
    }
}
