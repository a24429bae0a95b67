package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.hazards.Hazards.NewHazard;
import cn.govcloud.guard.hazards.internal.HazardService.Filter;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.hazards.internal.HazardService.UnitFigures;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.systems.Systems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The hazard notices' table ({@code hazards_hazard}): every read is scoped (A4), every step is one conditional update.
 * "Overdue" is computed in the reads ({@link #OVERDUE_AT}): a GET never writes; the scheduled sweep records it.
 */
@Repository
class HazardRepository {
    /** A10.2: the unit's clock stops at its written feedback; the warner's time to verify is not the unit's. */
    static final String UNIT_CLOCK_RUNS = "and status <> 'FEEDBACK_SUBMITTED' ";

    /**
     * The moment the hazard went overdue, as the sweep would record it now: recorded, or open past its due time while the
     * unit's clock runs. Read with {@code :now}.
     */
    static final String OVERDUE_AT = "coalesce(h.overdue_at, case when h.closed_at is null and h.status <> 'FEEDBACK_SUBMITTED' "
            + "and h.effective_due_at <= :now then h.effective_due_at end)";

    private static final String SELECT = "select h.*, " + OVERDUE_AT + " as overdue_now from hazards_hazard h";

    private final JdbcClient jdbc;
    private final OrganisationDirectory organisations;

    HazardRepository(JdbcClient jdbc, OrganisationDirectory organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    /**
     * Where the actor's view of hazards ends (A4): a unit sees its own hazards, the supervisor and the regulators all, the
     * provider the hazards it raised itself (it is their warning department and must verify the feedback, A10.2).
     */
    static String scopeColumn(Actor actor) {
        return actor.orgKind() == OrgKind.PROVIDER ? "h.warner_org_id" : "h.org_id";
    }

    // ---- writing -----------------------------------------------------------------------------------

    /** Inserts a notice; the due columns are filled from its duties right after, in the same transaction. */
    long insert(NewHazard h, Systems.SystemRef system, Actor actor, String source, Instant notifiedAt, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into hazards_hazard (system_id, system_name, org_id, warner_org_id, raised_by, raised_by_name, title, description, "
                        + "severity, source, source_ref, status, notified_at, due_date, due_at, effective_due_date, effective_due_at, created_at) "
                        + "values (:system, :systemName, :org, :warner, :by, :byName, :title, :description, :severity, :source, :ref, 'NOTIFIED', "
                        + ":notified, :day, :notified, :day, :notified, :now)")
                .param("system", system.id()).param("systemName", system.name()).param("org", system.orgId())
                .param("warner", actor.orgId()).param("by", actor.username()).param("byName", actor.displayName())
                .param("title", h.title().strip()).param("description", blank(h.description()) ? null : h.description().strip())
                .param("severity", h.severity().name()).param("source", source).param("ref", blank(h.sourceRef()) ? null : h.sourceRef().strip())
                .param("notified", ts(notifiedAt)).param("day", notifiedAt.atZone(WorkingCalendar.ZONE).toLocalDate()).param("now", ts(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** The catalog's clocks of a new notice: the rectification's due date is the notice's (A10.2). */
    void startClocks(long id, Duty rectify, Optional<Duty> ack) {
        jdbc.sql("update hazards_hazard set due_date = :day, due_at = :at, effective_due_date = :day, effective_due_at = :at, "
                        + "due_provisional = :provisional, rectify_duty_id = :rectify, ack_duty_id = :ack, ack_due_at = :ackAt where id = :id")
                .param("day", rectify.dueDate()).param("at", ts(rectify.dueAt())).param("provisional", rectify.dueProvisional())
                .param("rectify", rectify.id())
                .param("ack", ack.map(Duty::id).orElse(null)).param("ackAt", ack.map(d -> ts(d.dueAt())).orElse(null)).param("id", id).update();
    }

    /**
     * The step and the columns it sets, in one update conditional on the state it starts from: of two concurrent steps,
     * one wins; false for the other (the table's checks tie the columns to the state).
     */
    boolean move(HazardView h, Action action, String alsoSet, Map<String, ?> params) {
        HazardState to = HazardState.to(action, h.state());
        return jdbc.sql("update hazards_hazard set status = :to" + alsoSet + " where id = :id and status = :from")
                .params(params).param("to", to.name()).param("id", h.id()).param("from", h.state().name()).update() == 1;
    }

    void followUp(long id, Duty followup) {
        jdbc.sql("update hazards_hazard set followup_duty_id = :duty, followup_due_at = :at where id = :id")
                .param("duty", followup == null ? null : followup.id()).param("at", followup == null ? null : ts(followup.dueAt()))
                .param("id", id).update();
    }

    /** A return's duty; when it is later, the hazard's due date follows it (a return never shortens the unit's time). */
    void returnClock(long id, Duty d, boolean later) {
        jdbc.sql("update hazards_hazard set return_duty_id = :duty" + (later
                        ? ", effective_due_date = :day, effective_due_at = :at, due_provisional = :provisional" : "") + " where id = :id")
                .param("duty", d.id()).param("day", d.dueDate()).param("at", ts(d.dueAt())).param("provisional", d.dueProvisional())
                .param("id", id).update();
    }

    /** An approved extension: a date the supervisor chose is exact, whatever the catalog's was. */
    void extend(long id, LocalDate day, Instant at) {
        jdbc.sql("update hazards_hazard set effective_due_date = :day, effective_due_at = :at, due_provisional = false where id = :id")
                .param("day", day).param("at", ts(at)).param("id", id).update();
    }

    /**
     * Records the moment open hazards passed their due time while the unit's clock ran. Once set it stays, through an
     * extension approved later and after closing: the unit's record shows it (A10.2).
     */
    int markAllOverdue(Instant now) {
        return jdbc.sql("update hazards_hazard set overdue_at = effective_due_at where overdue_at is null and closed_at is null "
                + UNIT_CLOCK_RUNS + "and effective_due_at <= :now").param("now", ts(now)).update();
    }

    /** The same for one hazard, before a step that stops or moves the unit's clock. */
    void markOverdue(long id, Instant now) {
        jdbc.sql("update hazards_hazard set overdue_at = effective_due_at where id = :id and overdue_at is null and closed_at is null "
                + UNIT_CLOCK_RUNS + "and effective_due_at <= :now").param("id", id).param("now", ts(now)).update();
    }

    void lock(long id) {
        jdbc.sql("select id from hazards_hazard where id = :id for update").param("id", id).query(Long.class).single();
    }

    // ---- reading ----------------------------------------------------------------------------------

    Optional<HazardView> load(long id, Instant now) {
        return jdbc.sql(SELECT + " where h.id = :id").param("id", id).param("now", ts(now)).query((rs, i) -> map(rs, orgNames())).optional();
    }

    /** The hazard if the actor may see it (A4). */
    Optional<HazardView> visible(long id, Actor actor, Instant now) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql(SELECT + " where h.id = :id and " + scope.where(scopeColumn(actor))).params(scope.params())
                .param("id", id).param("now", ts(now)).query((rs, i) -> map(rs, orgNames())).optional();
    }

    Page<HazardView> page(Actor actor, Filter filter, int page, int size, Instant now) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("now", ts(now));
        StringBuilder where = new StringBuilder(" where " + scope.where(scopeColumn(actor)));
        if (filter.state() != null) {
            where.append(" and h.status = :state");
            params.put("state", filter.state().name());
        }
        if (filter.severity() != null) {
            where.append(" and h.severity = :severity");
            params.put("severity", filter.severity().name());
        }
        if (filter.orgId() != null) {
            where.append(" and h.org_id = :org");
            params.put("org", filter.orgId());
        }
        if (filter.overdue() != null) {
            where.append(" and ").append(OVERDUE_AT).append(filter.overdue() ? " is not null" : " is null");
        }
        if (filter.open() != null) {
            where.append(filter.open() ? " and h.closed_at is null" : " and h.closed_at is not null");
        }
        if (filter.age() != null) {
            where.append(" and h.notified_at <= :ageTo");
            params.put("ageTo", ts(filter.age().notifiedAtOrBefore(now)));
            filter.age().notifiedAfter(now).ifPresent(from -> {
                where.append(" and h.notified_at > :ageFrom");
                params.put("ageFrom", ts(from));
            });
        }
        if (filter.year() != null) {
            where.append(" and h.notified_at >= :yearStart and h.notified_at < :yearEnd");
            params.put("yearStart", ts(LocalDate.of(filter.year(), 1, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant()));
            params.put("yearEnd", ts(LocalDate.of(filter.year() + 1, 1, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        if (filter.from() != null) {
            where.append(" and h.notified_at >= :from");
            params.put("from", ts(filter.from().atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        if (filter.to() != null) {
            where.append(" and h.notified_at < :to");
            params.put("to", ts(filter.to().plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        Map<Long, String> names = orgNames();
        if (filter.q() != null && !filter.q().isBlank()) {
            keyword(filter.q(), names, where, params);
        }
        long total = jdbc.sql("select count(*) from hazards_hazard h" + where).params(params).query(Long.class).single();
        int safeSize = Math.max(1, Math.min(size, 200));
        int safePage = Math.max(0, page);
        params.put("limit", safeSize);
        params.put("offset", (long) safePage * safeSize);
        List<HazardView> items = jdbc.sql(SELECT + where
                        + " order by case when h.closed_at is null then 0 else 1 end, h.effective_due_at, h.id desc limit :limit offset :offset")
                .params(params).query((rs, i) -> map(rs, names)).list();
        return new Page<>(items, total, safePage, safeSize);
    }

    /**
     * Issue 23 point 11: the keyword in SQL — the title, the system, the source reference, the number (YH-12 or 12) or
     * the unit's name; unit names live in identity, so the units whose name matches are resolved first, in memory.
     */
    private static void keyword(String q, Map<Long, String> names, StringBuilder where, Map<String, Object> params) {
        String needle = q.strip().toLowerCase(Locale.ROOT);
        where.append(" and (lower(h.title) like :q escape '\\' or lower(h.system_name) like :q escape '\\'"
                + " or lower(coalesce(h.source_ref, '')) like :q escape '\\'");
        params.put("q", cn.govcloud.guard.shared.Like.containing(needle));
        List<Long> units = names.entrySet().stream().filter(e -> e.getValue().toLowerCase(Locale.ROOT).contains(needle))
                .map(Map.Entry::getKey).toList();
        if (!units.isEmpty()) {
            where.append(" or h.org_id in (:qUnits)");
            params.put("qUnits", units);
        }
        java.util.regex.Matcher number = NUMBER.matcher(needle);
        if (number.matches()) {
            where.append(" or h.id = :qId");
            params.put("qId", Long.parseLong(number.group(1)));
        }
        where.append(")");
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("(?:yh-?)?([0-9]{1,15})");

    /** Per unit within the actor's scope: open, open and overdue, closed on time, closed late. */
    List<UnitFigures> figures(Actor actor, Instant now) {
        OrgScope scope = OrgScope.of(actor);
        Map<Long, String> names = orgNames();
        return jdbc.sql("select h.org_id, "
                        + "sum(case when h.closed_at is null then 1 else 0 end), "
                        + "sum(case when h.closed_at is null and " + OVERDUE_AT + " is not null then 1 else 0 end), "
                        + "sum(case when h.closed_at is not null and h.overdue_at is null then 1 else 0 end), "
                        + "sum(case when h.closed_at is not null and h.overdue_at is not null then 1 else 0 end) "
                        + "from hazards_hazard h where " + scope.where(scopeColumn(actor)) + " group by h.org_id")
                .params(scope.params()).param("now", ts(now))
                .query((rs, i) -> {
                    long org = rs.getLong(1);
                    long overdue = rs.getLong(3);
                    long onTime = rs.getLong(4);
                    long late = rs.getLong(5);
                    return new UnitFigures(org, names.getOrDefault(org, "#" + org), rs.getLong(2), overdue, onTime, late, onTime + late + overdue);
                }).list();
    }

    /** The open hazards past their due time within the actor's scope, by unit and due time. */
    List<HazardView> openOverdue(Actor actor, Instant now) {
        OrgScope scope = OrgScope.of(actor);
        Map<Long, String> names = orgNames();
        return jdbc.sql(SELECT + " where h.closed_at is null and " + OVERDUE_AT + " is not null and " + scope.where(scopeColumn(actor))
                        + " order by h.org_id, h.effective_due_at, h.id").params(scope.params()).param("now", ts(now))
                .query((rs, i) -> map(rs, names)).list();
    }

    Map<Long, String> orgNames() {
        Map<Long, String> names = new HashMap<>();
        organisations.all().forEach(o -> names.put(o.id(), o.name()));
        return names;
    }

    private static HazardView map(ResultSet rs, Map<Long, String> names) throws SQLException {
        long org = rs.getLong("org_id");
        long warner = rs.getLong("warner_org_id");
        return new HazardView(rs.getLong("id"), rs.getLong("system_id"), rs.getString("system_name"), org, names.getOrDefault(org, "#" + org),
                warner, names.getOrDefault(warner, "#" + warner), rs.getString("raised_by"), rs.getString("raised_by_name"),
                rs.getString("title"), rs.getString("description"), cn.govcloud.guard.hazards.Hazards.Severity.valueOf(rs.getString("severity")), rs.getString("source"),
                rs.getString("source_ref"), HazardState.valueOf(rs.getString("status")), instant(rs, "notified_at"),
                rs.getObject("due_date", LocalDate.class), instant(rs, "due_at"), rs.getObject("effective_due_date", LocalDate.class),
                instant(rs, "effective_due_at"), rs.getBoolean("due_provisional"), instant(rs, "ack_due_at"), nullableLong(rs, "ack_duty_id"),
                nullableLong(rs, "rectify_duty_id"), instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), rs.getString("handler_name"),
                rs.getString("first_measures"), instant(rs, "overdue_now"), instant(rs, "closed_at"), rs.getString("closed_by"),
                instant(rs, "feedback_at"), nullableLong(rs, "followup_duty_id"), instant(rs, "followup_due_at"), nullableLong(rs, "return_duty_id"));
    }

    // ---- column helpers shared by the module's other tables ---------------------------------------

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
