package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supervisor's monthly security scheduling (月度调度, A11.3): one session per month, opened with
 * an agenda the platform drafts from the data, edited by hand, with the meeting's participants and
 * decisions; assigned actions are in {@link Actions}, closing with the minutes in {@link Closing}.
 */
@Service
public class Sessions {
    private final JdbcClient jdbc;
    private final AgendaDraft draft;
    private final AuditLog audit;
    private final Clock clock;

    Sessions(JdbcClient jdbc, AgendaDraft draft, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.draft = draft;
        this.audit = audit;
        this.clock = clock;
    }

    public record Session(long id, String month, String state, LocalDate meetingDate, String participants, Instant openedAt,
                          String openedBy, Instant closedAt, String closedBy, Long minutesDocumentId, String minutesFilename, Long dutyId) {
        public boolean open() {
            return "OPEN".equals(state);
        }
    }

    public record AgendaItem(long id, int order, String category, String title, String details, String link, Long orgId, boolean drafted) {
    }

    public record Decision(long id, String text, Instant recordedAt, String recordedBy) {
    }

    /** The month as {@code yyyy-MM}; blank means the current month in Beijing. Refused: a month not yet begun. */
    public YearMonth month(String text) {
        YearMonth current = YearMonth.from(Db.today(clock));
        if (Db.blank(text)) {
            return current;
        }
        try {
            YearMonth month = YearMonth.parse(text.strip());
            if (month.isAfter(current)) {
                throw new InvalidInput("scheduling.error.invalid", Map.of("month", "scheduling.error.futureMonth"));
            }
            return month;
        } catch (DateTimeParseException e) {
            throw new InvalidInput("scheduling.error.invalid", Map.of("month", "scheduling.error.month"));
        }
    }

    /** Opens the month's session and drafts its agenda; a second session for the same month is refused (409). */
    @Transactional
    public Session open(YearMonth month) {
        Db.supervisor();
        Actor actor = Actor.require();
        if (find(month).isPresent()) {
            throw new RuleViolation("A11.3", "scheduling.refused.monthTaken");
        }
        try {
            jdbc.sql("insert into supervision_session (period_month, state, opened_at, opened_by) values (:m, 'OPEN', :at, :by)")
                    .param("m", month.toString()).param("at", Db.ts(clock.instant())).param("by", actor.username())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("A11.3", "scheduling.refused.monthTaken");
        }
        long id = find(month).orElseThrow().id();
        List<AgendaDraft.Item> items = draft.draft(actor);
        int order = 0;
        for (AgendaDraft.Item item : items) {
            insertItem(id, ++order, item.category(), item.title(), item.details(), item.link(), item.orgId(), true);
        }
        audit.record(AuditEvent.success("scheduling.open", "scheduling-session:" + id, month + " agenda items=" + items.size()));
        return find(id).orElseThrow();
    }

    private void insertItem(long session, int order, String category, String title, String details, String link, Long orgId, boolean drafted) {
        jdbc.sql("insert into supervision_agenda_item (session_id, sort_order, category, title, details, link, org_id, drafted) "
                        + "values (:s, :o, :c, :t, :d, :l, :org, :drafted)")
                .param("s", session).param("o", order).param("c", category).param("t", cut(title, 500)).param("d", details)
                .param("l", link).param("org", orgId).param("drafted", drafted).update();
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A hand-written agenda item. */
    @Transactional
    public AgendaItem addItem(long sessionId, String title, String details) {
        Db.supervisor();
        Session session = openSession(sessionId);
        requireText("title", title, 500);
        int order = jdbc.sql("select coalesce(max(sort_order), 0) from supervision_agenda_item where session_id = :s").param("s", session.id())
                .query(Integer.class).single() + 1;
        insertItem(session.id(), order, "OTHER", title.strip(), Db.blank(details) ? null : details.strip(), null, null, false);
        audit.record(AuditEvent.success("scheduling.agenda.add", "scheduling-session:" + sessionId, title.strip()));
        return agenda(sessionId).stream().filter(i -> i.order() == order).findFirst().orElseThrow();
    }

    @Transactional
    public void editItem(long sessionId, long itemId, String title, String details) {
        Db.supervisor();
        openSession(sessionId);
        requireText("title", title, 500);
        int n = jdbc.sql("update supervision_agenda_item set title = :t, details = :d where id = :id and session_id = :s")
                .param("t", title.strip()).param("d", Db.blank(details) ? null : details.strip()).param("id", itemId).param("s", sessionId).update();
        if (n == 0) {
            throw new NotFound("agenda item " + itemId);
        }
        audit.record(AuditEvent.success("scheduling.agenda.edit", "scheduling-session:" + sessionId, "item " + itemId + ": " + title.strip()));
    }

    @Transactional
    public void removeItem(long sessionId, long itemId) {
        Db.supervisor();
        openSession(sessionId);
        int n = jdbc.sql("delete from supervision_agenda_item where id = :id and session_id = :s").param("id", itemId).param("s", sessionId).update();
        if (n == 0) {
            throw new NotFound("agenda item " + itemId);
        }
        audit.record(AuditEvent.success("scheduling.agenda.remove", "scheduling-session:" + sessionId, "item " + itemId));
    }

    /** The meeting's date and participants (参加单位), recorded during or after it. */
    @Transactional
    public void recordMeeting(long sessionId, LocalDate meetingDate, String participants) {
        Db.supervisor();
        Session session = openSession(sessionId);
        if (meetingDate == null || YearMonth.from(meetingDate).isAfter(YearMonth.parse(session.month())) || meetingDate.isAfter(Db.today(clock))) {
            throw new InvalidInput("scheduling.error.invalid", Map.of("meetingDate", "scheduling.error.meetingDate"));
        }
        requireText("participants", participants, 4000);
        jdbc.sql("update supervision_session set meeting_date = :d, participants = :p where id = :id").param("d", meetingDate)
                .param("p", participants.strip()).param("id", sessionId).update();
        audit.record(AuditEvent.success("scheduling.meeting", "scheduling-session:" + sessionId, meetingDate + " " + participants.strip()));
    }

    @Transactional
    public Decision addDecision(long sessionId, String text) {
        Db.supervisor();
        openSession(sessionId);
        requireText("decision", text, 4000);
        jdbc.sql("insert into supervision_decision (session_id, decision_text, recorded_at, recorded_by) values (:s, :t, :at, :by)")
                .param("s", sessionId).param("t", text.strip()).param("at", Db.ts(clock.instant())).param("by", Actor.require().username()).update();
        audit.record(AuditEvent.success("scheduling.decision", "scheduling-session:" + sessionId, text.strip()));
        List<Decision> all = decisions(sessionId);
        return all.get(all.size() - 1);
    }

    static void requireText(String field, String value, int max) {
        if (Db.blank(value) || value.strip().length() > max) {
            throw new InvalidInput("scheduling.error.invalid", Map.of(field, "scheduling.error." + field));
        }
    }

    /** The session if it is still open; a closed session's minutes are final (409). */
    public Session openSession(long id) {
        Session session = find(id).orElseThrow(() -> new NotFound("scheduling session " + id));
        if (!session.open()) {
            throw new RuleViolation("A11.3", "scheduling.refused.closed");
        }
        return session;
    }

    @Transactional(readOnly = true)
    public Session require(long id) {
        return find(id).orElseThrow(() -> new NotFound("scheduling session " + id));
    }

    @Transactional(readOnly = true)
    public List<Session> list() {
        return jdbc.sql("select * from supervision_session order by period_month desc").query(this::map).list();
    }

    /** The list's states (issue 23 point 11). */
    public static final List<String> STATES = List.of("OPEN", "CLOSED");

    /**
     * Issue 23 point 11: one page of the sessions, newest month first — the keyword in the month, the participants, the
     * agenda's items or the decisions; the state {@code OPEN} or {@code CLOSED}.
     */
    @Transactional(readOnly = true)
    public cn.govcloud.guard.shared.Page<Session> search(cn.govcloud.guard.shared.ListFilter filter) {
        ListSql sql = new ListSql();
        if (filter.q() != null) {
            sql.and("lower(s.period_month) like :kw" + cn.govcloud.guard.shared.Like.ESCAPE + " or lower(s.participants) like :kw"
                    + cn.govcloud.guard.shared.Like.ESCAPE + " or exists (select 1 from supervision_agenda_item a where a.session_id = s.id and "
                    + "lower(a.title) like :kw" + cn.govcloud.guard.shared.Like.ESCAPE + ") or exists (select 1 from supervision_decision d "
                    + "where d.session_id = s.id and lower(d.decision_text) like :kw" + cn.govcloud.guard.shared.Like.ESCAPE + ")",
                    "kw", cn.govcloud.guard.shared.Like.containing(filter.q()));
        }
        if (filter.state() != null) {
            sql.and("s.state = :state", "state", filter.state());
        }
        return sql.page(jdbc, "s.*", "supervision_session s", "s.period_month desc", filter, this::map);
    }

    @Transactional(readOnly = true)
    public Optional<Session> find(long id) {
        return jdbc.sql("select * from supervision_session where id = :id").param("id", id).query(this::map).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Session> find(YearMonth month) {
        return jdbc.sql("select * from supervision_session where period_month = :m").param("m", month.toString()).query(this::map).optional();
    }

    @Transactional(readOnly = true)
    public List<AgendaItem> agenda(long sessionId) {
        return jdbc.sql("select * from supervision_agenda_item where session_id = :s order by sort_order, id").param("s", sessionId)
                .query((rs, n) -> new AgendaItem(rs.getLong("id"), rs.getInt("sort_order"), rs.getString("category"), rs.getString("title"),
                        rs.getString("details"), rs.getString("link"), Db.nullableLong(rs, "org_id"), rs.getBoolean("drafted"))).list();
    }

    @Transactional(readOnly = true)
    public List<Decision> decisions(long sessionId) {
        return jdbc.sql("select * from supervision_decision where session_id = :s order by id").param("s", sessionId)
                .query((rs, n) -> new Decision(rs.getLong("id"), rs.getString("decision_text"), Db.instant(rs, "recorded_at"),
                        rs.getString("recorded_by"))).list();
    }

    private Session map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Session(rs.getLong("id"), rs.getString("period_month"), rs.getString("state"), rs.getObject("meeting_date", LocalDate.class),
                rs.getString("participants"), Db.instant(rs, "opened_at"), rs.getString("opened_by"), Db.instant(rs, "closed_at"),
                rs.getString("closed_by"), Db.nullableLong(rs, "minutes_document_id"), rs.getString("minutes_filename"),
                Db.nullableLong(rs, "duty_id"));
    }
}
