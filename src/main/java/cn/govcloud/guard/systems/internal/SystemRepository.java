package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.internal.HostedSystem.Asset;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.HostedSystem.Switch;
import cn.govcloud.guard.systems.internal.SystemQueries.Filter;
import cn.govcloud.guard.systems.internal.SystemQueries.Transition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the hosted-system aggregate: its row, its addresses, its timeline, its attached documents and its agreement.
 * "Overdue" (an exit past its deadline) is computed when reading, never written.
 */
@Repository
class SystemRepository {
    static final String MOBILE_CONTEXT = "systems_system.responsible_mobile";

    /** The columns a registration writes; {@code mobileSealed} and {@code mobileMasked} are null to keep the stored number. */
    record Row(long orgId, String name, String purpose, int level, String filing, String responsibleName, String mobileSealed,
               String mobileMasked, Set<Exposure> exposure) {
    }

    private final JdbcClient jdbc;
    private final OrganisationDirectory organisations;
    private final Clock clock;

    SystemRepository(JdbcClient jdbc, OrganisationDirectory organisations, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.clock = clock;
    }

    // ---- the system's row and addresses ------------------------------------------------------------

    long insert(Row r, List<Asset> assets, Instant now, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into systems_system (org_id, name, purpose, mlps_level, filing_number, responsible_name, "
                        + "responsible_mobile_sealed, responsible_mobile_masked, exposure, state, created_at, created_by, updated_at) "
                        + "values (:org, :name, :purpose, :level, :filing, :rname, :msealed, :mmasked, :exposure, 'DRAFT', :now, :by, :now)")
                .param("org", r.orgId()).param("name", r.name()).param("purpose", r.purpose()).param("level", r.level())
                .param("filing", r.filing()).param("rname", r.responsibleName()).param("msealed", r.mobileSealed())
                .param("mmasked", r.mobileMasked()).param("exposure", exposureText(r.exposure())).param("now", ts(now)).param("by", by)
                .update(key, "id");
        long id = key.getKey().longValue();
        saveAssets(id, assets);
        return id;
    }

    void update(long id, Row r, List<Asset> assets, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("name", r.name());
        params.put("purpose", r.purpose());
        params.put("level", r.level());
        params.put("filing", r.filing());
        params.put("rname", r.responsibleName());
        params.put("exposure", exposureText(r.exposure()));
        params.put("now", ts(now));
        String mobileSet = "";
        if (r.mobileSealed() != null) {
            mobileSet = ", responsible_mobile_sealed = :msealed, responsible_mobile_masked = :mmasked";
            params.put("msealed", r.mobileSealed());
            params.put("mmasked", r.mobileMasked());
        }
        jdbc.sql("update systems_system set name = :name, purpose = :purpose, mlps_level = :level, filing_number = :filing, "
                + "responsible_name = :rname, exposure = :exposure, updated_at = :now" + mobileSet + " where id = :id").params(params).update();
        jdbc.sql("delete from systems_asset where system_id = :id").param("id", id).update();
        saveAssets(id, assets);
    }

    private void saveAssets(long id, List<Asset> assets) {
        for (Asset a : assets) {
            jdbc.sql("insert into systems_asset (system_id, kind, address) values (:s, :k, :a)")
                    .param("s", id).param("k", a.kind().name()).param("a", a.address()).update();
        }
    }

    Optional<String> sealedMobile(long id) {
        return jdbc.sql("select responsible_mobile_sealed from systems_system where id = :id").param("id", id).query(String.class).optional();
    }

    /** Moves the state only if it is still {@code from} (a concurrent change loses); whether it moved. */
    boolean move(long id, SystemState from, SystemState to, String reason, Instant now) {
        return jdbc.sql("update systems_system set state = :to, state_reason = :reason, updated_at = :now where id = :id and state = :from")
                .param("to", to.name()).param("reason", reason).param("now", ts(now)).param("id", id).param("from", from.name()).update() == 1;
    }

    void setSwitch(long id, Switch which, boolean on, Instant now) {
        String column = which == Switch.INTERNET_ACCESS ? "internet_access" : "external_exchange";
        jdbc.sql("update systems_system set " + column + " = :on, updated_at = :now where id = :id")
                .param("on", on).param("now", ts(now)).param("id", id).update();
    }

    void switchesOff(long id, Instant now) {
        jdbc.sql("update systems_system set internet_access = false, external_exchange = false, updated_at = :now where id = :id")
                .param("now", ts(now)).param("id", id).update();
    }

    void exitDeadline(long id, LocalDate deadline) {
        jdbc.sql("update systems_system set exit_deadline = :d where id = :id").param("d", deadline).param("id", id).update();
    }

    void exited(long id, String dataDisposition) {
        jdbc.sql("update systems_system set data_disposition = :d, internet_access = false, external_exchange = false where id = :id")
                .param("d", dataDisposition).param("id", id).update();
    }

    boolean cii(long id) {
        return jdbc.sql("select cii from systems_system where id = :id").param("id", id).query(Boolean.class).single();
    }

    boolean exists(long id) {
        return jdbc.sql("select count(*) from systems_system where id = :id").param("id", id).query(Long.class).single() > 0;
    }

    HostedSystem get(long id) {
        return withAssets(jdbc.sql("select s.* from systems_system s where s.id = :id").param("id", id)
                .query((rs, i) -> map(rs, names())).single());
    }

    /** The system if the scope allows its organisation. */
    Optional<HostedSystem> find(long id, OrgScope scope) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql("select s.* from systems_system s where s.id = :id and " + scope.where("s.org_id"))
                .params(params).query((rs, i) -> map(rs, names())).optional().map(this::withAssets);
    }

    /** The system if the actor may see it (A4); 404 otherwise, whether or not it exists. */
    HostedSystem visible(long id, Actor actor) {
        return find(id, OrgScope.of(actor)).orElseThrow(() -> new NotFound("system " + id));
    }

    /** One page, newest first (keyset on id: fast however many rows precede it); {@code beforeId} is the previous page's last id. */
    List<HostedSystem> page(OrgScope scope, Filter f, Long beforeId, int limit) {
        KeysetQuery query = new KeysetQuery("select s.* from systems_system s where " + scope.where("s.org_id"), scope.params())
                .equal("s.org_id", "org", f.orgId()).equal("s.mlps_level", "level", f.mlpsLevel()).equal("s.state", "state", f.state())
                .exposure("s.exposure", f.exposure());
        if (Boolean.TRUE.equals(f.exitOverdue())) {
            query.and("s.state = 'EXIT_ORDERED' and s.exit_deadline < :today", "today", today());
        }
        query.equal("s.cii", "cii", f.cii()).equal("s.non_classified", "nonClassified", f.nonClassified());
        if (Keywords.contains(f.q()) != null) {
            // issue 23 point 11: the keyword in SQL (the page and the export read the same rows)
            query.and("(lower(s.name)" + Keywords.LIKE + " or lower(s.filing_number)" + Keywords.LIKE + " or lower(s.purpose)"
                    + Keywords.LIKE + " or lower(s.responsible_name)" + Keywords.LIKE + ")", "q", Keywords.contains(f.q()));
        }
        Map<Long, String> names = names();
        return query.page(jdbc, "s.id", beforeId, limit, (rs, i) -> map(rs, names));
    }

    private HostedSystem withAssets(HostedSystem s) {
        return s.withAssets(jdbc.sql("select kind, address from systems_asset where system_id = :id order by id").param("id", s.id())
                .query((rs, i) -> new Asset(Addresses.Kind.valueOf(rs.getString(1)), rs.getString(2))).list());
    }

    private Map<Long, String> names() {
        return organisations.all().stream().collect(Collectors.toMap(OrganisationView::id, OrganisationView::name, (a, b) -> a));
    }

    private HostedSystem map(ResultSet rs, Map<Long, String> names) throws SQLException {
        SystemState state = SystemState.valueOf(rs.getString("state"));
        LocalDate deadline = rs.getObject("exit_deadline", LocalDate.class);
        Set<Exposure> exposure = EnumSet.noneOf(Exposure.class);
        for (String e : rs.getString("exposure").split(",")) {
            if (!e.isBlank()) {
                exposure.add(Exposure.valueOf(e));
            }
        }
        long org = rs.getLong("org_id");
        return new HostedSystem(rs.getLong("id"), org, names.getOrDefault(org, String.valueOf(org)), rs.getString("name"),
                rs.getString("purpose"), rs.getInt("mlps_level"), rs.getString("filing_number"), rs.getString("responsible_name"),
                rs.getString("responsible_mobile_masked"), exposure, List.of(), state, rs.getBoolean("internet_access"),
                rs.getBoolean("external_exchange"), deadline, rs.getString("state_reason"), rs.getString("data_disposition"),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"),
                state == SystemState.EXIT_ORDERED && deadline != null && deadline.isBefore(today()));
    }

    // ---- the register as other modules read it (unscoped: the caller checks who may see what) -------

    /** The systems matching {@code where} (a condition on systems_system, with its order), as other modules refer to them. */
    List<Systems.SystemRef> refs(String where, Map<String, ?> params) {
        return jdbc.sql("select id, org_id, name, mlps_level, state from systems_system where " + where).params(params)
                .query((rs, i) -> new Systems.SystemRef(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"),
                        rs.getInt("mlps_level"), rs.getString("state"))).list();
    }

    /** Every address of every system not yet exited. */
    List<Systems.Address> addresses() {
        return jdbc.sql("""
                        select a.system_id, s.org_id, a.kind, a.address from systems_asset a
                        join systems_system s on s.id = a.system_id where s.state <> 'EXITED' order by a.system_id, a.id""")
                .query((rs, i) -> new Systems.Address(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
    }

    // ---- timeline and documents --------------------------------------------------------------------

    void record(long id, String action, SystemState from, SystemState to, String rule, String reason, String actor, Instant at) {
        jdbc.sql("insert into systems_transition (system_id, action, from_state, to_state, rule_id, reason, actor, occurred_at) "
                        + "values (:s, :a, :f, :t, :r, :reason, :by, :at)")
                .param("s", id).param("a", action).param("f", from == null ? null : from.name()).param("t", to.name()).param("r", rule)
                .param("reason", reason).param("by", actor).param("at", ts(at)).update();
    }

    List<Transition> timeline(long id) {
        return jdbc.sql("select * from systems_transition where system_id = :id order by id").param("id", id)
                .query((rs, i) -> new Transition(rs.getLong("id"), rs.getString("action"),
                        rs.getString("from_state") == null ? null : SystemState.valueOf(rs.getString("from_state")),
                        SystemState.valueOf(rs.getString("to_state")), rs.getString("rule_id"), rs.getString("reason"),
                        rs.getString("actor"), instant(rs, "occurred_at"))).list();
    }

    void attach(long id, long documentId, String purpose, String by, Instant now) {
        jdbc.sql("insert into systems_document (system_id, document_id, purpose, attached_at, attached_by) values (:s, :d, :p, :now, :by)")
                .param("s", id).param("d", documentId).param("p", purpose).param("now", ts(now)).param("by", by).update();
    }

    /** The attached documents in order: document id, purpose, when, by whom. */
    record Attachment(long documentId, String purpose, Instant attachedAt, String attachedBy) {
    }

    List<Attachment> attachments(long id) {
        return jdbc.sql("select * from systems_document where system_id = :id order by id").param("id", id)
                .query((rs, i) -> new Attachment(rs.getLong("document_id"), rs.getString("purpose"), instant(rs, "attached_at"),
                        rs.getString("attached_by"))).list();
    }

    boolean attached(long id, long documentId) {
        return jdbc.sql("select count(*) from systems_document where system_id = :s and document_id = :d")
                .param("s", id).param("d", documentId).query(Long.class).single() > 0;
    }

    // ---- the responsibility agreement (A11.1) -------------------------------------------------------

    void insertAgreement(long id, long documentId, String number, String unitSignatory, String providerSignatory, LocalDate signedOn,
                         Instant now, String by) {
        jdbc.sql("insert into systems_agreement (system_id, document_id, agreement_number, unit_signatory, provider_signatory, signed_on, "
                        + "recorded_at, recorded_by) values (:s, :d, :no, :u, :p, :on, :now, :by)")
                .param("s", id).param("d", documentId).param("no", number).param("u", unitSignatory).param("p", providerSignatory)
                .param("on", signedOn).param("now", ts(now)).param("by", by).update();
    }

    Optional<Admission.Agreement> agreement(long id) {
        return jdbc.sql("select * from systems_agreement where system_id = :id order by id desc limit 1").param("id", id)
                .query((rs, i) -> new Admission.Agreement(rs.getLong("id"), rs.getLong("document_id"), rs.getString("agreement_number"),
                        rs.getString("unit_signatory"), rs.getString("provider_signatory"), rs.getObject("signed_on", LocalDate.class),
                        instant(rs, "recorded_at"), rs.getString("recorded_by"))).optional();
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }

    private static String exposureText(Set<Exposure> exposure) {
        return exposure.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
