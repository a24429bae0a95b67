package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.data.DataSecurity;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data catalog (A8.2), backup policies, runs and restore tests (A7.1, A8.2) and the cross-border
 * register (A8.3). Reads are scoped with {@link OrgScope} (a unit sees its own; supervisor and
 * regulators all; the provider has no rows here — it holds no unit's data catalog, and the pages
 * and API do not admit it). Writes: a unit's people, for their own unit's systems only; each audited.
 */
@Service
public class DataService implements DataSecurity {

    public record Dataset(long id, long orgId, String orgName, long systemId, String systemName, String name, String description,
                          String businessArea, String volume, String storageLocation, Grade grade, HarmObject harmObject,
                          HarmSeverity harmSeverity, String gradingNote, List<Part> parts, Instant updatedAt, String updatedBy) {
    }

    public record Policy(long id, long orgId, long systemId, String systemName, Long datasetId, String datasetName, boolean localCopy,
                         boolean offsiteCopy, String offsiteLocation, int everyHours, int retentionDays, int rtoHours, int rpoHours,
                         Instant updatedAt, String updatedBy) {
    }

    public record Backup(long id, long policyId, Instant ranAt, Result result, Long sizeBytes, Location location, String locationDetail,
                         String note, String recordedBy) {
    }

    public record RestoreTest(long id, long policyId, Instant testedAt, Result result, Location location, Integer recoveredMinutes,
                              String note, String recordedBy) {
    }

    public record Transfer(long id, long orgId, String orgName, long datasetId, String datasetName, Grade datasetGrade, String recipient,
                           String country, String purpose, LegalBasis legalBasis, TransferStatus status, LocalDate validUntil,
                           Instant recordedAt, String recordedBy) {
    }

    static final int MAX_PARTS = 50;

    private final JdbcClient jdbc;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final Duties duties;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    DataService(JdbcClient jdbc, Systems systems, OrganisationDirectory organisations, Duties duties, AuditLog audit, MessageSource messages,
                Clock clock) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.organisations = organisations;
        this.duties = duties;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ grading (A8.2)

    /**
     * GB/T 43697-2024, table 1: core data = particularly serious harm to national security, the economy,
     * social order or the public interest, or serious harm to national security; important data =
     * general harm to national security or serious harm to the other three; anything else is general.
     */
    public static Grade basisGrade(HarmObject object, HarmSeverity severity) {
        if (object == null || severity == null) {
            return null;
        }
        boolean publicSphere = object != HarmObject.ORGANISATION && object != HarmObject.INDIVIDUAL;
        if (!publicSphere || severity == HarmSeverity.NONE) {
            return Grade.GENERAL_1;
        }
        if (object == HarmObject.NATIONAL_SECURITY) {
            return severity == HarmSeverity.GENERAL ? Grade.IMPORTANT : Grade.CORE;
        }
        switch (severity) {
            case PARTICULARLY_SERIOUS:
                return Grade.CORE;
            case SERIOUS:
                return Grade.IMPORTANT;
            default:
                return Grade.GENERAL_1;
        }
    }

    /** The lowest grade 就高从严 allows: the highest of the parts' grades and the basis's grade. */
    public static Grade requiredGrade(NewDataset d) {
        Grade required = basisGrade(d.harmObject(), d.harmSeverity());
        for (Part part : d.parts()) {
            required = Grade.max(required, part == null ? null : part.grade());
        }
        return required == null ? Grade.GENERAL_1 : required;
    }

    /** Field errors (message keys) of a data set; empty when it may be saved. Shared with the Excel import. */
    public Map<String, String> check(NewDataset d, Actor actor) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (d.systemId() == null) {
            errors.put("systemId", "data.error.system");
        } else {
            Optional<SystemRef> system = systems.find(d.systemId());
            if (system.isEmpty() || system.get().orgId() != actor.orgId() || "EXITED".equals(system.get().state())) {
                errors.put("systemId", "data.error.system");
            }
        }
        text(errors, "name", d.name(), 200, true);
        text(errors, "description", d.description(), 2000, true);
        text(errors, "businessArea", d.businessArea(), 100, true);
        text(errors, "volume", d.volume(), 100, true);
        text(errors, "storageLocation", d.storageLocation(), 300, true);
        text(errors, "gradingNote", d.gradingNote(), 2000, false);
        if (d.harmObject() == null) {
            errors.put("harmObject", "data.error.harmObject");
        }
        if (d.harmSeverity() == null) {
            errors.put("harmSeverity", "data.error.harmSeverity");
        }
        if (d.parts().size() > MAX_PARTS) {
            errors.put("parts", "data.error.tooManyParts");
        }
        for (Part p : d.parts()) {
            if (p == null || blank(p.name()) || p.name().length() > 200 || p.kind() == null || p.grade() == null) {
                errors.put("parts", "data.error.part");
                break;
            }
        }
        return errors;
    }

    /** A8.2 就高从严: a set graded lower than its most sensitive part or its basis is refused, naming both. */
    private Grade grade(NewDataset d) {
        Grade required = requiredGrade(d);
        if (d.grade() == null) {
            return required;
        }
        if (d.grade().below(required)) {
            String because = d.parts().stream().filter(p -> p.grade() == required).map(Part::name).findFirst()
                    .orElseGet(() -> text("data.harmObject." + d.harmObject()) + " · " + text("data.harmSeverity." + d.harmSeverity()));
            throw new RuleViolation("A8.2", text("data.error.gradeBelowRequired", text("data.grade." + d.grade()), because,
                    text("data.grade." + required)));
        }
        return d.grade();
    }

    // ------------------------------------------------------------------ catalog

    @Override
    @Transactional
    public long catalog(NewDataset d) {
        Actor actor = writer();
        return insert(d, actor, true);
    }

    /** All or nothing (the Excel import): every set is checked before the first is saved. */
    @Transactional
    public List<Long> catalogAll(List<NewDataset> sets) {
        Actor actor = writer();
        List<Long> ids = new ArrayList<>();
        for (NewDataset d : sets) {
            ids.add(insert(d, actor, false));
        }
        audit.record(AuditEvent.success("data.dataset.import", "org:" + actor.orgId(), ids.size() + " data sets imported"));
        return ids;
    }

    private long insert(NewDataset d, Actor actor, boolean auditEach) {
        Map<String, String> errors = check(d, actor);
        if (!errors.isEmpty()) {
            throw new InvalidInput("data.error.invalid", errors);
        }
        Grade grade = grade(d);
        duplicate(d.systemId(), d.name().strip(), null);
        OffsetDateTime now = now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into data_dataset (org_id, system_id, name, description, business_area, volume, storage_location, grade, harm_object, "
                        + "harm_severity, grading_note, created_at, created_by, updated_at, updated_by) values (:org, :system, :name, :description, "
                        + ":area, :volume, :storage, :grade, :object, :severity, :note, :at, :by, :at, :by)")
                .params(datasetParams(d, grade)).param("org", actor.orgId()).param("at", now).param("by", actor.username())
                .update(key, "id");
        long id = key.getKey().longValue();
        parts(id, d.parts());
        if (auditEach) {
            audit.record(AuditEvent.success("data.dataset.create", "dataset:" + id, d.name().strip() + " " + grade));
        }
        return id;
    }

    @Transactional
    public void update(long id, NewDataset d) {
        Actor actor = writer();
        Dataset existing = dataset(id, actor).orElseThrow(() -> new NotFound("dataset " + id));
        Map<String, String> errors = check(d, actor);
        if (!errors.isEmpty()) {
            throw new InvalidInput("data.error.invalid", errors);
        }
        Grade grade = grade(d);
        duplicate(d.systemId(), d.name().strip(), id);
        jdbc.sql("update data_dataset set system_id = :system, name = :name, description = :description, business_area = :area, volume = :volume, "
                        + "storage_location = :storage, grade = :grade, harm_object = :object, harm_severity = :severity, grading_note = :note, "
                        + "updated_at = :at, updated_by = :by where id = :id")
                .params(datasetParams(d, grade)).param("at", now()).param("by", actor.username()).param("id", id).update();
        jdbc.sql("delete from data_dataset_part where dataset_id = :id").param("id", id).update();
        parts(id, d.parts());
        audit.record(AuditEvent.success("data.dataset.update", "dataset:" + id, existing.grade() + " → " + grade));
    }

    private void duplicate(long systemId, String name, Long except) {
        boolean taken = jdbc.sql("select count(*) from data_dataset where system_id = :s and name = :n and id <> :id").param("s", systemId)
                .param("n", name).param("id", except == null ? -1L : except).query(Long.class).single() > 0;
        if (taken) {
            throw new InvalidInput("data.error.invalid", Map.of("name", "data.error.duplicate"));
        }
    }

    private static Map<String, Object> datasetParams(NewDataset d, Grade grade) {
        Map<String, Object> p = new HashMap<>();
        p.put("system", d.systemId());
        p.put("name", d.name().strip());
        p.put("description", d.description().strip());
        p.put("area", d.businessArea().strip());
        p.put("volume", d.volume().strip());
        p.put("storage", d.storageLocation().strip());
        p.put("grade", grade.name());
        p.put("object", d.harmObject().name());
        p.put("severity", d.harmSeverity().name());
        p.put("note", blank(d.gradingNote()) ? null : d.gradingNote().strip());
        return p;
    }

    private void parts(long id, List<Part> parts) {
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            jdbc.sql("insert into data_dataset_part (dataset_id, position, name, kind, grade) values (:d, :pos, :name, :kind, :grade)")
                    .param("d", id).param("pos", i).param("name", p.name().strip()).param("kind", p.kind().name()).param("grade", p.grade().name())
                    .update();
        }
    }

    public List<Dataset> datasets(Actor actor) {
        return datasets(actor, "1=1", Map.of());
    }

    /** The important and core data of every unit the actor may see: descriptions only (A8.2). */
    public List<Dataset> importantCatalog(Actor actor) {
        return datasets(actor, "d.grade in ('CORE', 'IMPORTANT')", Map.of());
    }

    public Optional<Dataset> dataset(long id, Actor actor) {
        return datasets(actor, "d.id = :id", Map.of("id", id)).stream().findFirst();
    }

    private List<Dataset> datasets(Actor actor, String where, Map<String, Object> extra) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.putAll(extra);
        List<Dataset> rows = jdbc.sql("select * from data_dataset d where " + scope.where("d.org_id") + " and " + where
                        + " order by d.org_id, d.system_id, d.name, d.id").params(params)
                .query((rs, i) -> mapDataset(rs)).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<Part>> parts = new HashMap<>();
        jdbc.sql("select * from data_dataset_part where dataset_id in (:ids) order by dataset_id, position")
                .param("ids", rows.stream().map(Dataset::id).toList())
                .query((rs, i) -> parts.computeIfAbsent(rs.getLong("dataset_id"), k -> new ArrayList<>())
                        .add(new Part(rs.getString("name"), PartKind.valueOf(rs.getString("kind")), Grade.valueOf(rs.getString("grade")))))
                .list();
        Map<Long, String> systemNames = systemNames(rows.stream().map(Dataset::systemId).toList());
        Map<Long, String> orgNames = orgNames();
        return rows.stream().map(d -> new Dataset(d.id(), d.orgId(), orgNames.getOrDefault(d.orgId(), ""), d.systemId(),
                systemNames.getOrDefault(d.systemId(), ""), d.name(), d.description(), d.businessArea(), d.volume(), d.storageLocation(),
                d.grade(), d.harmObject(), d.harmSeverity(), d.gradingNote(), parts.getOrDefault(d.id(), List.of()), d.updatedAt(),
                d.updatedBy())).toList();
    }

    private static Dataset mapDataset(ResultSet rs) throws SQLException {
        return new Dataset(rs.getLong("id"), rs.getLong("org_id"), null, rs.getLong("system_id"), null, rs.getString("name"),
                rs.getString("description"), rs.getString("business_area"), rs.getString("volume"), rs.getString("storage_location"),
                Grade.valueOf(rs.getString("grade")), HarmObject.valueOf(rs.getString("harm_object")),
                HarmSeverity.valueOf(rs.getString("harm_severity")), rs.getString("grading_note"), List.of(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }

    Map<Long, String> systemNames(List<Long> ids) {
        return systems.find(ids).stream().collect(Collectors.toMap(SystemRef::id, SystemRef::name, (a, b) -> a));
    }

    Map<Long, String> orgNames() {
        return organisations.all().stream().collect(Collectors.toMap(o -> o.id(), o -> o.name(), (a, b) -> a));
    }

    /** The actor's unit's systems to choose from (empty for anyone else). */
    public List<SystemRef> ownSystems(Actor actor) {
        return actor.orgKind() == OrgKind.UNIT ? systems.ofOrganisation(actor.orgId()) : List.of();
    }

    // ------------------------------------------------------------------ backups (A7.1, A8.2)

    @Override
    @Transactional
    public long setPolicy(NewPolicy p) {
        Actor actor = writer();
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = p.systemId();
        if (p.datasetId() != null) {
            Optional<Dataset> d = dataset(p.datasetId(), actor);
            if (d.isEmpty()) {
                errors.put("datasetId", "data.error.dataset");
            } else {
                systemId = d.get().systemId();
            }
        } else if (systemId == null || systems.find(systemId).filter(s -> s.orgId() == actor.orgId()).isEmpty()) {
            errors.put("systemId", "data.error.system");
        }
        if (p.localCopy() == null) {
            errors.put("localCopy", "data.error.required");
        }
        if (p.offsiteCopy() == null) {
            errors.put("offsiteCopy", "data.error.required");
        }
        if (Boolean.TRUE.equals(p.offsiteCopy()) && blank(p.offsiteLocation())) {
            errors.put("offsiteLocation", "data.error.offsiteLocation");
        }
        text(errors, "offsiteLocation", p.offsiteLocation(), 300, false);
        range(errors, "everyHours", p.everyHours(), 1, 8784);
        range(errors, "retentionDays", p.retentionDays(), 1, 36600);
        range(errors, "rtoHours", p.rtoHours(), 0, 8784);
        range(errors, "rpoHours", p.rpoHours(), 0, 8784);
        if (!errors.isEmpty()) {
            throw new InvalidInput("data.error.invalid", errors);
        }
        Optional<Long> existing = jdbc.sql("select id from data_backup_policy where system_id = :s and "
                        + (p.datasetId() == null ? "dataset_id is null" : "dataset_id = :d"))
                .param("s", systemId).params(p.datasetId() == null ? Map.of() : Map.of("d", p.datasetId())).query(Long.class).optional();
        Map<String, Object> params = new HashMap<>();
        params.put("org", actor.orgId());
        params.put("s", systemId);
        params.put("d", p.datasetId());
        params.put("local", p.localCopy());
        params.put("offsite", p.offsiteCopy());
        params.put("where", blank(p.offsiteLocation()) ? null : p.offsiteLocation().strip());
        params.put("every", p.everyHours());
        params.put("retention", p.retentionDays());
        params.put("rto", p.rtoHours());
        params.put("rpo", p.rpoHours());
        params.put("at", now());
        params.put("by", actor.username());
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            params.put("id", id);
            jdbc.sql("update data_backup_policy set local_copy = :local, offsite_copy = :offsite, offsite_location = :where, every_hours = :every, "
                    + "retention_days = :retention, rto_hours = :rto, rpo_hours = :rpo, updated_at = :at, updated_by = :by where id = :id")
                    .params(params).update();
        } else {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("insert into data_backup_policy (org_id, system_id, dataset_id, local_copy, offsite_copy, offsite_location, every_hours, "
                    + "retention_days, rto_hours, rpo_hours, updated_at, updated_by) values (:org, :s, :d, :local, :offsite, :where, :every, "
                    + ":retention, :rto, :rpo, :at, :by)").params(params).update(key, "id");
            id = key.getKey().longValue();
        }
        audit.record(AuditEvent.success("data.backup-policy.set", "backup-policy:" + id,
                "system " + systemId + (p.datasetId() == null ? "" : " dataset " + p.datasetId()) + " local " + p.localCopy() + " offsite "
                        + p.offsiteCopy() + " every " + p.everyHours() + "h retention " + p.retentionDays() + "d RTO " + p.rtoHours()
                        + "h RPO " + p.rpoHours() + "h"));
        return id;
    }

    public List<Policy> policies(Actor actor) {
        return policies(actor, "1=1", Map.of());
    }

    public Optional<Policy> policy(long id, Actor actor) {
        return policies(actor, "p.id = :id", Map.of("id", id)).stream().findFirst();
    }

    private List<Policy> policies(Actor actor, String where, Map<String, Object> extra) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.putAll(extra);
        List<Policy> rows = jdbc.sql("select p.*, d.name as dataset_name from data_backup_policy p left join data_dataset d on d.id = p.dataset_id "
                        + "where " + scope.where("p.org_id") + " and " + where + " order by p.system_id, p.dataset_id nulls first, p.id")
                .params(params).query((rs, i) -> {
                    long dataset = rs.getLong("dataset_id");
                    Long datasetId = rs.wasNull() ? null : dataset;
                    return new Policy(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("system_id"), null, datasetId, rs.getString("dataset_name"),
                            rs.getBoolean("local_copy"), rs.getBoolean("offsite_copy"), rs.getString("offsite_location"), rs.getInt("every_hours"),
                            rs.getInt("retention_days"), rs.getInt("rto_hours"), rs.getInt("rpo_hours"),
                            rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
                }).list();
        Map<Long, String> names = systemNames(rows.stream().map(Policy::systemId).toList());
        return rows.stream().map(p -> new Policy(p.id(), p.orgId(), p.systemId(), names.getOrDefault(p.systemId(), ""), p.datasetId(),
                p.datasetName(), p.localCopy(), p.offsiteCopy(), p.offsiteLocation(), p.everyHours(), p.retentionDays(), p.rtoHours(),
                p.rpoHours(), p.updatedAt(), p.updatedBy())).toList();
    }

    @Override
    @Transactional
    public long recordBackup(long policyId, NewBackup b) {
        Actor actor = writer();
        Policy policy = ownPolicy(policyId, actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (b.ranAt() == null || b.ranAt().isAfter(clock.instant().plusSeconds(300))) {
            errors.put("ranAt", "data.error.time");
        }
        if (b.result() == null) {
            errors.put("result", "data.error.required");
        }
        if (b.location() == null) {
            errors.put("location", "data.error.required");
        }
        if (b.sizeBytes() != null && b.sizeBytes() < 0) {
            errors.put("sizeBytes", "data.error.size");
        }
        text(errors, "locationDetail", b.locationDetail(), 300, false);
        text(errors, "note", b.note(), 1000, false);
        if (!errors.isEmpty()) {
            throw new InvalidInput("data.error.invalid", errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Map<String, Object> params = new HashMap<>();
        params.put("p", policy.id());
        params.put("org", policy.orgId());
        params.put("ran", b.ranAt().atOffset(ZoneOffset.UTC));
        params.put("result", b.result().name());
        params.put("size", b.sizeBytes());
        params.put("location", b.location().name());
        params.put("detail", blank(b.locationDetail()) ? null : b.locationDetail().strip());
        params.put("note", blank(b.note()) ? null : b.note().strip());
        params.put("at", now());
        params.put("by", actor.username());
        jdbc.sql("insert into data_backup_record (policy_id, org_id, ran_at, result, size_bytes, location, location_detail, note, recorded_at, "
                + "recorded_by) values (:p, :org, :ran, :result, :size, :location, :detail, :note, :at, :by)").params(params).update(key, "id");
        long id = key.getKey().longValue();
        audit.record(AuditEvent.success("data.backup.record", "backup-policy:" + policyId,
                b.result() + " " + b.location() + " at " + b.ranAt() + (b.sizeBytes() == null ? "" : " " + b.sizeBytes() + " bytes")));
        return id;
    }

    @Override
    @Transactional
    public long recordRestoreTest(long policyId, NewRestoreTest t) {
        Actor actor = writer();
        Policy policy = ownPolicy(policyId, actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (t.testedAt() == null || t.testedAt().isAfter(clock.instant().plusSeconds(300))) {
            errors.put("testedAt", "data.error.time");
        }
        if (t.result() == null) {
            errors.put("result", "data.error.required");
        }
        if (t.location() == null) {
            errors.put("location", "data.error.required");
        }
        range(errors, "recoveredMinutes", t.recoveredMinutes(), 0, 1_000_000, false);
        text(errors, "note", t.note(), 1000, false);
        if (!errors.isEmpty()) {
            throw new InvalidInput("data.error.invalid", errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Map<String, Object> params = new HashMap<>();
        params.put("p", policy.id());
        params.put("org", policy.orgId());
        params.put("tested", t.testedAt().atOffset(ZoneOffset.UTC));
        params.put("result", t.result().name());
        params.put("location", t.location().name());
        params.put("minutes", t.recoveredMinutes());
        params.put("note", blank(t.note()) ? null : t.note().strip());
        params.put("at", now());
        params.put("by", actor.username());
        jdbc.sql("insert into data_restore_test (policy_id, org_id, tested_at, result, location, recovered_minutes, note, recorded_at, recorded_by) "
                + "values (:p, :org, :tested, :result, :location, :minutes, :note, :at, :by)").params(params).update(key, "id");
        long id = key.getKey().longValue();
        audit.record(AuditEvent.success("data.restore-test.record", "backup-policy:" + policyId,
                t.result() + " " + t.location() + " at " + t.testedAt()));
        return id;
    }

    private Policy ownPolicy(long policyId, Actor actor) {
        return policy(policyId, actor).filter(p -> p.orgId() == actor.orgId())
                .orElseThrow(() -> new NotFound("backup policy " + policyId));
    }

    public List<Backup> backups(long policyId) {
        return jdbc.sql("select * from data_backup_record where policy_id = :p order by ran_at desc, id desc").param("p", policyId)
                .query((rs, i) -> {
                    long size = rs.getLong("size_bytes");
                    Long sizeBytes = rs.wasNull() ? null : size;
                    return new Backup(rs.getLong("id"), rs.getLong("policy_id"), rs.getObject("ran_at", OffsetDateTime.class).toInstant(),
                            Result.valueOf(rs.getString("result")), sizeBytes, Location.valueOf(rs.getString("location")),
                            rs.getString("location_detail"), rs.getString("note"), rs.getString("recorded_by"));
                }).list();
    }

    public List<RestoreTest> restoreTests(long policyId) {
        return jdbc.sql("select * from data_restore_test where policy_id = :p order by tested_at desc, id desc").param("p", policyId)
                .query((rs, i) -> {
                    int minutes = rs.getInt("recovered_minutes");
                    Integer recovered = rs.wasNull() ? null : minutes;
                    return new RestoreTest(rs.getLong("id"), rs.getLong("policy_id"), rs.getObject("tested_at", OffsetDateTime.class).toInstant(),
                            Result.valueOf(rs.getString("result")), Location.valueOf(rs.getString("location")), recovered, rs.getString("note"),
                            rs.getString("recorded_by"));
                }).list();
    }

    /** The latest successful backup and the latest restore test of every policy in scope (for the findings; two queries). */
    Map<Long, Instant> lastSuccessfulBackups(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<Long, Instant> last = new HashMap<>();
        jdbc.sql("select policy_id, max(ran_at) as last_at from data_backup_record b where result = 'SUCCESS' and " + scope.where("b.org_id")
                        + " group by policy_id").params(scope.params())
                .query((rs, i) -> last.put(rs.getLong("policy_id"), rs.getObject("last_at", OffsetDateTime.class).toInstant())).list();
        return last;
    }

    Map<Long, List<RestoreTest>> restoreTestsInScope(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select * from data_restore_test t where " + scope.where("t.org_id") + " order by tested_at desc, id desc")
                .params(scope.params())
                .query((rs, i) -> new RestoreTest(rs.getLong("id"), rs.getLong("policy_id"), rs.getObject("tested_at", OffsetDateTime.class).toInstant(),
                        Result.valueOf(rs.getString("result")), Location.valueOf(rs.getString("location")), null, null, rs.getString("recorded_by")))
                .list().stream().collect(Collectors.groupingBy(RestoreTest::policyId, LinkedHashMap::new, Collectors.toList()));
    }

    // ------------------------------------------------------------------ cross-border (A8.3)

    @Override
    @Transactional
    public long registerTransfer(NewTransfer t) {
        Actor actor = writer();
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Dataset> dataset = t.datasetId() == null ? Optional.empty() : dataset(t.datasetId(), actor);
        if (dataset.isEmpty() || dataset.get().orgId() != actor.orgId()) {
            errors.put("datasetId", "data.error.dataset");
        }
        text(errors, "recipient", t.recipient(), 200, true);
        text(errors, "country", t.country(), 100, true);
        text(errors, "purpose", t.purpose(), 1000, true);
        if (t.legalBasis() == null) {
            errors.put("legalBasis", "data.error.required");
        }
        if (t.status() == null) {
            errors.put("status", "data.error.required");
        }
        if (t.status() == TransferStatus.APPROVED && t.validUntil() == null) {
            errors.put("validUntil", "data.error.validUntil");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("data.error.invalid", errors);
        }
        OffsetDateTime now = now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Map<String, Object> params = new HashMap<>();
        params.put("org", actor.orgId());
        params.put("d", t.datasetId());
        params.put("recipient", t.recipient().strip());
        params.put("country", t.country().strip());
        params.put("purpose", t.purpose().strip());
        params.put("basis", t.legalBasis().name());
        params.put("status", t.status().name());
        params.put("until", t.validUntil());
        params.put("at", now);
        params.put("by", actor.username());
        jdbc.sql("insert into data_transfer (org_id, dataset_id, recipient, country, purpose, legal_basis, status, valid_until, recorded_at, "
                + "recorded_by, updated_at, updated_by) values (:org, :d, :recipient, :country, :purpose, :basis, :status, :until, :at, :by, :at, :by)")
                .params(params).update(key, "id");
        long id = key.getKey().longValue();
        Dataset d = dataset.get();
        // A8.3: the catalog's duty to record the compliance basis (event data-export.registered)
        duties.raise(new DutyTrigger("data-export.registered", new Subject(SubjectKind.SYSTEM, d.systemId(), d.systemName(), d.orgId(),
                Map.of("dataGrade", d.grade().catalogGrade())), clock.instant(), "data-transfer:" + id, Map.of()));
        audit.record(AuditEvent.success("data.transfer.register", "data-transfer:" + id,
                d.name() + " → " + t.recipient().strip() + " (" + t.country().strip() + ") " + t.legalBasis() + " " + t.status()));
        return id;
    }

    /** A8.3: the basis's progress (e.g. the assessment approved, with its validity). */
    @Transactional
    public void updateTransfer(long id, LegalBasis basis, TransferStatus status, LocalDate validUntil) {
        Actor actor = writer();
        Transfer t = transfer(id, actor).filter(x -> x.orgId() == actor.orgId()).orElseThrow(() -> new NotFound("data transfer " + id));
        Map<String, String> errors = new LinkedHashMap<>();
        if (basis == null) {
            errors.put("legalBasis", "data.error.required");
        }
        if (status == null) {
            errors.put("status", "data.error.required");
        }
        if (status == TransferStatus.APPROVED && validUntil == null) {
            errors.put("validUntil", "data.error.validUntil");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("data.error.invalid", errors);
        }
        jdbc.sql("update data_transfer set legal_basis = :basis, status = :status, valid_until = :until, updated_at = :at, updated_by = :by "
                        + "where id = :id").param("basis", basis.name()).param("status", status.name()).param("until", validUntil)
                .param("at", now()).param("by", actor.username()).param("id", id).update();
        audit.record(AuditEvent.success("data.transfer.update", "data-transfer:" + id,
                t.legalBasis() + "/" + t.status() + " → " + basis + "/" + status + (validUntil == null ? "" : " until " + validUntil)));
    }

    public List<Transfer> transfers(Actor actor) {
        return transfers(actor, "1=1", Map.of());
    }

    public Optional<Transfer> transfer(long id, Actor actor) {
        return transfers(actor, "t.id = :id", Map.of("id", id)).stream().findFirst();
    }

    private List<Transfer> transfers(Actor actor, String where, Map<String, Object> extra) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.putAll(extra);
        Map<Long, String> orgNames = orgNames();
        return jdbc.sql("select t.*, d.name as dataset_name, d.grade as dataset_grade from data_transfer t join data_dataset d on d.id = t.dataset_id "
                        + "where " + scope.where("t.org_id") + " and " + where + " order by t.recorded_at desc, t.id desc").params(params)
                .query((rs, i) -> new Transfer(rs.getLong("id"), rs.getLong("org_id"), orgNames.getOrDefault(rs.getLong("org_id"), ""),
                        rs.getLong("dataset_id"), rs.getString("dataset_name"), Grade.valueOf(rs.getString("dataset_grade")), rs.getString("recipient"),
                        rs.getString("country"), rs.getString("purpose"), LegalBasis.valueOf(rs.getString("legal_basis")),
                        TransferStatus.valueOf(rs.getString("status")), rs.getObject("valid_until", LocalDate.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"))).list();
    }

    // ------------------------------------------------------------------ helpers

    /** Only a unit's people write the data catalog, backups and transfers of their own unit. */
    private static Actor writer() {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.UNIT) {
            throw new AccessDeniedException("only a unit keeps its data catalog");
        }
        return actor;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    private static void text(Map<String, String> errors, String field, String value, int max, boolean required) {
        if (blank(value)) {
            if (required) {
                errors.put(field, "data.error.required");
            }
        } else if (value.strip().length() > max) {
            errors.put(field, "data.error.tooLong");
        }
    }

    private static void range(Map<String, String> errors, String field, Integer value, int min, int max) {
        range(errors, field, value, min, max, true);
    }

    private static void range(Map<String, String> errors, String field, Integer value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                errors.put(field, "data.error.required");
            }
        } else if (value < min || value > max) {
            errors.put(field, "data.error.range");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static <T> Map<Long, T> byId(List<T> list, Function<T, Long> id) {
        Map<Long, T> m = new LinkedHashMap<>();
        list.forEach(x -> m.put(id.apply(x), x));
        return m;
    }
}
