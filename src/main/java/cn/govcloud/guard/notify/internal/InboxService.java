package cn.govcloud.guard.notify.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox on {@code notify_notice} / {@code notify_notice_role} / {@code notify_receipt}.
 *
 * <p>Delivery is one {@code INSERT ... ON CONFLICT DO NOTHING} on the unique {@code notice_key}:
 * PostgreSQL and H2 (PostgreSQL mode) both skip a duplicate without raising an error, so the
 * sender's transaction is never aborted, and a concurrent delivery of the same key by another
 * transaction or node waits for the first to commit and then inserts nothing (or inserts, if the
 * first rolled back). Reading needs no identity tables: the reader's organisation and roles come
 * from the signed-in {@link Actor}.
 */
@Service
public class InboxService implements Inbox {
    public static final int PAGE = 50;
    public static final int MAX_PAGE = 200;
    /** A path inside the UI: one leading slash (not "//host"), no backslash, no whitespace. */
    private static final Pattern LINK = Pattern.compile("/(?![/\\\\])[^\\s\\\\]*");
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageSource messages;
    private final IdentityManagement identity;
    private final AuditLog audit;

    InboxService(JdbcClient jdbc, Clock clock, MessageSource messages, IdentityManagement identity, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
        this.identity = identity;
    }

    public record Page(List<InboxEntry> items, Long nextCursor) {
    }

    @Override
    @Transactional
    public boolean deliver(Notice notice) {
        validate(notice);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                        insert into notify_notice (notice_key, org_id, all_roles, message_key, args, link, severity, created_at, delivered_at)
                        values (:key, :orgId, :allRoles, :messageKey, :args, :link, :severity, :createdAt, :deliveredAt)
                        on conflict do nothing""")
                .param("key", notice.key())
                .param("orgId", notice.orgId())
                .param("allRoles", notice.roles().isEmpty())
                .param("messageKey", notice.messageKey())
                .param("args", JSON.writeValueAsString(notice.args()))
                .param("link", blankToNull(notice.link()))
                .param("severity", notice.severity().name())
                .param("createdAt", utc(notice.at()))
                .param("deliveredAt", utc(clock.instant()))
                .update(keys, "id");
        if (inserted == 0) {
            return false; // delivered before, by this node or another
        }
        long id = keys.getKeyAs(Number.class).longValue();
        for (Role role : notice.roles()) {
            jdbc.sql("insert into notify_notice_role (notice_id, role) values (:id, :role)")
                    .param("id", id).param("role", role.name()).update();
        }
        return true;
    }

    /**
     * The signed-in person's count when {@code userId} is theirs; any other user's through
     * {@link IdentityManagement#user}, i.e. only as far as the current actor may see that user
     * (0 when not, or when the account is disabled). Needs a signed-in actor either way.
     */
    @Override
    public long unreadCount(long userId) {
        return addressee(userId).map(this::unreadCount).orElse(0L);
    }

    public long unreadCount(Addressee reader) {
        return jdbc.sql("select count(*) from notify_notice n where " + visibleTo(reader) + " and " + UNREAD)
                .params(params(reader)).query(Long.class).single();
    }

    /** Newest first, {@code limit} notices with ids below {@code before} (the previous page's cursor). */
    public Page page(Addressee reader, boolean unreadOnly, Long before, int limit, Locale locale) {
        return page(reader, new Filter(null, null, unreadOnly), before, limit, locale);
    }

    /** The same, only the notices the filter shows. */
    public Page page(Addressee reader, Filter filter, Long before, int limit, Locale locale) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        Map<String, Object> params = params(reader);
        params.put("limit", limit + 1);
        StringBuilder sql = new StringBuilder("""
                select n.id, n.notice_key, n.message_key, n.args, n.link, n.severity, n.created_at,
                       (select c.read_at from notify_receipt c where c.notice_id = n.id and c.user_id = :userId) as read_at
                  from notify_notice n where """).append(visibleTo(reader)).append(filter.where(params));
        if (before != null) {
            sql.append(" and n.id < :before");
            params.put("before", before);
        }
        sql.append(" order by n.id desc limit :limit");
        List<InboxEntry> rows = jdbc.sql(sql.toString()).params(params).query((rs, i) -> entry(rs, locale)).list();
        if (rows.size() > limit) {
            List<InboxEntry> shown = rows.subList(0, limit);
            return new Page(List.copyOf(shown), shown.get(limit - 1).id());
        }
        return new Page(rows, null);
    }

    /** One notice of the reader's; {@link NotFound} for another organisation's or another role's notice. */
    public InboxEntry entry(Addressee reader, long id, Locale locale) {
        Map<String, Object> params = params(reader);
        params.put("id", id);
        return jdbc.sql("""
                        select n.id, n.notice_key, n.message_key, n.args, n.link, n.severity, n.created_at,
                               (select c.read_at from notify_receipt c where c.notice_id = n.id and c.user_id = :userId) as read_at
                          from notify_notice n where n.id = :id and """ + visibleTo(reader))
                .params(params).query((rs, i) -> entry(rs, locale)).optional()
                .orElseThrow(() -> new NotFound("notice " + id));
    }

    /** Marks one of the reader's notices read (again: no change); {@link NotFound} when it is not theirs. */
    @Transactional(noRollbackFor = NotFound.class)
    public void markRead(Addressee reader, long id) {
        Map<String, Object> params = params(reader);
        params.put("id", id);
        boolean theirs = jdbc.sql("select count(*) from notify_notice n where n.id = :id and " + visibleTo(reader))
                .params(params).query(Long.class).single() > 0;
        if (!theirs) {
            throw new NotFound("notice " + id);
        }
        params.put("now", utc(clock.instant()));
        jdbc.sql("insert into notify_receipt (notice_id, user_id, read_at) values (:id, :userId, :now) on conflict do nothing")
                .params(params).update();
    }

    /**
     * Marks every unread notice of the reader read, up to notice {@code upTo} when given (the
     * newest one the reader was shown, so one that arrived meanwhile stays unread). @return how many
     */
    @Transactional
    public int markAllRead(Addressee reader, Long upTo) {
        return markAllRead(reader, upTo, Filter.NONE);
    }

    /**
     * The same, only for the notices the filter shows (issue 23 point 6: "mark all read" on a filtered
     * inbox marks what the reader sees, not what they filtered away). Audited with the count and filter.
     */
    @Transactional
    public int markAllRead(Addressee reader, Long upTo, Filter filter) {
        Map<String, Object> params = params(reader);
        params.put("now", utc(clock.instant()));
        String bound = "";
        if (upTo != null) {
            bound = " and n.id <= :upTo";
            params.put("upTo", upTo);
        }
        int marked = jdbc.sql("insert into notify_receipt (notice_id, user_id, read_at) select n.id, :userId, :now from notify_notice n where "
                        + visibleTo(reader) + bound + filter.where(params) + " and " + UNREAD + " on conflict do nothing")
                .params(params).update();
        audit.record(AuditEvent.success("notify.inbox.readAll", "user:" + reader.userId(), marked + " notices" + filter.describe()));
        return marked;
    }

    /**
     * Marks several of the reader's notices read at once (one grouped entry of the inbox); ids that are not
     * the reader's are skipped. Audited. @return how many were unread
     */
    @Transactional
    public int markRead(Addressee reader, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Map<String, Object> params = params(reader);
        params.put("now", utc(clock.instant()));
        params.put("ids", List.copyOf(ids));
        int marked = jdbc.sql("insert into notify_receipt (notice_id, user_id, read_at) select n.id, :userId, :now from notify_notice n where "
                        + visibleTo(reader) + " and n.id in (:ids) and " + UNREAD + " on conflict do nothing")
                .params(params).update();
        audit.record(AuditEvent.success("notify.inbox.readGroup", "user:" + reader.userId(), marked + " notices"));
        return marked;
    }

    /** What the inbox shows: one kind, one severity, unread only; null parts filter nothing. */
    public record Filter(InboxKind kind, Notice.Severity severity, boolean unreadOnly) {
        public static final Filter NONE = new Filter(null, null, false);

        /** " and …" conditions on {@code n}, parameters added to {@code params}. */
        String where(Map<String, Object> params) {
            StringBuilder sql = new StringBuilder();
            if (kind != null) {
                sql.append(" and ").append(kind.where(params));
            }
            if (severity != null) {
                sql.append(" and n.severity = :severity");
                params.put("severity", severity.name());
            }
            if (unreadOnly) {
                sql.append(" and ").append(UNREAD);
            }
            return sql.toString();
        }

        String describe() {
            return (kind == null ? "" : " kind=" + kind) + (severity == null ? "" : " severity=" + severity) + (unreadOnly ? " unread" : "");
        }
    }

    /** The message in the reader's language; the key itself when no bundle has it or its pattern is broken. */
    public String render(String messageKey, List<String> args, Locale locale) {
        try {
            String text = messages.getMessage(messageKey, cn.govcloud.guard.notify.Notice.arguments(args), null, locale);
            return text != null ? text : messageKey;
        } catch (RuntimeException e) {
            return messageKey;
        }
    }

    static final String UNREAD =
            "not exists (select 1 from notify_receipt c where c.notice_id = n.id and c.user_id = :userId)";

    static String visibleTo(Addressee reader) {
        String byRole = reader.roles().isEmpty() ? ""
                : " or exists (select 1 from notify_notice_role r where r.notice_id = n.id and r.role in (:roles))";
        return " n.org_id = :orgId and (n.all_roles = true" + byRole + ") ";
    }

    static Map<String, Object> params(Addressee reader) {
        Map<String, Object> params = new HashMap<>();
        params.put("userId", reader.userId());
        params.put("orgId", reader.orgId());
        if (!reader.roles().isEmpty()) {
            params.put("roles", reader.roles().stream().map(Role::name).sorted().toList());
        }
        return params;
    }

    private Optional<Addressee> addressee(long userId) {
        Optional<Actor> self = Actor.current().filter(a -> !a.machine() && a.userId() == userId);
        if (self.isPresent()) {
            return self.map(Addressee::of);
        }
        return identity.user(userId).filter(IdentityManagement.UserView::enabled)
                .map(u -> new Addressee(u.id(), u.orgId(), u.roles()));
    }

    InboxEntry entry(ResultSet rs, Locale locale) throws SQLException {
        List<String> args = JSON.readValue(rs.getString("args"), STRINGS);
        String messageKey = rs.getString("message_key");
        OffsetDateTime readAt = rs.getObject("read_at", OffsetDateTime.class);
        return new InboxEntry(rs.getLong("id"), rs.getString("notice_key"), Notice.Severity.valueOf(rs.getString("severity")),
                render(messageKey, args, locale), messageKey, args, rs.getString("link"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), readAt == null ? null : readAt.toInstant());
    }

    private static void validate(Notice n) {
        require(n.key() != null && !n.key().isBlank() && n.key().length() <= 200, "notice key is required (at most 200 characters)");
        require(n.orgId() > 0, "notice needs the receiving organisation");
        require(n.messageKey() != null && !n.messageKey().isBlank() && n.messageKey().length() <= 200,
                "notice message key is required (at most 200 characters)");
        require(n.severity() != null, "notice severity is required");
        require(n.at() != null, "notice time is required");
        String link = blankToNull(n.link());
        require(link == null || link.length() <= 500 && LINK.matcher(link).matches(),
                "notice link must be a path inside the platform, e.g. /duties/42");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
