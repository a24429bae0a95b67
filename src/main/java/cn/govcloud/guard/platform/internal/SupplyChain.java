package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import java.io.IOException;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * A5.5: the provider's supply chain — subcontracted services, third-party and open-source
 * components — each risk-assessed before it is introduced, with a signed security agreement for
 * everything that has a counterparty (not open source). SBOM imports keep the component list
 * current; a component in use without an approved assessment is a finding.
 */
@Service
public class SupplyChain {
    public enum Kind { SUBCONTRACT, THIRD_PARTY, OPEN_SOURCE }

    public enum State { PENDING, APPROVED, CONDITIONAL, REJECTED }

    /** The catalog's conclusions (A5.5-supply-chain-risk-assessment) and the state each leads to. */
    public static final Map<String, State> CONCLUSIONS = Map.of("可以使用", State.APPROVED, "整改后使用", State.CONDITIONAL,
            "不得使用", State.REJECTED);
    public static final List<String> RISK_LEVELS = List.of("低", "中", "高");

    public record Item(long id, long providerOrgId, Kind kind, String source, String name, String version, String purl, String supplier,
                       String licenses, State state, boolean inUse, Instant removedAt, String riskLevel, String conclusion,
                       String conditions, String assessor, Instant assessedAt, String counterparty, LocalDate signedOn,
                       LocalDate agreementValidUntil, Instant createdAt, List<String> advisories) {
        public boolean needsAgreement() {
            return kind != Kind.OPEN_SOURCE;
        }

        public boolean agreementMissing(LocalDate today) {
            return needsAgreement() && (signedOn == null || (agreementValidUntil != null && agreementValidUntil.isBefore(today)));
        }
    }

    public record ImportResult(long importId, String format, int components, int added, int removed) {
    }

    public record NewItem(Kind kind, String name, String version, String supplier, String description) {
    }

    public record Assessment(String riskLevel, String conclusion, String conditions, String assessor) {
    }

    public record Agreement(String counterparty, LocalDate signedOn, LocalDate validUntil) {
    }

    /** A finding of A5.5: {@code type} is UNASSESSED, REJECTED_IN_USE, NO_AGREEMENT or VULNERABLE. */
    public record Finding(String type, Item item, String detail) {
    }

    public record Summary(long items, long inUse, long pending, long approved, long conditional, long rejected, long removed,
                          long unassessedInUse, long rejectedInUse, long withoutAgreement, long vulnerable,
                          Map<String, Object> lastImport) {
        public long findings() {
            return unassessedInUse + rejectedInUse + withoutAgreement + vulnerable;
        }
    }

    public record Filter(String state, String kind, String q, boolean findingsOnly, int limit) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Duties duties;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxSbomBytes;

    SupplyChain(JdbcClient jdbc, JdbcTemplate template, Duties duties, AuditLog audit, Clock clock,
                @Value("${govguard.supply-chain.max-sbom-size:20MB}") DataSize maxSbomSize) {
        this.jdbc = jdbc;
        this.template = template;
        this.duties = duties;
        this.audit = audit;
        this.clock = clock;
        this.maxSbomBytes = maxSbomSize.toBytes();
    }

    public long maxSbomBytes() {
        return maxSbomBytes;
    }

    private static Actor provider() {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("only the provider keeps its supply chain");
        }
        return actor;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }

    // ---------------------------------------------------------------- SBOM import

    /**
     * Imports a CycloneDX SBOM as the current component list of the product it describes (its subject:
     * {@code metadata.component}, or the name the uploader gives). A component is in use while any
     * product's current SBOM lists it, so a component two products share stays in use until neither
     * lists it; new components are queued for assessment (PENDING, one assessment duty per import).
     * An SBOM that names no product and is given no name is refused: it could not be told apart from the
     * others. All or nothing: a refused file stores nothing.
     */
    @Transactional
    public ImportResult importSbom(String filename, InputStream content, String subjectName) throws IOException {
        Actor actor = provider();
        byte[] bytes = SbomParser.readLimited(content, maxSbomBytes);
        SbomParser.Sbom sbom = SbomParser.parse(bytes);
        bytes = null; // the parsed components are all that is kept
        String subject = subjectName != null && !subjectName.isBlank() ? subjectName.strip() : sbom.subject();
        if (subject.isBlank()) {
            throw new Unprocessable("platform.sbom.error.noSubject");
        }
        if (subject.length() > 300) {
            throw new InvalidInput("platform.sbom.error.invalid", Map.of("subject", "platform.sbom.error.subjectTooLong"));
        }
        OffsetDateTime now = now();
        String name = filename == null || filename.isBlank() ? "sbom" : filename.strip();
        if (name.length() > 255) {
            name = name.substring(0, 255);
        }

        SbomListing listing = SbomListing.read(jdbc, template, actor.orgId(), subject);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_sbom_import (provider_org_id, filename, format, spec_version, subject, components, new_count, "
                        + "removed_count, imported_at, imported_by) values (:org, :file, :format, :spec, :subject, :n, 0, 0, :at, :by)")
                .param("org", actor.orgId()).param("file", name).param("format", sbom.format()).param("spec", sbom.specVersion())
                .param("subject", subject)
                .param("n", sbom.components().size()).param("at", now).param("by", actor.username()).update(key, "id");
        long importId = key.getKey().longValue();

        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> inUseAgain = new ArrayList<>();
        int reappeared = 0;
        for (SbomParser.Parsed c : sbom.components()) {
            SbomListing.Known known = listing.known(c.key());
            if (known == null) {
                inserts.add(new Object[] {actor.orgId(), c.key(), c.kind(), c.name(), c.version(), c.purl(), c.supplier(), c.licenses(),
                        c.description(), subject, importId, importId, now, actor.username()});
            } else if (known.removed() || !known.fromSbom()) {
                // back in a list, or a manually proposed component now found in an SBOM (so in use)
                inUseAgain.add(new Object[] {importId, known.id()});
                reappeared += known.removed() ? 1 : 0;
            }
        }
        try {
            template.batchUpdate("insert into platform_supply_item (provider_org_id, item_key, kind, source, name, version, purl, supplier, "
                    + "licenses, description, sbom_subject, state, in_use, first_import_id, last_import_id, created_at, created_by) "
                    + "values (?, ?, ?, 'SBOM', ?, ?, ?, ?, ?, ?, ?, 'PENDING', true, ?, ?, ?, ?)", inserts);
        } catch (DuplicateKeyException raced) {
            throw new RuleViolation("A5.5", "platform.sbom.error.concurrent");
        }
        template.batchUpdate("update platform_supply_item set removed_at = null, in_use = true, last_import_id = ? where id = ?", inUseAgain);
        // this product's list is replaced; what it no longer lists is removed unless another product's list still has it
        List<Long> removed = listing.replace(sbom.components().stream().map(SbomParser.Parsed::key).toList(), importId);
        template.batchUpdate("update platform_supply_item set removed_at = ?, in_use = false where id = ?",
                removed.stream().map(id -> new Object[] {now, id}).toList());
        int added = inserts.size() + reappeared;
        jdbc.sql("update platform_sbom_import set new_count = :n, removed_count = :r where id = :id").param("n", added)
                .param("r", removed.size()).param("id", importId).update();

        if (!inserts.isEmpty()) {
            // A5.5: the new components are assessed before use; one duty for the batch (fulfilled when the last is assessed)
            duties.raise(new DutyTrigger("supply-chain.item-proposed", platform(actor), clock.instant(), "sbom-import:" + importId,
                    Map.of("itemType", "open-source")));
        }
        audit.record(AuditEvent.success("platform.sbom.import", "sbom-import:" + importId,
                sbom.format() + " " + name + " (" + subject + "): " + sbom.components().size() + " components, " + added + " new, "
                        + removed.size() + " removed"));
        return new ImportResult(importId, sbom.format(), sbom.components().size(), added, removed.size());
    }

    private static Subject platform(Actor actor) {
        return new Subject(SubjectKind.PLATFORM, actor.orgId(), actor.orgName(), actor.orgId(), Map.of());
    }

    // ---------------------------------------------------------------- manual items, assessment, agreement

    /** A subcontract, supplier or component proposed before use (A5.5): queued for assessment, not in use. */
    @Transactional
    public Item propose(NewItem item) {
        Actor actor = provider();
        Map<String, String> errors = new LinkedHashMap<>();
        if (item.kind() == null) {
            errors.put("kind", "platform.supply.error.kind");
        }
        if (blank(item.name()) || item.name().strip().length() > 300) {
            errors.put("name", "platform.supply.error.name");
        }
        if (item.version() != null && item.version().strip().length() > 100) {
            errors.put("version", "platform.supply.error.version");
        }
        if (item.kind() != null && item.kind() != Kind.OPEN_SOURCE && blank(item.supplier())) {
            errors.put("supplier", "platform.supply.error.supplier");
        }
        if (item.supplier() != null && item.supplier().strip().length() > 300) {
            errors.put("supplier", "platform.supply.error.supplier");
        }
        if (item.description() != null && item.description().length() > 1000) {
            errors.put("description", "platform.supply.error.description");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.supply.error.invalid", errors);
        }
        String name = item.name().strip();
        String version = blank(item.version()) ? null : item.version().strip();
        String itemKey = item.kind() == Kind.SUBCONTRACT ? "sub:" + name.toLowerCase(Locale.ROOT)
                : "nv:" + name.toLowerCase(Locale.ROOT) + "@" + (version == null ? "" : version);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into platform_supply_item (provider_org_id, item_key, kind, source, name, version, supplier, description, state, "
                            + "in_use, created_at, created_by) values (:org, :key, :kind, 'MANUAL', :name, :version, :supplier, :description, "
                            + "'PENDING', false, :at, :by)")
                    .param("org", actor.orgId()).param("key", itemKey).param("kind", item.kind().name()).param("name", name)
                    .param("version", version).param("supplier", blank(item.supplier()) ? null : item.supplier().strip())
                    .param("description", blank(item.description()) ? null : item.description().strip()).param("at", now())
                    .param("by", actor.username()).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("A5.5", "platform.supply.error.duplicate");
        }
        long id = key.getKey().longValue();
        duties.raise(new DutyTrigger("supply-chain.item-proposed", platform(actor), clock.instant(), "supply-item:" + id,
                Map.of("itemType", itemType(item.kind()))));
        audit.record(AuditEvent.success("platform.supply.propose", "supply-item:" + id, item.kind() + " " + name
                + (version == null ? "" : " " + version)));
        return find(id, actor).orElseThrow();
    }

    private static String itemType(Kind kind) {
        return kind == Kind.SUBCONTRACT ? "subcontract" : kind == Kind.OPEN_SOURCE ? "open-source" : "third-party";
    }

    /** The risk assessment (A5.5): its conclusion decides whether the item may be used. */
    @Transactional
    public Item assess(long id, Assessment a) {
        Actor actor = provider();
        Item item = find(id, actor).orElseThrow(() -> new NotFound("supply item " + id));
        Map<String, String> errors = new LinkedHashMap<>();
        if (a.riskLevel() == null || !RISK_LEVELS.contains(a.riskLevel())) {
            errors.put("riskLevel", "platform.supply.error.riskLevel");
        }
        if (a.conclusion() == null || !CONCLUSIONS.containsKey(a.conclusion())) {
            errors.put("conclusion", "platform.supply.error.conclusion");
        }
        if ("整改后使用".equals(a.conclusion()) && blank(a.conditions())) {
            errors.put("conditions", "platform.supply.error.conditions");
        }
        if (a.conditions() != null && a.conditions().length() > 2000) {
            errors.put("conditions", "platform.supply.error.conditionsLength");
        }
        if (blank(a.assessor()) || a.assessor().strip().length() > 100) {
            errors.put("assessor", "platform.supply.error.assessor");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.supply.error.invalid", errors);
        }
        State state = CONCLUSIONS.get(a.conclusion());
        jdbc.sql("update platform_supply_item set state = :state, risk_level = :risk, conclusion = :conclusion, conditions = :conditions, "
                        + "assessor = :assessor, assessed_at = :at, assessed_by = :by where id = :id")
                .param("state", state.name()).param("risk", a.riskLevel()).param("conclusion", a.conclusion())
                .param("conditions", blank(a.conditions()) ? null : a.conditions().strip()).param("assessor", a.assessor().strip())
                .param("at", now()).param("by", actor.username()).param("id", id).update();
        audit.record(AuditEvent.success("platform.supply.assess", "supply-item:" + id,
                item.name() + " " + (item.version() == null ? "" : item.version()) + ": " + a.riskLevel() + " / " + a.conclusion()));
        Item after = find(id, actor).orElseThrow();
        closeDuties(after);
        return after;
    }

    /** The signed security agreement with the subcontractor or supplier (A5.5; not owed for open source). */
    @Transactional
    public Item agreement(long id, Agreement g) {
        Actor actor = provider();
        Item item = find(id, actor).orElseThrow(() -> new NotFound("supply item " + id));
        if (!item.needsAgreement()) {
            throw new RuleViolation("A5.5", "platform.supply.error.agreementOpenSource");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(g.counterparty()) || g.counterparty().strip().length() > 300) {
            errors.put("counterparty", "platform.supply.error.counterparty");
        }
        if (g.signedOn() == null || g.signedOn().isAfter(today())) {
            errors.put("signedOn", "platform.supply.error.signedOn");
        }
        if (g.validUntil() != null && g.signedOn() != null && !g.validUntil().isAfter(g.signedOn())) {
            errors.put("validUntil", "platform.supply.error.validUntil");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.supply.error.invalid", errors);
        }
        jdbc.sql("update platform_supply_item set agreement_counterparty = :cp, agreement_signed_on = :signed, agreement_valid_until = :until, "
                        + "agreement_recorded_by = :by where id = :id")
                .param("cp", g.counterparty().strip()).param("signed", g.signedOn()).param("until", g.validUntil())
                .param("by", actor.username()).param("id", id).update();
        audit.record(AuditEvent.success("platform.supply.agreement", "supply-item:" + id,
                item.name() + ": " + g.counterparty().strip() + " signed " + g.signedOn()));
        Item after = find(id, actor).orElseThrow();
        closeDuties(after);
        return after;
    }

    /** A5.5: a proposed item is put into use only after an approving assessment (and the agreement, when one is owed). */
    @Transactional
    public Item putInUse(long id) {
        Actor actor = provider();
        Item item = find(id, actor).orElseThrow(() -> new NotFound("supply item " + id));
        if (item.state() != State.APPROVED && item.state() != State.CONDITIONAL) {
            throw new RuleViolation("A5.5", "platform.supply.error.notApproved");
        }
        if (item.agreementMissing(today())) {
            throw new RuleViolation("A5.5", "platform.supply.error.noAgreement");
        }
        jdbc.sql("update platform_supply_item set in_use = true, removed_at = null where id = :id").param("id", id).update();
        audit.record(AuditEvent.success("platform.supply.inUse", "supply-item:" + id, item.name()));
        return find(id, actor).orElseThrow();
    }

    private void closeDuties(Item item) {
        if ("MANUAL".equals(item.source())) {
            if (item.state() != State.PENDING && (!item.needsAgreement() || item.signedOn() != null)) {
                duties.fulfil("supply-item:" + item.id(), "assessed " + item.conclusion());
            }
            return;
        }
        Long firstImport = jdbc.sql("select first_import_id from platform_supply_item where id = :id").param("id", item.id())
                .query(Long.class).optional().orElse(null);
        if (firstImport != null && item.state() != State.PENDING) {
            long pending = jdbc.sql("select count(*) from platform_supply_item where first_import_id = :imp and state = 'PENDING'")
                    .param("imp", firstImport).query(Long.class).single();
            if (pending == 0) {
                duties.fulfil("sbom-import:" + firstImport, "every new component assessed");
            }
        }
    }

    // ---------------------------------------------------------------- offline vulnerability matching

    /**
     * Matches the in-use components against an OSV advisory file (a JSON array of OSV entries, an
     * object {@code {"vulns": [...]}} or one entry, e.g. a GHSA record as GitHub publishes it): a component
     * matches when an affected package's purl (or ecosystem + name) is the component's and its version is
     * listed or inside one of the package's ranges, compared as its ecosystem compares versions. Each
     * upload adds its matches to those of earlier uploads (one advisory matches a component once).
     * Offline: nothing is fetched. Returns how many new matches this upload found.
     */
    @Transactional
    public int matchAdvisories(InputStream content) throws IOException {
        Actor actor = provider();
        byte[] bytes = SbomParser.readLimited(content, maxSbomBytes);
        List<OsvAdvisories.Advisory> advisories = OsvAdvisories.parse(bytes);
        Map<String, List<Long>> byPackage = new HashMap<>(); // purl without version → ids
        Map<Long, String> versions = new HashMap<>();
        jdbc.sql("select id, purl, version from platform_supply_item where provider_org_id = :org and removed_at is null")
                .param("org", actor.orgId())
                .query((ResultSet rs) -> {
                    String purl = rs.getString("purl");
                    if (purl != null) {
                        byPackage.computeIfAbsent(OsvAdvisories.packageOf(purl), k -> new ArrayList<>()).add(rs.getLong("id"));
                        versions.put(rs.getLong("id"), rs.getString("version"));
                    }
                });
        OffsetDateTime now = now();
        List<Object[]> matches = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        int skippedRanges = 0;
        for (OsvAdvisories.Advisory adv : advisories) {
            for (OsvAdvisories.Affected aff : adv.affected()) {
                skippedRanges += aff.skippedRanges();
                for (long id : byPackage.getOrDefault(aff.packageKey(), List.of())) {
                    String by = aff.matches(versions.get(id));
                    if (by != null && pairs.add(id + "|" + adv.id())) {
                        matches.add(new Object[] {actor.orgId(), id, adv.id(), adv.summary(), now, by.length() > 1000 ? by.substring(0, 1000) : by});
                    }
                }
            }
        }
        int added = 0;
        for (int[] chunk : template.batchUpdate("insert into platform_advisory_match (provider_org_id, item_id, advisory_id, summary, matched_at, "
                + "matched_by) values (?, ?, ?, ?, ?, ?) on conflict do nothing", matches, 1000, (ps, m) -> {
                    for (int i = 0; i < m.length; i++) {
                        ps.setObject(i + 1, m[i]);
                    }
                })) {
            for (int n : chunk) {
                added += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0);
            }
        }
        audit.record(AuditEvent.success("platform.supply.advisories", "org:" + actor.orgId(),
                advisories.size() + " advisories, " + matches.size() + " matches (" + added + " new)"
                        + (skippedRanges > 0 ? ", " + skippedRanges + " ranges not comparable (GIT or unknown ecosystem)" : "")));
        return added;
    }

    // ---------------------------------------------------------------- reads

    public Optional<Item> find(long id, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql("select * from platform_supply_item i where i.id = :id and " + scope.where("i.provider_org_id")).params(params)
                .query((rs, n) -> map(rs, advisoriesOf(rs.getLong("id")))).optional();
    }

    private List<String> advisoriesOf(long itemId) {
        return jdbc.sql("select advisory_id from platform_advisory_match where item_id = :id order by advisory_id").param("id", itemId)
                .query(String.class).list();
    }

    private static final String FINDING = "(i.removed_at is null and i.in_use and (i.state in ('PENDING','REJECTED') "
            + "or (i.kind <> 'OPEN_SOURCE' and (i.agreement_signed_on is null or i.agreement_valid_until < :today)) "
            + "or exists (select 1 from platform_advisory_match m where m.item_id = i.id)))";

    public List<Item> list(Actor actor, Filter f) {
        List<Item> items = new ArrayList<>();
        each(actor, f, items::add);
        return items;
    }

    /** Streams the register row by row (the Excel export of 20,000 components needs no list in memory). */
    public void each(Actor actor, Filter f, Consumer<Item> sink) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        StringBuilder sql = new StringBuilder("select i.* from platform_supply_item i where ").append(scope.where("i.provider_org_id"));
        if (f.state() != null && !f.state().isBlank()) {
            if ("REMOVED".equals(f.state())) {
                sql.append(" and i.removed_at is not null");
            } else {
                sql.append(" and i.state = :state and i.removed_at is null");
                params.put("state", f.state());
            }
        }
        if (f.kind() != null && !f.kind().isBlank()) {
            sql.append(" and i.kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.q() != null && !f.q().isBlank()) {
            sql.append(" and (lower(i.name) like :q escape '\\' or lower(i.purl) like :q escape '\\')");
            params.put("q", "%" + f.q().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.findingsOnly()) {
            sql.append(" and ").append(FINDING);
            params.put("today", today());
        }
        sql.append(" order by i.removed_at nulls first, i.state, lower(i.name), i.version, i.id");
        if (f.limit() > 0) {
            sql.append(" limit ").append(f.limit());
        }
        Map<Long, List<String>> advisories = new HashMap<>();
        Map<String, Object> scopeParams = new HashMap<>(scope.params());
        jdbc.sql("select m.item_id, m.advisory_id from platform_advisory_match m where " + scope.where("m.provider_org_id")
                        + " order by m.advisory_id").params(scopeParams)
                .query((ResultSet rs) -> {
                    advisories.computeIfAbsent(rs.getLong("item_id"), k -> new ArrayList<>()).add(rs.getString("advisory_id"));
                });
        jdbc.sql(sql.toString()).params(params).query((ResultSet rs) -> {
            sink.accept(map(rs, advisories.getOrDefault(rs.getLong("id"), List.of())));
        });
    }

    /** The findings of A5.5, one per cause, at most {@code limit}. */
    public List<Finding> findings(Actor actor, int limit) {
        LocalDate today = today();
        List<Finding> findings = new ArrayList<>();
        for (Item i : list(actor, new Filter(null, null, null, true, limit))) {
            if (i.state() == State.PENDING) {
                findings.add(new Finding("UNASSESSED", i, "A5.5"));
            }
            if (i.state() == State.REJECTED) {
                findings.add(new Finding("REJECTED_IN_USE", i, "A5.5"));
            }
            if (i.agreementMissing(today)) {
                findings.add(new Finding("NO_AGREEMENT", i, "A5.5"));
            }
            if (!i.advisories().isEmpty()) {
                findings.add(new Finding("VULNERABLE", i, String.join(", ", i.advisories())));
            }
        }
        return findings;
    }

    public Summary summary(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("today", today());
        String base = "from platform_supply_item i where " + scope.where("i.provider_org_id");
        Map<String, Object> row = jdbc.sql("select count(*) as items, "
                        + "sum(case when i.removed_at is null and i.in_use then 1 else 0 end) as in_use, "
                        + "sum(case when i.removed_at is null and i.state = 'PENDING' then 1 else 0 end) as pending, "
                        + "sum(case when i.removed_at is null and i.state = 'APPROVED' then 1 else 0 end) as approved, "
                        + "sum(case when i.removed_at is null and i.state = 'CONDITIONAL' then 1 else 0 end) as conditional, "
                        + "sum(case when i.removed_at is null and i.state = 'REJECTED' then 1 else 0 end) as rejected, "
                        + "sum(case when i.removed_at is not null then 1 else 0 end) as removed, "
                        + "sum(case when i.removed_at is null and i.in_use and i.state = 'PENDING' then 1 else 0 end) as unassessed, "
                        + "sum(case when i.removed_at is null and i.in_use and i.state = 'REJECTED' then 1 else 0 end) as rejected_in_use, "
                        + "sum(case when i.removed_at is null and i.in_use and i.kind <> 'OPEN_SOURCE' and (i.agreement_signed_on is null "
                        + "or i.agreement_valid_until < :today) then 1 else 0 end) as no_agreement, "
                        + "sum(case when i.removed_at is null and i.in_use and exists (select 1 from platform_advisory_match m "
                        + "where m.item_id = i.id) then 1 else 0 end) as vulnerable " + base)
                .params(params).query().singleRow();
        Map<String, Object> last = jdbc.sql("select * from platform_sbom_import s where " + scope.where("s.provider_org_id")
                        + " order by s.imported_at desc, s.id desc limit 1").params(scope.params()).query().listOfRows()
                .stream().findFirst().orElse(null);
        Map<String, Object> lastImport = null;
        if (last != null) {
            lastImport = new LinkedHashMap<>();
            lastImport.put("id", last.get("id"));
            lastImport.put("filename", last.get("filename"));
            lastImport.put("format", last.get("format"));
            lastImport.put("components", last.get("components"));
            lastImport.put("new", last.get("new_count"));
            lastImport.put("removed", last.get("removed_count"));
            lastImport.put("importedAt", toInstant(last.get("imported_at")));
            lastImport.put("importedBy", last.get("imported_by"));
        }
        return new Summary(n(row.get("items")), n(row.get("in_use")), n(row.get("pending")), n(row.get("approved")),
                n(row.get("conditional")), n(row.get("rejected")), n(row.get("removed")), n(row.get("unassessed")),
                n(row.get("rejected_in_use")), n(row.get("no_agreement")), n(row.get("vulnerable")), lastImport);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return null;
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private Item map(ResultSet rs, List<String> advisories) throws SQLException {
        OffsetDateTime removed = rs.getObject("removed_at", OffsetDateTime.class);
        OffsetDateTime assessed = rs.getObject("assessed_at", OffsetDateTime.class);
        return new Item(rs.getLong("id"), rs.getLong("provider_org_id"), Kind.valueOf(rs.getString("kind")), rs.getString("source"),
                rs.getString("name"), rs.getString("version"), rs.getString("purl"), rs.getString("supplier"), rs.getString("licenses"),
                State.valueOf(rs.getString("state")), rs.getBoolean("in_use"), removed == null ? null : removed.toInstant(),
                rs.getString("risk_level"), rs.getString("conclusion"), rs.getString("conditions"), rs.getString("assessor"),
                assessed == null ? null : assessed.toInstant(), rs.getString("agreement_counterparty"),
                rs.getObject("agreement_signed_on", LocalDate.class), rs.getObject("agreement_valid_until", LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), advisories);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
