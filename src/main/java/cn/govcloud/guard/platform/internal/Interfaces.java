package cn.govcloud.guard.platform.internal;

import static cn.govcloud.guard.platform.internal.Fields.text;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A6.3: the external interfaces ({@code platform_interface}), each with a named manager and its periodic reviews; an
 * interface not reviewed this quarter (and not closed) is due.
 */
@Service
public class Interfaces {
    public static final List<String> REVIEW_RESULTS = List.of("OK", "ISSUES", "CLOSED");

    public record Interface(long id, Long lineId, String lineName, String name, String endpoint, String purpose, String manager,
                            String managerContact, LocalDate lastReviewedOn, String lastResult, boolean reviewDue) {
    }

    public record NewInterface(Long lineId, String name, String endpoint, String purpose, String manager, String managerContact) {
    }

    public record Review(LocalDate reviewedOn, String reviewer, String result, String note) {
    }

    private static final String SELECT = "select f.*, l.name as line_name, "
            + "(select max(r.reviewed_on) from platform_interface_review r where r.interface_id = f.id) as last_review, "
            + "(select r.result from platform_interface_review r where r.interface_id = f.id order by r.reviewed_on desc, r.id desc "
            + "limit 1) as last_result from platform_interface f left join platform_network_line l on l.id = f.line_id";

    private final JdbcClient jdbc;
    private final NetworkLines lines;
    private final AuditLog audit;
    private final PlatformClock clock;

    Interfaces(JdbcClient jdbc, NetworkLines lines, AuditLog audit, PlatformClock clock) {
        this.jdbc = jdbc;
        this.lines = lines;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Interface addInterface(Actor by, NewInterface f) {
        Actor actor = Provider.require(by, "only the provider keeps the platform registers");
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(errors, "name", f.name(), 200, true, "platform.if.error.name");
        String endpoint = text(errors, "endpoint", f.endpoint(), 300, true, "platform.if.error.endpoint");
        String purpose = text(errors, "purpose", f.purpose(), 1000, false, "platform.if.error.purpose");
        String manager = text(errors, "manager", f.manager(), 100, true, "platform.if.error.manager");
        String contact = text(errors, "managerContact", f.managerContact(), 100, false, "platform.if.error.managerContact");
        if (f.lineId() != null && lines.line(f.lineId(), actor).isEmpty()) {
            errors.put("lineId", "platform.if.error.line");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.if.error.invalid", errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into platform_interface (provider_org_id, line_id, name, endpoint, purpose, manager, manager_contact, created_at, "
                            + "created_by) values (:org, :line, :name, :endpoint, :purpose, :manager, :contact, :at, :by)")
                    .param("org", actor.orgId()).param("line", f.lineId()).param("name", name).param("endpoint", endpoint)
                    .param("purpose", purpose).param("manager", manager).param("contact", contact).param("at", clock.now())
                    .param("by", actor.username()).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("A6.3", "platform.if.error.duplicate");
        }
        long id = key.getKey().longValue();
        audit.record(AuditEvent.success("platform.interface.register", "interface:" + id, name + " " + endpoint + " manager " + manager));
        return iface(id, actor).orElseThrow();
    }

    /** A6.3: the periodic review of one interface (the catalog's quarterly duty covers them all). */
    @Transactional
    public Interface review(Actor by, long id, Review r) {
        Actor actor = Provider.require(by, "only the provider keeps the platform registers");
        Interface f = iface(id, actor).orElseThrow(() -> new NotFound("interface " + id));
        Map<String, String> errors = new LinkedHashMap<>();
        if (r.reviewedOn() == null || r.reviewedOn().isAfter(clock.today())) {
            errors.put("reviewedOn", "platform.if.error.reviewedOn");
        }
        String reviewer = text(errors, "reviewer", r.reviewer(), 100, true, "platform.if.error.reviewer");
        if (r.result() == null || !REVIEW_RESULTS.contains(r.result())) {
            errors.put("result", "platform.if.error.result");
        }
        String note = text(errors, "note", r.note(), 2000, "ISSUES".equals(r.result()), "platform.if.error.note");
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.if.error.invalid", errors);
        }
        jdbc.sql("insert into platform_interface_review (interface_id, reviewed_on, reviewer, result, note, recorded_at, recorded_by) "
                        + "values (:id, :on, :reviewer, :result, :note, :at, :by)")
                .param("id", id).param("on", r.reviewedOn()).param("reviewer", reviewer).param("result", r.result()).param("note", note)
                .param("at", clock.now()).param("by", actor.username()).update();
        audit.record(AuditEvent.success("platform.interface.review", "interface:" + id, f.name() + " reviewed " + r.reviewedOn() + ": "
                + r.result()));
        return iface(id, actor).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Interface> interfaces(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        LocalDate quarter = clock.quarterStart();
        return jdbc.sql(SELECT + " where " + scope.where("f.provider_org_id") + " order by f.name").params(scope.params())
                .query((rs, i) -> iface(rs, quarter)).list();
    }

    @Transactional(readOnly = true)
    public Optional<Interface> iface(long id, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        LocalDate quarter = clock.quarterStart();
        return jdbc.sql(SELECT + " where f.id = :id and " + scope.where("f.provider_org_id")).params(params)
                .query((rs, i) -> iface(rs, quarter)).optional();
    }

    private static Interface iface(ResultSet rs, LocalDate quarterStart) throws SQLException {
        long line = rs.getLong("line_id");
        Long lineId = rs.wasNull() ? null : line;
        LocalDate last = rs.getObject("last_review", LocalDate.class);
        String result = rs.getString("last_result");
        boolean due = !"CLOSED".equals(result) && (last == null || last.isBefore(quarterStart));
        return new Interface(rs.getLong("id"), lineId, rs.getString("line_name"), rs.getString("name"), rs.getString("endpoint"),
                rs.getString("purpose"), rs.getString("manager"), rs.getString("manager_contact"), last, result, due);
    }
}
