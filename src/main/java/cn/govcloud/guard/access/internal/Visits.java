package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.ListFilter;
import static cn.govcloud.guard.access.internal.Columns.instant;
import static cn.govcloud.guard.access.internal.Columns.ts;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.Masking;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.access.VisitAuthorised;
import cn.govcloud.guard.access.VisitSignedIn;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A9.1 on-site visits: the owning unit issues the authorisation letter (number, systems, validity,
 * named visitors registered by real name — ID-card number SM4-sealed and shown masked, mobile sealed
 * and masked); the provider assigns an escort (陪同旁站) and records sign-in and sign-out. A visit
 * without a letter valid today or without an escort cannot start (409 A9.1).
 */
@Service
public class Visits {
    static final String ID_CONTEXT = "access_visitor.id_number";
    static final String MOBILE_CONTEXT = "access_visitor.mobile";
    private static final Pattern ID_NUMBER = Pattern.compile("^\\d{17}[\\dXx]$");
    private static final Pattern MOBILE = Pattern.compile("^1\\d{10}$");

    public record NewVisitor(String realName, String idNumber, String mobile) {
    }

    public record Visitor(long id, String realName, String idNumberMasked, String mobileMasked) {
    }

    public record Visit(long id, long orgId, long systemId, String purpose, String letterNumber, LocalDate validFrom, LocalDate validUntil,
                        String escort, String escortBy, String status, Instant signedInAt, Instant signedOutAt, String workDone,
                        Instant recordedAt, String recordedBy, List<Visitor> visitors, boolean letterValidToday) {
    }

    private final JdbcClient jdbc;
    private final Systems systems;
    private final Duties duties;
    private final AuditLog audit;
    private final FieldEncryption fields;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Visits(JdbcClient jdbc, Systems systems, Duties duties, AuditLog audit, FieldEncryption fields, Clock clock,
           ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.systems = systems;
        this.duties = duties;
        this.audit = audit;
        this.fields = fields;
        this.clock = clock;
    }

    /** The owning unit issues the authorisation letter with the named visitors. */
    @Transactional
    public long authorise(Long systemId, String purpose, String letterNumber, LocalDate validFrom, LocalDate validUntil, List<NewVisitor> visitors) {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.UNIT) {
            throw new AccessDeniedException("the owning unit issues the authorisation letter (A9.1)");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        SystemRef system = systemId == null ? null : systems.find(systemId).filter(s -> s.orgId() == actor.orgId()).orElse(null);
        if (system == null) {
            errors.put("systemId", "access.visit.error.system");
        }
        if (purpose == null || purpose.isBlank() || purpose.strip().length() > 1000) {
            errors.put("purpose", "access.visit.error.purpose");
        }
        if (letterNumber == null || letterNumber.isBlank() || letterNumber.strip().length() > 100) {
            errors.put("letterNumber", "access.visit.error.letterNumber");
        }
        if (validFrom == null || validUntil == null || validUntil.isBefore(validFrom) || validUntil.isBefore(today())) {
            errors.put("validUntil", "access.visit.error.validity");
        }
        if (visitors == null || visitors.isEmpty()) {
            errors.put("visitors", "access.visit.error.visitors");
        } else {
            for (int i = 0; i < visitors.size(); i++) {
                NewVisitor v = visitors.get(i);
                if (v == null || v.realName() == null || v.realName().isBlank() || v.realName().strip().length() > 100) {
                    errors.put("visitors[" + i + "].realName", "access.visit.error.realName");
                }
                if (v == null || v.idNumber() == null || !ID_NUMBER.matcher(v.idNumber().strip()).matches()) {
                    errors.put("visitors[" + i + "].idNumber", "access.visit.error.idNumber");
                }
                if (v == null || v.mobile() == null || !MOBILE.matcher(v.mobile().strip()).matches()) {
                    errors.put("visitors[" + i + "].mobile", "access.visit.error.mobile");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.visit.error.invalid", errors);
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_visit (org_id, system_id, purpose, letter_number, valid_from, valid_until, status, recorded_at, recorded_by) "
                        + "values (:org, :system, :purpose, :letter, :from, :until, 'AUTHORISED', :now, :by)")
                .param("org", actor.orgId()).param("system", systemId).param("purpose", purpose.strip()).param("letter", letterNumber.strip())
                .param("from", validFrom).param("until", validUntil).param("now", ts(now)).param("by", actor.username()).update(key, "id");
        long id = key.getKey().longValue();
        for (NewVisitor v : visitors) {
            String idNumber = v.idNumber().strip().toUpperCase(java.util.Locale.ROOT);
            jdbc.sql("insert into access_visitor (visit_id, real_name, id_number_sealed, id_number_masked, mobile_sealed, mobile_masked) "
                            + "values (:visit, :name, :idSealed, :idMasked, :mobileSealed, :mobileMasked)")
                    .param("visit", id).param("name", v.realName().strip()).param("idSealed", fields.seal(ID_CONTEXT, idNumber))
                    .param("idMasked", Masking.idCard(idNumber)).param("mobileSealed", fields.seal(MOBILE_CONTEXT, v.mobile().strip()))
                    .param("mobileMasked", Masking.mobile(v.mobile().strip())).update();
        }
        // the letter is the evidence the visit.requested duty asks for: raised and fulfilled at once
        events.publishEvent(new VisitAuthorised(id, AccessSubjects.system(system), now));
        duties.fulfil(reference(id), "authorisation letter " + letterNumber.strip());
        audit.record(AuditEvent.success("access.visit.authorise", reference(id), "A9.1 letter " + letterNumber.strip() + " " + validFrom + "–"
                + validUntil + " visitors " + visitors.size()));
        return id;
    }

    /** The provider assigns its escort (陪同旁站) for the whole visit. */
    @Transactional
    public void assignEscort(long id, String escort) {
        Actor actor = requireProvider();
        Visit v = visible(id, actor);
        if (escort == null || escort.isBlank() || escort.strip().length() > 100) {
            throw new InvalidInput("access.visit.error.invalid", Map.of("escort", "access.visit.error.escort"));
        }
        if (!"AUTHORISED".equals(v.status()) && !"ON_SITE".equals(v.status())) {
            throw new RuleViolation("A9.1", "access.visit.error.ended");
        }
        jdbc.sql("update access_visit set escort = :e, escort_by = :by where id = :id").param("e", escort.strip()).param("by", actor.username())
                .param("id", id).update();
        audit.record(AuditEvent.success("access.visit.escort", reference(id), "A9.1 escort " + escort.strip()));
    }

    /** Sign-in starts the visit: only with a letter valid today and an escort (A9.1). */
    @Transactional
    public void signIn(long id) {
        Actor actor = requireProvider();
        Visit v = visible(id, actor);
        if (!"AUTHORISED".equals(v.status())) {
            throw new RuleViolation("A9.1", "access.visit.error.notAuthorised");
        }
        if (!v.letterValidToday()) {
            throw new RuleViolation("A9.1", "access.visit.error.letterInvalid");
        }
        if (v.escort() == null) {
            throw new RuleViolation("A9.1", "access.visit.error.noEscort");
        }
        Instant now = clock.instant();
        int changed = jdbc.sql("update access_visit set status = 'ON_SITE', signed_in_at = :now where id = :id and status = 'AUTHORISED'")
                .param("now", ts(now)).param("id", id).update();
        if (changed != 1) {
            throw new RuleViolation("A9.1", "access.visit.error.notAuthorised");
        }
        events.publishEvent(new VisitSignedIn(id, AccessSubjects.system(systems.find(v.systemId()).orElseThrow()), now));
        audit.record(AuditEvent.success("access.visit.sign-in", reference(id), "A9.1 escorted by " + v.escort()));
    }

    @Transactional
    public void signOut(long id, String workDone) {
        Actor actor = requireProvider();
        Visit v = visible(id, actor);
        if (!"ON_SITE".equals(v.status())) {
            throw new RuleViolation("A9.1", "access.visit.error.notOnSite");
        }
        if (workDone == null || workDone.isBlank() || workDone.strip().length() > 2000) {
            throw new InvalidInput("access.visit.error.invalid", Map.of("workDone", "access.visit.error.workDone"));
        }
        Instant now = clock.instant();
        jdbc.sql("update access_visit set status = 'SIGNED_OUT', signed_out_at = :now, work_done = :w where id = :id")
                .param("now", ts(now)).param("w", workDone.strip()).param("id", id).update();
        duties.fulfil(reference(id) + ":escort", "escort " + v.escort() + ", signed out " + now);
        audit.record(AuditEvent.success("access.visit.sign-out", reference(id), "A9.1 signed out"));
    }

    /** The states a visit list filters by. A unit sees its own visits; the provider (it runs the machine rooms), supervisor and regulators all. */
    public static final List<String> STATES = List.of("AUTHORISED", "ON_SITE", "SIGNED_OUT", "CANCELLED");

    /**
     * Issue 23 point 11: one page of the visits the actor may see, narrowed by keyword (letter, purpose, escort or a visitor's name), unit,
     * state and the letter's last day; the page's visitors in one query, not one per visit.
     */
    @Transactional(readOnly = true)
    public Page<Visit> search(Actor actor, ListFilter filter) {
        Page<Visit> page = listing(actor, filter, today()).page(jdbc, "access_visit v", "v.id", filter, this::mapWithoutVisitors);
        if (page.rows().isEmpty()) {
            return page;
        }
        Map<Long, List<Visitor>> visitors = new HashMap<>();
        jdbc.sql("select visit_id, id, real_name, id_number_masked, mobile_masked from access_visitor where visit_id in (:ids) order by id")
                .param("ids", page.rows().stream().map(Visit::id).toList())
                .query((r, i) -> visitors.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                        .add(new Visitor(r.getLong(2), r.getString(3), r.getString(4), r.getString(5)))).list();
        return new Page<>(page.rows().stream().map(v -> withVisitors(v, visitors.getOrDefault(v.id(), List.of()))).toList(),
                page.total(), page.page(), page.size());
    }

    /** The filter as SQL on {@code access_visit v} (the register's export applies the same); {@code today} in Beijing. */
    static Listing listing(Actor actor, ListFilter f, LocalDate today) {
        return new Listing(scope(actor), params(actor))
                .keyword(f, List.of("v.letter_number", "v.purpose", "v.escort"),
                        "exists (select 1 from access_visitor kv where kv.visit_id = v.id and lower(kv.real_name) like :kw escape '\\')")
                .and("v.org_id = :unit", "unit", f.unit())
                .and("v.status = :state", "state", f.state())
                .due(f.due(), "v.valid_until", today, today.plusDays(7));
    }

    @Transactional(readOnly = true)
    public Visit visible(long id, Actor actor) {
        Map<String, Object> p = new HashMap<>(params(actor));
        p.put("id", id);
        return jdbc.sql("select * from access_visit v where v.id = :id and " + scope(actor)).params(p).query(this::map).optional()
                .orElseThrow(() -> new NotFound("visit " + id));
    }

    private static String scope(Actor actor) {
        return actor.orgKind() == OrgKind.UNIT ? "v.org_id = :scopeOrgId" : "1=1";
    }

    private static Map<String, Object> params(Actor actor) {
        return actor.orgKind() == OrgKind.UNIT ? Map.of("scopeOrgId", actor.orgId()) : Map.of();
    }

    private Visit map(ResultSet rs, int row) throws SQLException {
        Visit v = mapWithoutVisitors(rs, row);
        return withVisitors(v, jdbc.sql("select id, real_name, id_number_masked, mobile_masked from access_visitor where visit_id = :v order by id")
                .param("v", v.id()).query((r, i) -> new Visitor(r.getLong(1), r.getString(2), r.getString(3), r.getString(4))).list());
    }

    private Visit mapWithoutVisitors(ResultSet rs, int row) throws SQLException {
        LocalDate from = rs.getObject("valid_from", LocalDate.class);
        LocalDate until = rs.getObject("valid_until", LocalDate.class);
        LocalDate today = today();
        return new Visit(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("system_id"), rs.getString("purpose"), rs.getString("letter_number"),
                from, until, rs.getString("escort"), rs.getString("escort_by"), rs.getString("status"), instant(rs, "signed_in_at"),
                instant(rs, "signed_out_at"), rs.getString("work_done"), instant(rs, "recorded_at"), rs.getString("recorded_by"), List.of(),
                !today.isBefore(from) && !today.isAfter(until));
    }

    private static Visit withVisitors(Visit v, List<Visitor> visitors) {
        return new Visit(v.id(), v.orgId(), v.systemId(), v.purpose(), v.letterNumber(), v.validFrom(), v.validUntil(), v.escort(), v.escortBy(),
                v.status(), v.signedInAt(), v.signedOutAt(), v.workDone(), v.recordedAt(), v.recordedBy(), visitors, v.letterValidToday());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }

    private static Actor requireProvider() {
        Actor actor = Actor.require();
        if (!actor.has(Role.PROVIDER_OPERATOR)) {
            throw new AccessDeniedException("the provider escorts and records the visit (A9.1)");
        }
        return actor;
    }

    static String reference(long id) {
        return "visit:" + id;
    }
}
