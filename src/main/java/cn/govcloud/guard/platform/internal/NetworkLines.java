package cn.govcloud.guard.platform.internal;

import static cn.govcloud.guard.platform.internal.Fields.text;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.platform.NetworkLineConnected;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A6.1, A6.2: the register of external network lines ({@code platform_network_line}) with their boundary protection.
 * The provider writes; the supervisor and regulators read everything; nobody else sees it.
 */
@Service
public class NetworkLines {
    public static final List<String> LINE_TYPES = List.of("INTERNET", "GOV_EXTRANET", "DEPARTMENT_PRIVATE");

    public record Line(long id, long providerOrgId, String name, String lineType, String carrier, String bandwidth, String userOrg,
                       boolean firewall, boolean intrusionPrevention, String boundaryNote, String manager, LocalDate lastReviewedOn,
                       Instant updatedAt) {
        /** A6.2: a line that does not connect through a firewall is a finding. */
        public boolean finding() {
            return !firewall;
        }
    }

    public record NewLine(String name, String lineType, String carrier, String bandwidth, String userOrg, Boolean firewall,
                          Boolean intrusionPrevention, String boundaryNote) {
    }

    private static final String SELECT = "select l.*, (select min(f.manager) from platform_interface f where f.line_id = l.id) as manager, "
            + "(select max(r.reviewed_on) from platform_interface_review r join platform_interface f on f.id = r.interface_id "
            + "where f.line_id = l.id) as last_review from platform_network_line l";

    private final JdbcClient jdbc;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final PlatformClock clock;

    NetworkLines(JdbcClient jdbc, Duties duties, ApplicationEventPublisher events, AuditLog audit, PlatformClock clock) {
        this.jdbc = jdbc;
        this.duties = duties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    private static Actor provider(Actor actor) {
        return Provider.require(actor, "only the provider keeps the platform registers");
    }

    @Transactional
    public Line addLine(Actor by, NewLine l) {
        Actor actor = provider(by);
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(errors, "name", l.name(), 200, true, "platform.lines.error.name");
        if (l.lineType() == null || !LINE_TYPES.contains(l.lineType())) {
            errors.put("lineType", "platform.lines.error.lineType");
        }
        String carrier = text(errors, "carrier", l.carrier(), 200, true, "platform.lines.error.carrier");
        String bandwidth = text(errors, "bandwidth", l.bandwidth(), 50, false, "platform.lines.error.bandwidth");
        String userOrg = text(errors, "userOrg", l.userOrg(), 200, true, "platform.lines.error.userOrg");
        String note = protection(errors, l.firewall(), l.intrusionPrevention(), l.boundaryNote());
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.lines.error.invalid", errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into platform_network_line (provider_org_id, name, line_type, carrier, bandwidth, user_org, firewall, "
                            + "intrusion_prevention, boundary_note, created_at, created_by, updated_at, updated_by) values (:org, :name, :type, "
                            + ":carrier, :bw, :user, :fw, :ips, :note, :at, :by, :at, :by)")
                    .param("org", actor.orgId()).param("name", name).param("type", l.lineType()).param("carrier", carrier).param("bw", bandwidth)
                    .param("user", userOrg).param("fw", l.firewall()).param("ips", l.intrusionPrevention()).param("note", note)
                    .param("at", clock.now()).param("by", actor.username()).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("A6.1", "platform.lines.error.duplicate");
        }
        long id = key.getKey().longValue();
        // A6.1-network-line-registration: the line's connection raises the provider's registration duty, which this entry
        // (carrier and user named, A6.1 "谁提供谁负责、谁使用谁负责") fulfils at once (issue 17 point 10)
        events.publishEvent(new NetworkLineConnected(id, Provider.platform(actor), clock.instant(), l.lineType()));
        duties.fulfil("network-line:" + id, "线路已登记：" + name + "（" + carrier + "，使用单位 " + userOrg + "）");
        audit.record(AuditEvent.success("platform.line.register", "network-line:" + id, l.lineType() + " " + name + " (" + carrier
                + ") firewall=" + l.firewall() + " ips=" + l.intrusionPrevention()));
        return line(id, actor).orElseThrow();
    }

    /** The boundary protection changes (e.g. the firewall is put in place): A6.2. */
    @Transactional
    public Line setProtection(Actor by, long id, Boolean firewall, Boolean intrusionPrevention, String note) {
        Actor actor = provider(by);
        Line line = line(id, actor).orElseThrow(() -> new NotFound("network line " + id));
        Map<String, String> errors = new LinkedHashMap<>();
        String n = protection(errors, firewall, intrusionPrevention, note);
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.lines.error.invalid", errors);
        }
        jdbc.sql("update platform_network_line set firewall = :fw, intrusion_prevention = :ips, boundary_note = :note, updated_at = :at, "
                        + "updated_by = :by where id = :id")
                .param("fw", firewall).param("ips", intrusionPrevention).param("note", n).param("at", clock.now())
                .param("by", actor.username()).param("id", id).update();
        audit.record(AuditEvent.success("platform.line.protection", "network-line:" + id, line.name() + " firewall=" + firewall
                + " ips=" + intrusionPrevention));
        return line(id, actor).orElseThrow();
    }

    /** A6.2: whether the boundary has a firewall and intrusion prevention must be said; the note is free. */
    private static String protection(Map<String, String> errors, Boolean firewall, Boolean intrusionPrevention, String note) {
        String n = text(errors, "boundaryNote", note, 1000, false, "platform.lines.error.boundaryNote");
        if (firewall == null) {
            errors.put("firewall", "platform.lines.error.firewall");
        }
        if (intrusionPrevention == null) {
            errors.put("intrusionPrevention", "platform.lines.error.intrusionPrevention");
        }
        return n;
    }

    @Transactional(readOnly = true)
    public List<Line> lines(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql(SELECT + " where " + scope.where("l.provider_org_id") + " order by l.firewall, l.name").params(scope.params())
                .query((rs, i) -> line(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<Line> line(long id, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql(SELECT + " where l.id = :id and " + scope.where("l.provider_org_id")).params(params)
                .query((rs, i) -> line(rs)).optional();
    }

    private static Line line(ResultSet rs) throws SQLException {
        return new Line(rs.getLong("id"), rs.getLong("provider_org_id"), rs.getString("name"), rs.getString("line_type"),
                rs.getString("carrier"), rs.getString("bandwidth"), rs.getString("user_org"), rs.getBoolean("firewall"),
                rs.getBoolean("intrusion_prevention"), rs.getString("boundary_note"), rs.getString("manager"),
                rs.getObject("last_review", LocalDate.class), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
