package cn.govcloud.guard.notify.internal;

import cn.govcloud.guard.notify.Notice;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The inbox grouped (issue 23 point 6): one entry per kind of message, subject and day, so the
 * supervisor's 157 overdue notices of one daily duty read as one line "逾期 · 每日巡检 · 157 条" that opens
 * to the single notices. For duty notices the subject is the rule's title (their first argument), so the
 * groups are "per rule and day"; for a hazard or an incident it is that hazard's or incident's title.
 */
@Service
public class InboxGroups {
    /** Notices read for one page of groups; a day cut off by it is left to the next page. */
    static final int WINDOW = 2000;

    private final JdbcClient jdbc;
    private final InboxService inbox;
    private final ZoneId zone;

    InboxGroups(JdbcClient jdbc, InboxService inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.zone = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    }

    /**
     * One group: {@code subject} is the first argument of the message (the rule's title for duty notices),
     * {@code severity} the highest of its notices, {@code link} where they all lead (null when they differ),
     * {@code items} the notices, newest first.
     */
    public record Group(LocalDate day, InboxKind kind, String messageKey, String subject, Notice.Severity severity, int count, int unread,
                        String link, List<InboxEntry> items) {
        public List<Long> ids() {
            return items.stream().map(InboxEntry::id).toList();
        }
    }

    /** {@code nextCursor}: pass it as {@code before} for older groups; null on the last page. */
    public record Page(List<Group> groups, Long nextCursor, int notices) {
    }

    /** Unread notices of the reader by kind and by severity, for the filter's counts (one grouped query). */
    public record Counts(Map<InboxKind, Long> byKind, Map<Notice.Severity, Long> bySeverity, long total) {
    }

    public Page page(Addressee reader, InboxService.Filter filter, Long before, Locale locale) {
        Map<String, Object> params = InboxService.params(reader);
        params.put("limit", WINDOW + 1);
        StringBuilder sql = new StringBuilder("""
                select n.id, n.notice_key, n.message_key, n.args, n.link, n.severity, n.created_at,
                       (select c.read_at from notify_receipt c where c.notice_id = n.id and c.user_id = :userId) as read_at
                  from notify_notice n where """).append(InboxService.visibleTo(reader)).append(filter.where(params));
        if (before != null) {
            sql.append(" and n.id < :before");
            params.put("before", before);
        }
        sql.append(" order by n.id desc limit :limit");
        List<InboxEntry> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query((rs, i) -> inbox.entry(rs, locale)).list());
        Long next = null;
        if (rows.size() > WINDOW) {
            rows = rows.subList(0, WINDOW);
            // the oldest day read may go on past the window: leave it whole to the next page, unless it is the only one
            LocalDate lastDay = day(rows.get(rows.size() - 1));
            List<InboxEntry> whole = rows.stream().filter(e -> !day(e).equals(lastDay)).toList();
            if (!whole.isEmpty()) {
                rows = whole;
            }
            next = rows.get(rows.size() - 1).id();
        }
        Map<List<Object>, List<InboxEntry>> grouped = new LinkedHashMap<>();
        for (InboxEntry e : rows) {
            String subject = e.args().isEmpty() ? "" : e.args().get(0);
            grouped.computeIfAbsent(List.of(day(e), e.messageKey(), subject), k -> new ArrayList<>()).add(e);
        }
        List<Group> groups = grouped.entrySet().stream().map(g -> group(g.getKey(), g.getValue())).toList();
        return new Page(groups, next, rows.size());
    }

    public Counts unreadCounts(Addressee reader) {
        Map<String, Object> params = InboxService.params(reader);
        Map<InboxKind, Long> byKind = new EnumMap<>(InboxKind.class);
        Map<Notice.Severity, Long> bySeverity = new EnumMap<>(Notice.Severity.class);
        long[] total = {0};
        jdbc.sql("select n.message_key, n.severity, count(*) as c from notify_notice n where " + InboxService.visibleTo(reader) + " and "
                        + InboxService.UNREAD + " group by n.message_key, n.severity")
                .params(params).query((rs, i) -> {
                    long c = rs.getLong("c");
                    byKind.merge(InboxKind.of(rs.getString("message_key")), c, Long::sum);
                    bySeverity.merge(Notice.Severity.valueOf(rs.getString("severity")), c, Long::sum);
                    total[0] += c;
                    return null;
                }).list();
        return new Counts(byKind, bySeverity, total[0]);
    }

    private Group group(List<Object> key, List<InboxEntry> items) {
        Notice.Severity worst = items.stream().map(InboxEntry::severity).max(Enum::compareTo).orElse(Notice.Severity.INFO);
        String link = items.get(0).link();
        for (InboxEntry e : items) {
            if (!Objects.equals(link, e.link())) {
                link = null;
                break;
            }
        }
        int unread = (int) items.stream().filter(e -> !e.read()).count();
        String messageKey = (String) key.get(1);
        return new Group((LocalDate) key.get(0), InboxKind.of(messageKey), messageKey, (String) key.get(2), worst, items.size(), unread,
                link, List.copyOf(items));
    }

    private LocalDate day(InboxEntry e) {
        return e.createdAt().atZone(zone).toLocalDate();
    }
}
