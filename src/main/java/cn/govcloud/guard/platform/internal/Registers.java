package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider's registers of the platform itself: external network lines and interfaces (A6)
 * and hardware with its 信创 share and the business-continuity evidence (A5.1). The provider
 * writes; the supervisor and regulators read everything; nobody else sees them.
 */
@Service
public class Registers {
    public static final List<String> LINE_TYPES = List.of("INTERNET", "GOV_EXTRANET", "DEPARTMENT_PRIVATE");
    public static final List<String> DEVICE_TYPES = List.of("SERVER", "NETWORK", "SECURITY", "STORAGE", "CRYPTO");
    public static final List<String> REVIEW_RESULTS = List.of("OK", "ISSUES", "CLOSED");
    public static final List<String> DR_RESULTS = List.of("成功", "部分成功", "失败");

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

    public record Interface(long id, Long lineId, String lineName, String name, String endpoint, String purpose, String manager,
                            String managerContact, LocalDate lastReviewedOn, String lastResult, boolean reviewDue) {
    }

    public record NewInterface(Long lineId, String name, String endpoint, String purpose, String manager, String managerContact) {
    }

    public record Review(LocalDate reviewedOn, String reviewer, String result, String note) {
    }

    public record Device(long id, String type, String vendor, String model, String role, String location, int quantity, boolean compliant,
                         String basis) {
    }

    public record NewDevice(String type, String vendor, String model, String role, String location, Integer quantity, Boolean compliant,
                            String basis) {
    }

    /** The 信创 share of one device type, counted in devices (quantity), not register lines. */
    public record Share(String type, long devices, long compliant) {
        public int percent() {
            return devices == 0 ? 0 : (int) Math.round(100.0 * compliant / devices);
        }
    }

    public record Continuity(long id, String kind, String title, LocalDate onDate, String result, Integer rtoMinutes, Integer rpoMinutes,
                             Long documentId, String documentName, Instant recordedAt, String recordedBy) {
    }

    public record NewContinuity(String kind, String title, LocalDate onDate, String result, Integer rtoMinutes, Integer rpoMinutes) {
    }

    private final JdbcClient jdbc;
    private final Documents documents;
    private final AuditLog audit;
    private final Clock clock;
    private final cn.govcloud.guard.duties.Duties duties;

    Registers(JdbcClient jdbc, Documents documents, AuditLog audit, Clock clock, cn.govcloud.guard.duties.Duties duties) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
        this.duties = duties;
    }

    private static Actor provider() {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("only the provider keeps the platform registers");
        }
        return actor;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }

    /** The first day of the current quarter: an interface not reviewed since is due (A6.3, quarterly). */
    private LocalDate quarterStart() {
        LocalDate t = today();
        return LocalDate.of(t.getYear(), ((t.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }

    private static String text(Map<String, String> errors, String field, String value, int max, boolean required, String key) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.put(field, key);
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.put(field, key);
        }
        return v;
    }

    // ------------------------------------------------------------------ network lines (A6.1, A6.2)

    @Transactional
    public Line addLine(NewLine l) {
        Actor actor = provider();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(errors, "name", l.name(), 200, true, "platform.lines.error.name");
        if (l.lineType() == null || !LINE_TYPES.contains(l.lineType())) {
            errors.put("lineType", "platform.lines.error.lineType");
        }
        String carrier = text(errors, "carrier", l.carrier(), 200, true, "platform.lines.error.carrier");
        String bandwidth = text(errors, "bandwidth", l.bandwidth(), 50, false, "platform.lines.error.bandwidth");
        String userOrg = text(errors, "userOrg", l.userOrg(), 200, true, "platform.lines.error.userOrg");
        String note = text(errors, "boundaryNote", l.boundaryNote(), 1000, false, "platform.lines.error.boundaryNote");
        if (l.firewall() == null) {
            errors.put("firewall", "platform.lines.error.firewall");
        }
        if (l.intrusionPrevention() == null) {
            errors.put("intrusionPrevention", "platform.lines.error.intrusionPrevention");
        }
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
                    .param("at", now()).param("by", actor.username()).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("A6.1", "platform.lines.error.duplicate");
        }
        long id = key.getKey().longValue();
        // A6.1-network-line-registration: the line's connection raises the provider's registration duty, which this entry
        // (carrier and user named, A6.1 "谁提供谁负责、谁使用谁负责") fulfils at once (issue 17 point 10)
        cn.govcloud.guard.duties.Subject platform = new cn.govcloud.guard.duties.Subject(cn.govcloud.guard.rules.Rule.SubjectKind.PLATFORM,
                actor.orgId(), actor.orgName(), actor.orgId(), Map.of());
        duties.raise(new cn.govcloud.guard.duties.DutyTrigger("network-line.connected", platform, clock.instant(), "network-line:" + id,
                Map.of("lineType", l.lineType())));
        duties.fulfil("network-line:" + id, "线路已登记：" + name + "（" + carrier + "，使用单位 " + userOrg + "）");
        audit.record(AuditEvent.success("platform.line.register", "network-line:" + id, l.lineType() + " " + name + " (" + carrier
                + ") firewall=" + l.firewall() + " ips=" + l.intrusionPrevention()));
        return line(id, actor).orElseThrow();
    }

    /** The boundary protection changes (e.g. the firewall is put in place): A6.2. */
    @Transactional
    public Line setProtection(long id, Boolean firewall, Boolean intrusionPrevention, String note) {
        Actor actor = provider();
        Line line = line(id, actor).orElseThrow(() -> new NotFound("network line " + id));
        Map<String, String> errors = new LinkedHashMap<>();
        if (firewall == null) {
            errors.put("firewall", "platform.lines.error.firewall");
        }
        if (intrusionPrevention == null) {
            errors.put("intrusionPrevention", "platform.lines.error.intrusionPrevention");
        }
        String n = text(errors, "boundaryNote", note, 1000, false, "platform.lines.error.boundaryNote");
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.lines.error.invalid", errors);
        }
        jdbc.sql("update platform_network_line set firewall = :fw, intrusion_prevention = :ips, boundary_note = :note, updated_at = :at, "
                        + "updated_by = :by where id = :id")
                .param("fw", firewall).param("ips", intrusionPrevention).param("note", n).param("at", now()).param("by", actor.username())
                .param("id", id).update();
        audit.record(AuditEvent.success("platform.line.protection", "network-line:" + id, line.name() + " firewall=" + firewall
                + " ips=" + intrusionPrevention));
        return line(id, actor).orElseThrow();
    }

    public List<Line> lines(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql(LINE_SELECT + " where " + scope.where("l.provider_org_id") + " order by l.firewall, l.name").params(scope.params())
                .query((rs, i) -> line(rs)).list();
    }

    public Optional<Line> line(long id, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql(LINE_SELECT + " where l.id = :id and " + scope.where("l.provider_org_id")).params(params)
                .query((rs, i) -> line(rs)).optional();
    }

    private static final String LINE_SELECT = "select l.*, (select min(f.manager) from platform_interface f where f.line_id = l.id) as manager, "
            + "(select max(r.reviewed_on) from platform_interface_review r join platform_interface f on f.id = r.interface_id "
            + "where f.line_id = l.id) as last_review from platform_network_line l";

    private static Line line(ResultSet rs) throws SQLException {
        return new Line(rs.getLong("id"), rs.getLong("provider_org_id"), rs.getString("name"), rs.getString("line_type"),
                rs.getString("carrier"), rs.getString("bandwidth"), rs.getString("user_org"), rs.getBoolean("firewall"),
                rs.getBoolean("intrusion_prevention"), rs.getString("boundary_note"), rs.getString("manager"),
                rs.getObject("last_review", LocalDate.class), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    // ------------------------------------------------------------------ interfaces (A6.3)

    @Transactional
    public Interface addInterface(NewInterface f) {
        Actor actor = provider();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(errors, "name", f.name(), 200, true, "platform.if.error.name");
        String endpoint = text(errors, "endpoint", f.endpoint(), 300, true, "platform.if.error.endpoint");
        String purpose = text(errors, "purpose", f.purpose(), 1000, false, "platform.if.error.purpose");
        String manager = text(errors, "manager", f.manager(), 100, true, "platform.if.error.manager");
        String contact = text(errors, "managerContact", f.managerContact(), 100, false, "platform.if.error.managerContact");
        if (f.lineId() != null && line(f.lineId(), actor).isEmpty()) {
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
                    .param("purpose", purpose).param("manager", manager).param("contact", contact).param("at", now())
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
    public Interface review(long id, Review r) {
        Actor actor = provider();
        Interface f = iface(id, actor).orElseThrow(() -> new NotFound("interface " + id));
        Map<String, String> errors = new LinkedHashMap<>();
        if (r.reviewedOn() == null || r.reviewedOn().isAfter(today())) {
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
                .param("at", now()).param("by", actor.username()).update();
        audit.record(AuditEvent.success("platform.interface.review", "interface:" + id, f.name() + " reviewed " + r.reviewedOn() + ": "
                + r.result()));
        return iface(id, actor).orElseThrow();
    }

    public List<Interface> interfaces(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql(IF_SELECT + " where " + scope.where("f.provider_org_id") + " order by f.name").params(scope.params())
                .query((rs, i) -> iface(rs)).list();
    }

    public Optional<Interface> iface(long id, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql(IF_SELECT + " where f.id = :id and " + scope.where("f.provider_org_id")).params(params)
                .query((rs, i) -> iface(rs)).optional();
    }

    private static final String IF_SELECT = "select f.*, l.name as line_name, "
            + "(select max(r.reviewed_on) from platform_interface_review r where r.interface_id = f.id) as last_review, "
            + "(select r.result from platform_interface_review r where r.interface_id = f.id order by r.reviewed_on desc, r.id desc "
            + "limit 1) as last_result from platform_interface f left join platform_network_line l on l.id = f.line_id";

    private Interface iface(ResultSet rs) throws SQLException {
        long line = rs.getLong("line_id");
        Long lineId = rs.wasNull() ? null : line;
        LocalDate last = rs.getObject("last_review", LocalDate.class);
        String result = rs.getString("last_result");
        boolean due = !"CLOSED".equals(result) && (last == null || last.isBefore(quarterStart()));
        return new Interface(rs.getLong("id"), lineId, rs.getString("line_name"), rs.getString("name"), rs.getString("endpoint"),
                rs.getString("purpose"), rs.getString("manager"), rs.getString("manager_contact"), last, result, due);
    }

    // ------------------------------------------------------------------ hardware (A5.1)

    @Transactional
    public Device addDevice(NewDevice d) {
        Actor actor = provider();
        Map<String, String> errors = new LinkedHashMap<>();
        if (d.type() == null || !DEVICE_TYPES.contains(d.type())) {
            errors.put("type", "platform.hw.error.type");
        }
        String vendor = text(errors, "vendor", d.vendor(), 200, true, "platform.hw.error.vendor");
        String model = text(errors, "model", d.model(), 200, true, "platform.hw.error.model");
        String role = text(errors, "role", d.role(), 300, true, "platform.hw.error.role");
        String location = text(errors, "location", d.location(), 200, true, "platform.hw.error.location");
        if (d.quantity() == null || d.quantity() < 1 || d.quantity() > 100_000) {
            errors.put("quantity", "platform.hw.error.quantity");
        }
        if (d.compliant() == null) {
            errors.put("compliant", "platform.hw.error.compliant");
        }
        // 信创: whether it meets the rules, "with the basis" — the basis is required when it does
        String basis = text(errors, "basis", d.basis(), 1000, Boolean.TRUE.equals(d.compliant()), "platform.hw.error.basis");
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.hw.error.invalid", errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_device (provider_org_id, type, vendor, model, role, location, quantity, compliant, basis, created_at, "
                        + "created_by) values (:org, :type, :vendor, :model, :role, :location, :qty, :ok, :basis, :at, :by)")
                .param("org", actor.orgId()).param("type", d.type()).param("vendor", vendor).param("model", model).param("role", role)
                .param("location", location).param("qty", d.quantity()).param("ok", d.compliant()).param("basis", basis).param("at", now())
                .param("by", actor.username()).update(key, "id");
        long id = key.getKey().longValue();
        audit.record(AuditEvent.success("platform.device.register", "device:" + id, d.type() + " " + vendor + " " + model + " x"
                + d.quantity() + " compliant=" + d.compliant()));
        return devices(actor).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    public List<Device> devices(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select * from platform_device d where " + scope.where("d.provider_org_id") + " order by d.type, d.vendor, d.model, d.id")
                .params(scope.params())
                .query((rs, i) -> new Device(rs.getLong("id"), rs.getString("type"), rs.getString("vendor"), rs.getString("model"),
                        rs.getString("role"), rs.getString("location"), rs.getInt("quantity"), rs.getBoolean("compliant"), rs.getString("basis")))
                .list();
    }

    /** The 信创 share by device type (every type listed, zero when none registered). */
    public List<Share> shares(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, long[]> byType = new LinkedHashMap<>();
        DEVICE_TYPES.forEach(t -> byType.put(t, new long[2]));
        jdbc.sql("select d.type, sum(d.quantity) as n, sum(case when d.compliant then d.quantity else 0 end) as ok from platform_device d where "
                        + scope.where("d.provider_org_id") + " group by d.type").params(scope.params())
                .query((ResultSet rs) -> {
                    long[] v = byType.get(rs.getString("type"));
                    v[0] = rs.getLong("n");
                    v[1] = rs.getLong("ok");
                });
        List<Share> shares = new ArrayList<>();
        byType.forEach((t, v) -> shares.add(new Share(t, v[0], v[1])));
        return shares;
    }

    // ------------------------------------------------------------------ business continuity (A5.1)

    /** The BC/DR plan or a DR test, with its evidence file (PDF etc., checked and encrypted by the documents module). */
    @Transactional
    public Continuity addContinuity(NewContinuity c, String filename, InputStream file) {
        Actor actor = provider();
        Map<String, String> errors = new LinkedHashMap<>();
        if (c.kind() == null || !List.of("PLAN", "DR_TEST").contains(c.kind())) {
            errors.put("kind", "platform.bc.error.kind");
        }
        String title = text(errors, "title", c.title(), 200, true, "platform.bc.error.title");
        if (c.onDate() == null || c.onDate().isAfter(today())) {
            errors.put("onDate", "platform.bc.error.onDate");
        }
        if ("DR_TEST".equals(c.kind())) {
            if (c.result() == null || !DR_RESULTS.contains(c.result())) {
                errors.put("result", "platform.bc.error.result");
            }
            if (c.rtoMinutes() == null || c.rtoMinutes() < 0 || c.rtoMinutes() > 100_000) {
                errors.put("rtoMinutes", "platform.bc.error.minutes");
            }
            if (c.rpoMinutes() == null || c.rpoMinutes() < 0 || c.rpoMinutes() > 100_000) {
                errors.put("rpoMinutes", "platform.bc.error.minutes");
            }
        }
        if (file == null) {
            errors.put("file", "platform.bc.error.file");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.bc.error.invalid", errors);
        }
        long document = documents.store(actor.orgId(), filename, file).id();
        boolean test = "DR_TEST".equals(c.kind());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_continuity (provider_org_id, kind, title, on_date, result, rto_minutes, rpo_minutes, document_id, "
                        + "recorded_at, recorded_by) values (:org, :kind, :title, :on, :result, :rto, :rpo, :doc, :at, :by)")
                .param("org", actor.orgId()).param("kind", c.kind()).param("title", title).param("on", c.onDate())
                .param("result", test ? c.result() : null).param("rto", test ? c.rtoMinutes() : null).param("rpo", test ? c.rpoMinutes() : null)
                .param("doc", document).param("at", now()).param("by", actor.username()).update(key, "id");
        long id = key.getKey().longValue();
        audit.record(AuditEvent.success("platform.continuity.record", "continuity:" + id, c.kind() + " " + title + " " + c.onDate()
                + (test ? " " + c.result() : "")));
        return continuity(actor).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    public List<Continuity> continuity(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select * from platform_continuity c where " + scope.where("c.provider_org_id") + " order by c.on_date desc, c.id desc")
                .params(scope.params())
                .query((rs, i) -> {
                    long doc = rs.getLong("document_id");
                    Long docId = rs.wasNull() ? null : doc;
                    Integer rto = (Integer) rs.getObject("rto_minutes", Integer.class);
                    Integer rpo = (Integer) rs.getObject("rpo_minutes", Integer.class);
                    return new Continuity(rs.getLong("id"), rs.getString("kind"), rs.getString("title"), rs.getObject("on_date", LocalDate.class),
                            rs.getString("result"), rto, rpo, docId,
                            docId == null ? null : documents.describe(docId).map(d -> d.filename()).orElse(null),
                            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"));
                }).list();
    }

    /** The evidence file of a continuity record, for those who may read the register. */
    public Optional<Map.Entry<String, byte[]>> continuityDocument(long id, Actor actor) {
        return continuity(actor).stream().filter(c -> c.id() == id && c.documentId() != null).findFirst()
                .map(c -> Map.entry(c.documentName(), documents.open(c.documentId())));
    }
}
