package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.duties.SubjectSource;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A10.3 emergency plans: the provider's overall plan for the platform and each unit's plan for
 * each of its systems, versioned (file, approval, effective date, next revision date). A new
 * version files the open yearly plan-review duty of the catalog ({@code A10.3-platform-plan-review},
 * {@code A10.3-system-plan-review}). A system that owes duties without a plan in force is non-compliant.
 */
@Service
public class PlanService {

    public record NewPlan(Long systemId, String version, String title, String approvedBy, LocalDate approvedOn, LocalDate effectiveOn,
                          LocalDate nextRevisionOn, String changes) {
    }

    public record Plan(long id, long orgId, Long systemId, String version, String title, long documentId, String filename,
                       String approvedBy, LocalDate approvedOn, LocalDate effectiveOn, LocalDate nextRevisionOn, String changes,
                       Long dutyId, Instant recordedAt, String recordedBy) {
    }

    /** One line of the compliance list: the platform or a system, with its plan in force (or none) and all versions. */
    public record Row(String kind, long orgId, String orgName, Long systemId, String name, Plan current, List<Plan> versions) {
        public boolean compliant() {
            return current != null;
        }
    }

    private final JdbcClient jdbc;
    private final Duties duties;
    private final Documents documents;
    private final Systems systems;
    private final List<SubjectSource> subjects;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final Clock clock;

    PlanService(JdbcClient jdbc, Duties duties, Documents documents, Systems systems, List<SubjectSource> subjects,
                OrganisationDirectory organisations, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.duties = duties;
        this.documents = documents;
        this.systems = systems;
        this.subjects = subjects;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Plan record(NewPlan p, String filename, InputStream file) {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER && actor.orgKind() != OrgKind.UNIT) {
            throw new AccessDeniedException("plans are the provider's and the units'");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (actor.orgKind() == OrgKind.UNIT && p.systemId() == null) {
            errors.put("systemId", "incidents.error.systemRequired");
        }
        if (actor.orgKind() == OrgKind.PROVIDER && p.systemId() != null) {
            errors.put("systemId", "incidents.plan.error.providerPlatform");
        }
        text(p.version(), 40, "version", errors);
        text(p.title(), 200, "title", errors);
        text(p.approvedBy(), 100, "approvedBy", errors);
        if (p.approvedOn() == null) {
            errors.put("approvedOn", "incidents.error.required");
        }
        if (p.effectiveOn() == null) {
            errors.put("effectiveOn", "incidents.error.required");
        } else if (p.approvedOn() != null && p.effectiveOn().isBefore(p.approvedOn())) {
            errors.put("effectiveOn", "incidents.plan.error.effectiveBeforeApproval");
        }
        if (p.nextRevisionOn() == null || (p.effectiveOn() != null && !p.nextRevisionOn().isAfter(p.effectiveOn()))) {
            errors.put("nextRevisionOn", "incidents.plan.error.revision");
        }
        if (actor.orgKind() == OrgKind.PROVIDER && Values.blank(p.changes())) {
            errors.put("changes", "incidents.error.required");
        }
        if (file == null || Values.blank(filename)) {
            errors.put("file", "incidents.plan.error.file");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        SystemRef system = null;
        if (p.systemId() != null) {
            system = systems.find(p.systemId()).filter(s -> s.orgId() == actor.orgId())
                    .orElseThrow(() -> new Unprocessable("incidents.error.foreignSystem"));
        }
        byte[] bytes = read(file);
        StoredDocument stored = documents.store(actor.orgId(), filename, new ByteArrayInputStream(bytes));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incidents_plan (org_id, system_id, version, title, document_id, filename, approved_by, approved_on, effective_on,
                  next_revision_on, changes, recorded_at, recorded_by)
                values (:org, :system, :version, :title, :doc, :filename, :approvedBy, :approvedOn, :effectiveOn, :next, :changes, :now, :by)""")
                .param("org", actor.orgId()).param("system", system == null ? null : system.id()).param("version", p.version().strip())
                .param("title", p.title().strip()).param("doc", stored.id()).param("filename", stored.filename())
                .param("approvedBy", p.approvedBy().strip()).param("approvedOn", p.approvedOn()).param("effectiveOn", p.effectiveOn())
                .param("next", p.nextRevisionOn()).param("changes", Values.blank(p.changes()) ? null : p.changes().strip())
                .param("now", Values.ts(clock.instant())).param("by", actor.username())
                .update(key, "id");
        long id = key.getKey().longValue();
        // A10.3: the new version files the yearly review duty that is still open
        String rule = system == null ? "A10.3-platform-plan-review" : "A10.3-system-plan-review";
        SubjectKind kind = system == null ? SubjectKind.PLATFORM : SubjectKind.SYSTEM;
        long subjectId = system == null ? actor.orgId() : system.id();
        Optional<Duty> open = duties.ofSubjectAndRule(kind, subjectId, rule).stream()
                .filter(d -> d.state().awaitsSubmission()).min(Comparator.comparing(Duty::dueAt));
        if (open.isPresent()) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("planVersion", p.version().strip());
            fields.put("revisedOn", p.approvedOn().toString());
            if (system == null) {
                fields.put("changes", p.changes().strip());
            }
            duties.submit(open.get().id(), fields, List.of(new Duties.Attachment("plan", stored.filename(), new ByteArrayInputStream(bytes))));
            jdbc.sql("update incidents_plan set duty_id = :d where id = :id").param("d", open.get().id()).param("id", id).update();
        }
        audit.record(AuditEvent.success("plan.record", "plan:" + id, (system == null ? "platform" : "system:" + system.id()) + " version "
                + p.version().strip() + " effective " + p.effectiveOn() + " next revision " + p.nextRevisionOn()
                + (open.isPresent() ? " filed duty " + open.get().id() : "")));
        return find(id).orElseThrow();
    }

    /** The compliance list: the provider its overall plan, a unit its systems, oversight everything. */
    @Transactional(readOnly = true)
    public List<Row> rows(Actor actor) {
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        boolean oversight = actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
        Map<Long, String> orgNames = new HashMap<>();
        organisations.all().forEach(o -> orgNames.put(o.id(), o.name()));
        List<Plan> all = jdbc.sql("select * from incidents_plan " + (oversight ? "" : "where org_id = :org ")
                        + "order by effective_on desc, id desc").params(oversight ? Map.of() : Map.of("org", actor.orgId()))
                .query((rs, n) -> map(rs)).list();
        List<Row> rows = new ArrayList<>();
        if (oversight || actor.orgKind() == OrgKind.PROVIDER) {
            for (OrganisationView provider : organisations.ofKind(OrgKind.PROVIDER)) {
                if (!oversight && provider.id() != actor.orgId()) {
                    continue;
                }
                List<Plan> versions = all.stream().filter(p -> p.orgId() == provider.id() && p.systemId() == null).toList();
                rows.add(new Row("PLATFORM", provider.id(), provider.name(), null, provider.name(), current(versions, today), versions));
            }
        }
        if (oversight || actor.orgKind() == OrgKind.UNIT) {
            for (SubjectSource source : subjects) {
                if (source.kind() != SubjectKind.SYSTEM) {
                    continue;
                }
                for (Subject s : source.subjects()) {
                    if (!oversight && s.orgId() != actor.orgId()) {
                        continue;
                    }
                    List<Plan> versions = all.stream().filter(p -> p.systemId() != null && p.systemId() == s.id()).toList();
                    rows.add(new Row("SYSTEM", s.orgId(), orgNames.getOrDefault(s.orgId(), ""), s.id(), s.name(), current(versions, today),
                            versions));
                }
            }
        }
        return rows;
    }

    /**
     * Issue 23 point 11: the compliance list searched — {@code q} in the platform's or system's name, its unit's name or the
     * plan in force (title, version); {@code unit} the owning organisation; {@code inForce} with or without a plan in force —
     * one page of it. The rows are one per platform and system the actor may see (a bounded list built from the subjects
     * the other modules declare), so they are narrowed here rather than in SQL.
     */
    @Transactional(readOnly = true)
    public cn.govcloud.guard.shared.Page<Row> search(Actor actor, PlanFilter filter, int page, int size) {
        String kw = filter.q() == null ? null : filter.q().toLowerCase(java.util.Locale.ROOT);
        List<Row> found = rows(actor).stream()
                .filter(r -> filter.unit() == null || r.orgId() == filter.unit())
                .filter(r -> filter.inForce() == null || r.compliant() == filter.inForce())
                .filter(r -> kw == null || contains(r.name(), kw) || contains(r.orgName(), kw)
                        || r.current() != null && (contains(r.current().title(), kw) || contains(r.current().version(), kw)))
                .toList();
        int from = (int) Math.min(found.size(), (long) page * size);
        return new cn.govcloud.guard.shared.Page<>(found.subList(from, Math.min(found.size(), from + size)), found.size(), page, size);
    }

    private static boolean contains(String text, String lowerKeyword) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(lowerKeyword);
    }

    /** The running systems of one unit (those that owe duties), for the pages' system choices. */
    public List<Subject> systemsOf(long orgId) {
        List<Subject> out = new ArrayList<>();
        for (SubjectSource source : subjects) {
            if (source.kind() == SubjectKind.SYSTEM) {
                source.subjects().stream().filter(s -> s.orgId() == orgId).forEach(out::add);
            }
        }
        out.sort(Comparator.comparing(Subject::name));
        return out;
    }

    /** The latest version in force today: effective, not past its revision date. */
    static Plan current(List<Plan> versions, LocalDate today) {
        return versions.stream().filter(p -> !p.effectiveOn().isAfter(today) && !p.nextRevisionOn().isBefore(today))
                .max(Comparator.comparing(Plan::effectiveOn).thenComparing(Plan::id)).orElse(null);
    }

    @Transactional(readOnly = true)
    public Optional<Plan> find(long id) {
        return jdbc.sql("select * from incidents_plan where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
    }

    /** A plan the actor may read: its own organisation's, or any for oversight. */
    @Transactional(readOnly = true)
    public Plan visible(long id, Actor actor) {
        Plan plan = find(id).orElseThrow(() -> new NotFound("plan " + id));
        boolean oversight = actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
        if (!oversight && plan.orgId() != actor.orgId()) {
            throw new NotFound("plan " + id);
        }
        return plan;
    }

    public byte[] content(Plan plan) {
        return documents.open(plan.documentId());
    }

    public Optional<StoredDocument> describe(Plan plan) {
        return documents.describe(plan.documentId());
    }

    private static Plan map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long system = rs.getLong("system_id");
        Long systemId = rs.wasNull() ? null : system;
        long duty = rs.getLong("duty_id");
        Long dutyId = rs.wasNull() ? null : duty;
        return new Plan(rs.getLong("id"), rs.getLong("org_id"), systemId, rs.getString("version"), rs.getString("title"),
                rs.getLong("document_id"), rs.getString("filename"), rs.getString("approved_by"), rs.getObject("approved_on", LocalDate.class),
                rs.getObject("effective_on", LocalDate.class), rs.getObject("next_revision_on", LocalDate.class), rs.getString("changes"),
                dutyId, Values.instant(rs, "recorded_at"), rs.getString("recorded_by"));
    }

    private static void text(String value, int max, String field, Map<String, String> errors) {
        if (Values.blank(value) || value.strip().length() > max) {
            errors.put(field, "incidents.error.required");
        }
    }

    private static byte[] read(InputStream in) {
        try {
            byte[] bytes = in.readNBytes((int) Documents.MAX_BYTES + 1);
            if (bytes.length > Documents.MAX_BYTES) {
                throw new InvalidInput("incidents.error.invalid", Map.of("file", "incidents.error.tooLarge"));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
