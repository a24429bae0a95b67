package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxEntry;
import cn.govcloud.guard.notify.internal.InboxGroups;
import cn.govcloud.guard.notify.internal.InboxKind;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.shared.Allow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
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
 * The inbox page {@code /inbox} (A10.1). By default grouped (issue 23 point 6): one entry per kind of
 * message, subject (for duty notices: the rule) and day, with its count, opening to the single notices;
 * filters by kind, severity and unread; "mark all read" marks what the filter shows. {@code view=list}
 * is the single notices newest first, 50 a page with "more" (htmx appends; without script the next page).
 * Every mark is a plain POST that comes back to the same view, so the navigation badge is current.
 */
@Controller
@Allow(anyUser = true)
class InboxPages {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final InboxService inbox;
    private final InboxGroups groups;
    private final MessageSource messages;
    private final ZoneId zone;

    InboxPages(InboxService inbox, InboxGroups groups, MessageSource messages) {
        this.inbox = inbox;
        this.groups = groups;
        this.messages = messages;
        this.zone = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    }

    /** One notice on the page; {@code badge} is the Bootstrap class of its severity. */
    record Row(long id, String severity, String badge, String message, String link, String time, boolean read) {
    }

    /** One grouped entry: {@code label} names the kind of message (逾期, 提醒, 风险隐患…). */
    record GroupRow(String domId, String label, String subject, String day, int count, int unread, String severity, String badge,
                    String link, List<Row> items, List<Long> ids) {
    }

    /** The filter as the page's links and forms carry it. */
    record Shown(String view, String kind, String severity, boolean unread) {
        public Shown withView(String v) {
            return new Shown(v, kind, severity, unread);
        }

        public Shown withKind(String k) {
            return new Shown(view, k, severity, unread);
        }

        public Shown withSeverity(String s) {
            return new Shown(view, kind, s, unread);
        }

        public Shown withUnread(boolean u) {
            return new Shown(view, kind, severity, u);
        }

        public String href() {
            return uri().toUriString();
        }

        UriComponentsBuilder uri() {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath("/inbox");
            if ("list".equals(view)) {
                b.queryParam("view", "list");
            }
            if (kind != null) {
                b.queryParam("kind", kind);
            }
            if (severity != null) {
                b.queryParam("severity", severity);
            }
            if (unread) {
                b.queryParam("unread", true);
            }
            return b;
        }
    }

    @GetMapping("/inbox")
    String page(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) Long before,
                @RequestParam(required = false) String view, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String severity,
                @RequestHeader(value = "HX-Request", required = false) String htmx, Locale locale, Model model) {
        Addressee reader = Addressee.current();
        InboxService.Filter filter = filter(kind, severity, unread);
        Shown shown = new Shown("list".equals(view) ? "list" : "groups", filter.kind() == null ? null : filter.kind().name(),
                filter.severity() == null ? null : filter.severity().name(), unread);
        model.addAttribute("shown", shown);
        model.addAttribute("unreadOnly", unread);
        model.addAttribute("firstPage", before == null);
        if ("list".equals(shown.view())) {
            InboxService.Page page = inbox.page(reader, filter, before, InboxService.PAGE, locale);
            model.addAttribute("rows", page.items().stream().map(this::row).toList());
            model.addAttribute("moreUrl", page.nextCursor() == null ? null : shown.uri().queryParam("before", page.nextCursor()).toUriString());
            if (htmx != null && before != null) {
                return "notify/inbox :: rows";
            }
            model.addAttribute("newestId", page.items().isEmpty() ? null : page.items().get(0).id());
        } else {
            InboxGroups.Page page = groups.page(reader, filter, before, locale);
            model.addAttribute("groups", page.groups().stream().map(g -> group(g, locale)).toList());
            model.addAttribute("moreUrl", page.nextCursor() == null ? null : shown.uri().queryParam("before", page.nextCursor()).toUriString());
            model.addAttribute("newestId", page.groups().isEmpty() ? null : page.groups().get(0).items().get(0).id());
        }
        InboxGroups.Counts counts = groups.unreadCounts(reader);
        model.addAttribute("counts", counts);
        model.addAttribute("kinds", InboxKind.values());
        model.addAttribute("severities", Notice.Severity.values());
        model.addAttribute("unreadCount", counts.total());
        return "notify/inbox";
    }

    @PostMapping("/inbox/{id}/read")
    String read(@PathVariable long id, @RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) String view,
                @RequestParam(required = false) String kind, @RequestParam(required = false) String severity) {
        inbox.markRead(Addressee.current(), id);
        return "redirect:" + back(view, kind, severity, unread);
    }

    /** One grouped entry read at once. */
    @PostMapping("/inbox/read-group")
    String readGroup(@RequestParam(name = "ids", required = false) List<Long> ids, @RequestParam(defaultValue = "false") boolean unread,
                     @RequestParam(required = false) String view, @RequestParam(required = false) String kind,
                     @RequestParam(required = false) String severity, RedirectAttributes redirect) {
        redirect.addFlashAttribute("markedAll", inbox.markRead(Addressee.current(), ids == null ? List.of() : ids));
        return "redirect:" + back(view, kind, severity, unread);
    }

    @PostMapping("/inbox/read-all")
    String readAll(@RequestParam(required = false) Long upTo, @RequestParam(defaultValue = "false") boolean unread,
                   @RequestParam(required = false) String view, @RequestParam(required = false) String kind,
                   @RequestParam(required = false) String severity, RedirectAttributes redirect) {
        redirect.addFlashAttribute("markedAll", inbox.markAllRead(Addressee.current(), upTo, filter(kind, severity, false)));
        return "redirect:" + back(view, kind, severity, unread);
    }

    /** Unknown filter values filter nothing (a stale bookmark still opens the inbox). */
    static InboxService.Filter filter(String kind, String severity, boolean unread) {
        return new InboxService.Filter(parse(InboxKind.class, kind), parse(Notice.Severity.class, severity), unread);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String back(String view, String kind, String severity, boolean unread) {
        InboxService.Filter f = filter(kind, severity, unread);
        return new Shown("list".equals(view) ? "list" : "groups", f.kind() == null ? null : f.kind().name(),
                f.severity() == null ? null : f.severity().name(), unread).uri().toUriString();
    }

    private GroupRow group(InboxGroups.Group g, Locale locale) {
        String kindLabel = messages.getMessage("notify.kind." + g.kind().name(), null, g.kind().name(), locale);
        String label = messages.getMessage("notify.key." + g.messageKey(), null, kindLabel, locale);
        InboxEntry first = g.items().get(0);
        // a group of one is the notice itself (its id, its own read form)
        return new GroupRow((g.count() == 1 ? "notice-" : "group-") + first.id(), label, g.subject(), g.day().toString(), g.count(), g.unread(), g.severity().name(),
                badge(g.severity()), g.link(), g.items().stream().map(this::row).toList(), g.ids());
    }

    private Row row(InboxEntry e) {
        return new Row(e.id(), e.severity().name(), badge(e.severity()), e.message(), e.link(), SHOWN.format(e.createdAt().atZone(zone)), e.read());
    }

    private static String badge(Notice.Severity severity) {
        return switch (severity) {
            case CRITICAL -> "text-bg-danger";
            case WARNING -> "text-bg-warning";
            case INFO -> "text-bg-secondary";
        };
    }
}
