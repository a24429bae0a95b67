package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.Masking;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hosted-system aggregate: registration (A7), the responsibility agreement (A11.1), the
 * supervisor's item-by-item verification and the exposure gate (A11.2), suspension and ordered
 * exit (A11.4). Every state change goes through {@link Lifecycle}, is recorded in the timeline
 * and in the audit log, in one transaction with the duties it raises.
 */
@Service
public class SystemService {
    static final String MOBILE_CONTEXT = "systems_system.responsible_mobile";
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    public enum Exposure { INTERNET, GOV_EXTRANET, DEPARTMENT_PRIVATE }

    /** The four items the supervisor verifies before admission (A11.2). */
    public enum ItemKind { MLPS_CERTIFICATE, CRYPTO_PLAN, SECURITY_TEST, PENETRATION_TEST }

    public enum ItemStatus { SUBMITTED, ACCEPTED, RETURNED }

    public record Registration(String name, String purpose, Integer mlpsLevel, String filingNumber, String responsibleName,
                               String responsibleMobile, List<String> exposure, List<String> addresses) {
    }

    public record Asset(Addresses.Kind kind, String address) {
    }

    public record SystemView(long id, long orgId, String orgName, String name, String purpose, int mlpsLevel, String filingNumber,
                             String responsibleName, String mobileMasked, Set<Exposure> exposure, List<Asset> assets,
                             SystemState state, boolean internetAccess, boolean externalExchange, LocalDate exitDeadline,
                             String stateReason, String dataDisposition, Instant createdAt, String createdBy, Instant updatedAt,
                             boolean exitOverdue) {
    }

    public record Agreement(long id, long documentId, String agreementNumber, String unitSignatory, String providerSignatory, LocalDate signedOn,
                            Instant recordedAt, String recordedBy) {
    }

    public record Item(ItemKind kind, long documentId, String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil,
                       ItemStatus status, String reviewReason, Instant uploadedAt, String uploadedBy, Instant reviewedAt,
                       String reviewedBy, Integer certLevel) {
    }

    /** {@code certLevel}: the protection level (1–5) the 等保 certificate states; admission compares it with the system's (A11.2). */
    public record ItemDetails(String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil, Integer certLevel) {
        public static final ItemDetails NONE = new ItemDetails(null, null, null, null, null);

        public ItemDetails(String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil) {
            this(certNumber, certDate, conclusion, validUntil, null);
        }
    }

    public record Transition(long id, String action, SystemState from, SystemState to, String rule, String reason, String actor,
                             Instant at) {
    }

    public record AttachedDocument(StoredDocument document, String purpose, Instant attachedAt, String attachedBy) {
    }

    /** List filters; null means any. */
    public record Filter(Long orgId, Integer mlpsLevel, SystemState state, Exposure exposure, Boolean exitOverdue) {
        public static Filter none() {
            return new Filter(null, null, null, null, null);
        }
    }

    private final JdbcClient jdbc;
    private final Duties duties;
    private final Documents documents;
    private final FieldEncryption fields;
    private final AuditLog audit;
    private final OrganisationDirectory organisations;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<cn.govcloud.guard.systems.ProviderDataAccess> providerAccess;
    private final org.springframework.beans.factory.ObjectProvider<cn.govcloud.guard.systems.SystemDataGrades> dataGrades;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final WorkOrders workOrders;

    SystemService(JdbcClient jdbc, Duties duties, Documents documents, FieldEncryption fields, AuditLog audit,
                  OrganisationDirectory organisations, Clock clock,
                  org.springframework.beans.factory.ObjectProvider<cn.govcloud.guard.systems.ProviderDataAccess> providerAccess,
                  org.springframework.beans.factory.ObjectProvider<cn.govcloud.guard.systems.SystemDataGrades> dataGrades,
                  org.springframework.context.ApplicationEventPublisher events, WorkOrders workOrders) {
        this.events = events;
        this.workOrders = workOrders;
        this.providerAccess = providerAccess;
        this.dataGrades = dataGrades;
        this.jdbc = jdbc;
        this.duties = duties;
        this.documents = documents;
        this.fields = fields;
        this.audit = audit;
        this.organisations = organisations;
        this.clock = clock;
    }

    // ---- register ------------------------------------------------------------------------------

    /** A unit's user registers a system of their own unit; it starts as a draft (A7). */
    @Transactional
    public SystemView register(Registration r) {
        Actor actor = requireUnit();
        Valid v = validate(r);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into systems_system (org_id, name, purpose, mlps_level, filing_number, responsible_name, "
                        + "responsible_mobile_sealed, responsible_mobile_masked, exposure, state, created_at, created_by, updated_at) "
                        + "values (:org, :name, :purpose, :level, :filing, :rname, :msealed, :mmasked, :exposure, 'DRAFT', :now, :by, :now)")
                .param("org", actor.orgId()).param("name", v.name).param("purpose", v.purpose).param("level", v.level)
                .param("filing", v.filing).param("rname", v.responsibleName)
                .param("msealed", v.mobile == null ? null : fields.seal(MOBILE_CONTEXT, v.mobile))
                .param("mmasked", v.mobile == null ? null : Masking.mobile(v.mobile))
                .param("exposure", exposureText(v.exposure)).param("now", ts(now)).param("by", actor.username())
                .update(key, "id");
        long id = key.getKey().longValue();
        saveAssets(id, v.assets);
        record(id, "REGISTER", null, SystemState.DRAFT, "A7", null, actor, now);
        audit.record(AuditEvent.success("systems.register", "system:" + id, v.name + " level " + v.level));
        SystemView system = get(id);
        duties.raise(new DutyTrigger("system.registered", subject(system), now, "system:" + id));
        return system;
    }

    /** Changes the registration while it is a draft. */
    @Transactional
    public SystemView update(long id, Registration r) {
        Actor actor = requireUnit();
        SystemView system = visible(id, actor);
        if (system.state() != SystemState.DRAFT) {
            throw new Lifecycle.StateRefused(Lifecycle.SUBMIT, system.state());
        }
        Valid v = validate(r);
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("name", v.name);
        params.put("purpose", v.purpose);
        params.put("level", v.level);
        params.put("filing", v.filing);
        params.put("rname", v.responsibleName);
        params.put("exposure", exposureText(v.exposure));
        params.put("now", ts(clock.instant()));
        String mobileSet = "";
        if (v.mobile != null) {
            mobileSet = ", responsible_mobile_sealed = :msealed, responsible_mobile_masked = :mmasked";
            params.put("msealed", fields.seal(MOBILE_CONTEXT, v.mobile));
            params.put("mmasked", Masking.mobile(v.mobile));
        }
        jdbc.sql("update systems_system set name = :name, purpose = :purpose, mlps_level = :level, filing_number = :filing, "
                + "responsible_name = :rname, exposure = :exposure, updated_at = :now" + mobileSet + " where id = :id").params(params).update();
        jdbc.sql("delete from systems_asset where system_id = :id").param("id", id).update();
        saveAssets(id, v.assets);
        audit.record(AuditEvent.success("systems.update", "system:" + id, v.name + " level " + v.level));
        return get(id);
    }

    /** The full mobile number of the responsible person, for the system's own unit and the supervisor; audited. */
    public Optional<String> responsibleMobile(long id, Actor actor) {
        visible(id, actor);
        if (actor.orgKind() == OrgKind.REGULATOR) {
            throw new AccessDeniedException("regulators see the masked number");
        }
        Optional<String> mobile = jdbc.sql("select responsible_mobile_sealed from systems_system where id = :id").param("id", id)
                .query(String.class).optional().map(s -> fields.open(MOBILE_CONTEXT, s));
        audit.record(AuditEvent.success("systems.mobile.view", "system:" + id, "full mobile number shown"));
        return mobile;
    }

    // ---- A11.1 agreement and admission request ---------------------------------------------------

    /** The unit completes the registration (editing ends). */
    @Transactional
    public SystemView submit(long id) {
        Actor actor = requireUnit();
        SystemView system = visible(id, actor);
        move(system, Lifecycle.SUBMIT, null, actor);
        return get(id);
    }

    /** A11.1: the signed agreement, with the signatories of both sides and the signing date. */
    @Transactional
    public Agreement uploadAgreement(long id, String agreementNumber, String unitSignatory, String providerSignatory, LocalDate signedOn, String filename,
                                     InputStream file) {
        Actor actor = requireUnit();
        SystemView system = visible(id, actor);
        if (system.state() != SystemState.DRAFT && system.state() != SystemState.AWAITING_AGREEMENT) {
            throw new Lifecycle.StateRefused(Lifecycle.REQUEST_ADMISSION, system.state());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(agreementNumber) || agreementNumber.strip().length() > 100) {
            errors.put("agreementNumber", "systems.error.agreementNumber");
        }
        if (blank(unitSignatory) || unitSignatory.length() > 100) {
            errors.put("unitSignatory", "systems.error.unitSignatory");
        }
        if (blank(providerSignatory) || providerSignatory.length() > 100) {
            errors.put("providerSignatory", "systems.error.providerSignatory");
        }
        if (signedOn == null || signedOn.isAfter(today())) {
            errors.put("signedOn", "systems.error.signedOn");
        }
        if (file == null) {
            errors.put("file", "systems.error.file");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.error.invalid", errors);
        }
        byte[] content = read(file);
        StoredDocument doc = documents.store(system.orgId(), filename == null ? "agreement" : filename, new java.io.ByteArrayInputStream(content));
        Instant now = clock.instant();
        attach(id, doc.id(), "AGREEMENT", actor, now);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into systems_agreement (system_id, document_id, agreement_number, unit_signatory, provider_signatory, signed_on, "
                        + "recorded_at, recorded_by) values (:s, :d, :no, :u, :p, :on, :now, :by)")
                .param("s", id).param("d", doc.id()).param("no", agreementNumber.strip()).param("u", unitSignatory.strip()).param("p", providerSignatory.strip())
                .param("on", signedOn).param("now", ts(now)).param("by", actor.username()).update(key, "id");
        record(id, "AGREEMENT", system.state(), system.state(), "A11.1", unitSignatory.strip() + " / " + providerSignatory.strip()
                + " " + signedOn, actor, now);
        audit.record(AuditEvent.success("systems.agreement.upload", "system:" + id, "signed " + signedOn + " document " + doc.id()));
        // the agreement is the evidence of the unit's A11.1 duty raised at registration
        duties.ofSubject(SubjectKind.SYSTEM, id).stream()
                .filter(d -> d.ruleId().equals("A11.1-responsibility-agreement") && d.state().awaitsSubmission())
                .findFirst().ifPresent(duty -> duties.submit(duty.id(), Map.of("agreementNumber", agreementNumber.strip(),
                        "signedOn", signedOn.toString(), "signedByProvider", "true"),
                        List.of(new Duties.Attachment("agreement", doc.filename(), new java.io.ByteArrayInputStream(content)))));
        return agreement(id).orElseThrow();
    }

    /** A11.1: no admission request without a signed agreement. */
    @Transactional
    public SystemView requestAdmission(long id) {
        Actor actor = requireUnit();
        SystemView system = visible(id, actor);
        if (Lifecycle.REQUEST_ADMISSION.allowedFrom(system.state()) && agreement(id).isEmpty()) {
            throw new RuleViolation("A11.1", "No signed security-responsibility agreement: a system without one may not be admitted (A11.1)");
        }
        Instant now = move(system, Lifecycle.REQUEST_ADMISSION, null, actor);
        duties.raise(new DutyTrigger("system.admission-requested", subject(system), now, "system:" + id));
        return get(id);
    }

    // ---- A11.2 verification ---------------------------------------------------------------------

    /** The unit uploads (or replaces) one item; a replaced item waits for the supervisor again. */
    @Transactional
    public Item uploadItem(long id, ItemKind kind, ItemDetails details, String filename, InputStream file) {
        Actor actor = requireUnit();
        SystemView system = visible(id, actor);
        if (!EnumSet.of(SystemState.DRAFT, SystemState.AWAITING_AGREEMENT, SystemState.AWAITING_VERIFICATION).contains(system.state())) {
            throw new Lifecycle.StateRefused(Lifecycle.ADMIT, system.state());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (kind == null) {
            errors.put("kind", "systems.error.kind");
        }
        ItemDetails d = details == null ? ItemDetails.NONE : details;
        if (kind == ItemKind.MLPS_CERTIFICATE) {
            if (blank(d.certNumber()) || d.certNumber().length() > 100) {
                errors.put("certNumber", "systems.error.certNumber");
            }
            if (d.certDate() == null || d.certDate().isAfter(today())) {
                errors.put("certDate", "systems.error.certDate");
            }
            if (blank(d.conclusion()) || d.conclusion().length() > 100) {
                errors.put("conclusion", "systems.error.conclusion");
            }
            if (d.validUntil() == null || d.certDate() != null && !d.validUntil().isAfter(d.certDate())) {
                errors.put("validUntil", "systems.error.validUntil");
            }
            if (d.certLevel() != null && (d.certLevel() < 1 || d.certLevel() > 5)) {
                errors.put("certLevel", "systems.error.certLevel");
            }
        }
        if (file == null) {
            errors.put("file", "systems.error.file");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.error.invalid", errors);
        }
        StoredDocument doc = documents.store(system.orgId(), filename == null ? kind.name().toLowerCase() : filename, file);
        Instant now = clock.instant();
        attach(id, doc.id(), kind.name(), actor, now);
        boolean mlps = kind == ItemKind.MLPS_CERTIFICATE;
        Map<String, Object> params = new HashMap<>();
        params.put("s", id);
        params.put("k", kind.name());
        params.put("d", doc.id());
        params.put("no", mlps ? d.certNumber().strip() : null);
        params.put("date", mlps ? d.certDate() : null);
        params.put("c", mlps ? d.conclusion().strip() : null);
        params.put("until", mlps ? d.validUntil() : null);
        params.put("level", mlps ? d.certLevel() : null);
        params.put("now", ts(now));
        params.put("by", actor.username());
        int updated = jdbc.sql("update systems_verification_item set document_id = :d, cert_number = :no, cert_date = :date, conclusion = :c, "
                + "valid_until = :until, cert_level = :level, status = 'SUBMITTED', review_reason = null, uploaded_at = :now, uploaded_by = :by, reviewed_at = null, "
                + "reviewed_by = null where system_id = :s and kind = :k").params(params).update();
        if (updated == 0) {
            jdbc.sql("insert into systems_verification_item (system_id, kind, document_id, cert_number, cert_date, conclusion, valid_until, "
                    + "cert_level, status, uploaded_at, uploaded_by) values (:s, :k, :d, :no, :date, :c, :until, :level, 'SUBMITTED', :now, :by)").params(params).update();
        }
        record(id, "ITEM_UPLOADED:" + kind, system.state(), system.state(), "A11.2", doc.filename(), actor, now);
        audit.record(AuditEvent.success("systems.item.upload", "system:" + id, kind + " document " + doc.id()));
        return items(id).get(kind);
    }

    /** The supervisor accepts or returns one item (a return needs a reason). */
    @Transactional
    public Item reviewItem(long id, ItemKind kind, boolean accept, String reason) {
        Actor actor = requireSupervisor();
        SystemView system = visible(id, actor);
        Lifecycle.ADMIT.check(system.state());
        Item item = items(id).get(kind);
        if (item == null) {
            throw new InvalidInput("systems.error.invalid", Map.of("kind", "systems.error.noItem"));
        }
        if (!accept && blank(reason)) {
            throw new InvalidInput("systems.error.invalid", Map.of("reason", "systems.error.reason"));
        }
        Instant now = clock.instant();
        jdbc.sql("update systems_verification_item set status = :st, review_reason = :r, reviewed_at = :now, reviewed_by = :by "
                        + "where system_id = :s and kind = :k")
                .param("st", accept ? "ACCEPTED" : "RETURNED").param("r", blank(reason) ? null : reason.strip()).param("now", ts(now))
                .param("by", actor.username()).param("s", id).param("k", kind.name()).update();
        record(id, (accept ? "ITEM_ACCEPTED:" : "ITEM_RETURNED:") + kind, system.state(), system.state(), "A11.2",
                blank(reason) ? null : reason.strip(), actor, now);
        audit.record(AuditEvent.success(accept ? "systems.item.accept" : "systems.item.return", "system:" + id,
                kind + (blank(reason) ? "" : ": " + reason.strip())));
        return items(id).get(kind);
    }

    /** Whether every item of A11.2 is accepted: the condition for admission and for either switch. */
    public boolean verificationPassed(long id) {
        Map<ItemKind, Item> items = items(id);
        return Arrays.stream(ItemKind.values()).allMatch(k -> items.containsKey(k) && items.get(k).status() == ItemStatus.ACCEPTED);
    }

    /** The supervisor admits the system once every item is accepted (intranet only). */
    @Transactional
    public SystemView admit(long id) {
        Actor actor = requireSupervisor();
        SystemView system = visible(id, actor);
        Lifecycle.ADMIT.check(system.state());
        if (!verificationPassed(id)) {
            throw new RuleViolation("A11.2", "Not every verification item is accepted: the system may not be admitted (A11.2)");
        }
        AdmissionGate.refusal(system, items(id), protections(id), today()).ifPresent(refusal -> {
            throw refusal;
        });
        Instant admittedAt = move(system, Lifecycle.ADMIT, null, actor);
        // the one hook of the assessment ledger (A7.2): the verified 等保 certificate becomes the system's first filing
        events.publishEvent(new cn.govcloud.guard.systems.SystemAdmitted(id, system.orgId(), system.mlpsLevel(), admittedAt));
        // issue 17 point 6: the provider opens the platform's network for the admitted system (switches stay off)
        order(system, WorkOrders.Kind.ADMISSION, null, null, null, actor, admittedAt);
        // the supervisor's A11.2 check is done: every item accepted, admitted for the intranet (the switches are separate acts)
        duties.ofSubject(SubjectKind.SYSTEM, id).stream()
                .filter(d -> d.ruleId().equals("A11.2-admission-check") && d.state().awaitsSubmission())
                .findFirst().ifPresent(duty -> duties.submit(duty.id(), Map.of("mlpsCertificateOk", "true", "cryptoPlanOk", "true",
                        "testReportsOk", "true", "decision", "准入",
                        // admission is for the intranet; internet access is a separate decision (setSwitch), not recorded as allowed before it
                        "internetAllowed", String.valueOf(system.internetAccess()), "reviewer", actor.displayName())));
        return get(id);
    }

    public enum Switch { INTERNET_ACCESS, EXTERNAL_EXCHANGE }

    /** A11.2: internet access / external data exchange, a separate audited act, only for a system that passed. */
    @Transactional
    public SystemView setSwitch(long id, Switch which, boolean on, String reason) {
        Actor actor = requireSupervisor();
        SystemView system = visible(id, actor);
        if (on) {
            Lifecycle.SWITCH.check(system.state());
            if (!verificationPassed(id)) {
                throw new RuleViolation("A11.2", "The system has not passed verification: no internet access or external data exchange (A11.2)");
            }
        }
        String column = which == Switch.INTERNET_ACCESS ? "internet_access" : "external_exchange";
        Instant now = clock.instant();
        jdbc.sql("update systems_system set " + column + " = :on, updated_at = :now where id = :id")
                .param("on", on).param("now", ts(now)).param("id", id).update();
        record(id, which + (on ? ":ON" : ":OFF"), system.state(), system.state(), "A11.2", blank(reason) ? null : reason.strip(), actor, now);
        audit.record(AuditEvent.success("systems.switch", "system:" + id, which + " " + (on ? "on" : "off")));
        boolean was = which == Switch.INTERNET_ACCESS ? system.internetAccess() : system.externalExchange();
        if (was != on) {
            // issue 17 point 6 (A11.2): the decision is the supervisor's, its execution at the firewall the provider's
            WorkOrders.Kind kind = WorkOrders.Kind.valueOf(which.name() + (on ? "_ON" : "_OFF"));
            order(system, kind, which == Switch.INTERNET_ACCESS ? on : null, which == Switch.EXTERNAL_EXCHANGE ? on : null,
                    blank(reason) ? null : reason.strip(), actor, now);
        }
        return get(id);
    }

    // ---- A11.4 suspension and exit ----------------------------------------------------------------

    @Transactional
    public SystemView suspend(long id, String reason) {
        Actor actor = requireSupervisor();
        SystemView system = visible(id, actor);
        Lifecycle.SUSPEND.check(system.state());
        requireReason(reason);
        Instant now = move(system, Lifecycle.SUSPEND, reason.strip(), actor);
        // A11.4 "暂停政务云服务" (issue 17 point 7): a suspended system has no internet access and no external exchange
        switchesOff(system, actor, now, "暂停服务：" + reason.strip());
        // issue 17 point 7: the suspension is executed by the provider (service stopped, access and exchange off) by work order
        order(system, WorkOrders.Kind.SUSPENSION, false, false, reason.strip(), actor, now);
        duties.raise(new DutyTrigger("system.suspended", subject(system), now, "system:" + id + ":suspension:" + now.toEpochMilli()));
        return get(id);
    }

    @Transactional
    public SystemView resume(long id, String reason) {
        Actor actor = requireSupervisor();
        SystemView system = visible(id, actor);
        Lifecycle.RESUME.check(system.state());
        requireReason(reason);
        Instant now = move(system, Lifecycle.RESUME, reason.strip(), actor);
        closeSuspensionReview(id, "恢复服务：" + reason.strip());
        order(system, WorkOrders.Kind.RESUMPTION, null, null, reason.strip(), actor, now);
        return get(id);
    }

    @Transactional
    public SystemView orderExit(long id, String reason, LocalDate deadline) {
        Actor actor = requireSupervisor();
        SystemView system = visible(id, actor);
        Lifecycle.ORDER_EXIT.check(system.state());
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(reason)) {
            errors.put("reason", "systems.error.reason");
        }
        if (deadline == null || !deadline.isAfter(today())) {
            errors.put("deadline", "systems.error.deadline");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.error.invalid", errors);
        }
        jdbc.sql("update systems_system set exit_deadline = :d where id = :id").param("d", deadline).param("id", id).update();
        Instant now = move(system, Lifecycle.ORDER_EXIT, reason.strip() + " (" + deadline + ")", actor);
        duties.raise(new DutyTrigger("system.exit-ordered", subject(system), now, "system:" + id));
        // issue 17 point 7: the duty is due on the ordered deadline (the catalog's 30 days are only the default), and the
        // order is the supervisor's decision on the suspension (A11.4-suspension-review)
        duties.setDue("system:" + id, "A11.4-ordered-exit", deadline, "责令限期退出");
        closeSuspensionReview(id, "责令限期退出（" + deadline + "）：" + reason.strip());
        switchesOff(system, actor, now, "责令限期退出");
        order(get(id), WorkOrders.Kind.EXIT_ORDER, false, false, reason.strip() + "（" + deadline + "）", actor, now);
        return get(id);
    }

    /** Raises the decision's work order to the provider (issue 17 point 6), in the decision's transaction. */
    private void order(SystemView system, WorkOrders.Kind kind, Boolean internet, Boolean exchange, String reason, Actor actor, Instant now) {
        workOrders.issue(subject(system), kind, WorkOrderTexts.change(kind, system, reason), internet, exchange, reason, actor, now);
    }

    /** Internet access and external exchange off, each recorded on the timeline when it was on. */
    private void switchesOff(SystemView system, Actor actor, Instant now, String why) {
        if (system.internetAccess()) {
            record(system.id(), Switch.INTERNET_ACCESS + ":OFF", system.state(), system.state(), "A11.4", why, actor, now);
        }
        if (system.externalExchange()) {
            record(system.id(), Switch.EXTERNAL_EXCHANGE + ":OFF", system.state(), system.state(), "A11.4", why, actor, now);
        }
        jdbc.sql("update systems_system set internet_access = false, external_exchange = false, updated_at = :now where id = :id")
                .param("now", ts(now)).param("id", system.id()).update();
        audit.record(AuditEvent.success("systems.switch", "system:" + system.id(), "INTERNET_ACCESS off, EXTERNAL_EXCHANGE off: " + why));
    }

    /** The supervisor decided on the suspension: its open review duty is done. */
    private void closeSuspensionReview(long id, String decision) {
        duties.ofSubjectAndRule(SubjectKind.SYSTEM, id, "A11.4-suspension-review").stream().filter(d -> !d.state().closed())
                .forEach(d -> duties.fulfil(d.reference(), decision));
    }

    /** The exit completes with the disposition of the system's data recorded (the unit or the supervisor). */
    @Transactional
    public SystemView completeExit(long id, String dataDisposition) {
        Actor actor = Actor.require();
        if (!actor.isUnitUser() && !actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("the unit or the supervisor records the exit");
        }
        SystemView system = visible(id, actor);
        Lifecycle.COMPLETE_EXIT.check(system.state());
        if (blank(dataDisposition)) {
            throw new InvalidInput("systems.error.invalid", Map.of("dataDisposition", "systems.error.dataDisposition"));
        }
        jdbc.sql("update systems_system set data_disposition = :d, internet_access = false, external_exchange = false where id = :id")
                .param("d", dataDisposition.strip()).param("id", id).update();
        Instant now = move(system, Lifecycle.COMPLETE_EXIT, dataDisposition.strip(), actor);
        order(system, WorkOrders.Kind.EXIT, false, false, dataDisposition.strip(), actor, now);
        return get(id);
    }

    // ---- A7.1 protection measures ----------------------------------------------------------------

    /** The protection measures of A7.1; CRYPTO's detail names the products and their certificate numbers. */
    public enum Measure { FIREWALL, IDS_IPS, ENDPOINT, CRYPTO, LOCAL_BACKUP, OFFSITE_BACKUP }

    public record Protection(Measure measure, boolean present, String detail, Long documentId, Instant declaredAt, String declaredBy) {
    }

    /**
     * The unit declares one measure present or missing, with details and optional evidence. Once all
     * six are declared, they are filed as the evidence of the open A7.1 declaration duty.
     */
    @Transactional
    public Protection declareProtection(long id, Measure measure, Boolean present, String detail, String filename, InputStream file) {
        Actor actor = requireUnit();
        SystemView system = visible(id, actor);
        if (system.state() == SystemState.EXITED) {
            throw new Lifecycle.StateRefused(Lifecycle.COMPLETE_EXIT, system.state());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (measure == null) {
            errors.put("measure", "systems.error.measure");
        }
        if (present == null) {
            errors.put("present", "systems.error.present");
        }
        if (detail != null && detail.length() > 2000) {
            errors.put("detail", "systems.error.purpose");
        }
        if (measure == Measure.CRYPTO && Boolean.TRUE.equals(present) && blank(detail)) {
            errors.put("detail", "systems.error.cryptoDetail");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.error.invalid", errors);
        }
        Instant now = clock.instant();
        Long documentId = null;
        if (file != null) {
            StoredDocument doc = documents.store(system.orgId(), filename == null ? measure.name().toLowerCase() : filename, file);
            attach(id, doc.id(), "PROTECTION", actor, now);
            documentId = doc.id();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("s", id);
        params.put("m", measure.name());
        params.put("p", present);
        params.put("d", blank(detail) ? null : detail.strip());
        params.put("doc", documentId);
        params.put("now", ts(now));
        params.put("by", actor.username());
        int updated = jdbc.sql("update systems_protection set present = :p, detail = :d, document_id = coalesce(:doc, document_id), "
                + "declared_at = :now, declared_by = :by where system_id = :s and measure = :m").params(params).update();
        if (updated == 0) {
            jdbc.sql("insert into systems_protection (system_id, measure, present, detail, document_id, declared_at, declared_by) "
                    + "values (:s, :m, :p, :d, :doc, :now, :by)").params(params).update();
        }
        record(id, "PROTECTION:" + measure, system.state(), system.state(), "A7.1", (present ? "+" : "-") + (blank(detail) ? "" : " " + detail.strip()),
                actor, now);
        audit.record(AuditEvent.success("systems.protection.declare", "system:" + id, measure + " " + (present ? "present" : "missing")));
        Map<Measure, Protection> all = protections(id);
        if (all.size() == Measure.values().length) {
            fileDeclaration(id, all);
        }
        return all.get(measure);
    }

    /** Files the six declarations as the A7.1 duty's evidence, if that duty still waits for it. */
    private void fileDeclaration(long id, Map<Measure, Protection> all) {
        duties.ofSubject(SubjectKind.SYSTEM, id).stream()
                .filter(d -> d.ruleId().equals("A7.1-protection-declaration") && d.state().awaitsSubmission())
                .findFirst().ifPresent(duty -> {
                    Map<String, String> fields = new HashMap<>();
                    fields.put("firewall", String.valueOf(all.get(Measure.FIREWALL).present()));
                    fields.put("idsIps", String.valueOf(all.get(Measure.IDS_IPS).present()));
                    fields.put("endpointProtection", String.valueOf(all.get(Measure.ENDPOINT).present()));
                    Protection crypto = all.get(Measure.CRYPTO);
                    fields.put("cryptoProducts", crypto.present() && crypto.detail() != null ? crypto.detail() : "未使用");
                    fields.put("localBackup", String.valueOf(all.get(Measure.LOCAL_BACKUP).present()));
                    fields.put("offsiteBackup", String.valueOf(all.get(Measure.OFFSITE_BACKUP).present()));
                    Protection offsite = all.get(Measure.OFFSITE_BACKUP);
                    if (offsite.present() && offsite.detail() != null) {
                        fields.put("offsiteLocation", offsite.detail().length() > 200 ? offsite.detail().substring(0, 200) : offsite.detail());
                    }
                    duties.submit(duty.id(), fields);
                });
    }

    public Map<Measure, Protection> protections(long id) {
        Map<Measure, Protection> result = new EnumMap<>(Measure.class);
        jdbc.sql("select * from systems_protection where system_id = :id").param("id", id).query((rs, i) -> {
            long doc = rs.getLong("document_id");
            Long documentId = rs.wasNull() ? null : doc;
            Protection p = new Protection(Measure.valueOf(rs.getString("measure")), rs.getBoolean("present"), rs.getString("detail"),
                    documentId, instant(rs, "declared_at"), rs.getString("declared_by"));
            result.put(p.measure(), p);
            return p;
        }).list();
        return result;
    }

    // ---- A7.2 contractors -------------------------------------------------------------------------

    public enum ContractorRole { BUILDER, OPERATOR }

    public record Contractor(long id, long systemId, String name, ContractorRole role, String dataAccess, Long confidentialityDocumentId,
                             Long responsibilityDocumentId, LocalDate signedOn, LocalDate expiresOn, Instant engagedAt, String engagedBy,
                             boolean expired) {
    }

    /** The unit engages a builder or operator with the data access it is allowed; raises the A7.2 agreements duty. */
    @Transactional
    public Contractor engageContractor(long id, String name, ContractorRole role, String dataAccess) {
        Actor actor = requireUnit();
        SystemView system = visible(id, actor);
        if (system.state() == SystemState.EXITED) {
            throw new Lifecycle.StateRefused(Lifecycle.COMPLETE_EXIT, system.state());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(name) || name.strip().length() > 200) {
            errors.put("contractorName", "systems.error.contractorName");
        }
        if (role == null) {
            errors.put("contractorRole", "systems.error.contractorRole");
        }
        if (blank(dataAccess) || dataAccess.length() > 2000) {
            errors.put("dataAccess", "systems.error.dataAccess");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.error.invalid", errors);
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into systems_contractor (system_id, name, contractor_role, data_access, engaged_at, engaged_by) "
                        + "values (:s, :n, :r, :a, :now, :by)")
                .param("s", id).param("n", name.strip()).param("r", role.name()).param("a", dataAccess.strip()).param("now", ts(now))
                .param("by", actor.username()).update(key, "id");
        long contractorId = key.getKey().longValue();
        record(id, "CONTRACTOR:" + role, system.state(), system.state(), "A7.2", name.strip(), actor, now);
        audit.record(AuditEvent.success("systems.contractor.engage", "system:" + id, role + " " + name.strip()));
        duties.raise(new DutyTrigger("system.contractor-engaged", subject(system), now, "contractor:" + contractorId));
        return contractor(id, contractorId);
    }

    /**
     * A7.2: the signed confidentiality agreement and security-responsibility letter of a contractor;
     * filed at once as the evidence of its A7.2 duty.
     */
    @Transactional
    public Contractor contractorAgreements(long id, long contractorId, LocalDate signedOn, LocalDate expiresOn, String confidentialityName,
                                           byte[] confidentiality, String responsibilityName, byte[] responsibility) {
        Actor actor = requireUnit();
        SystemView system = visible(id, actor);
        Contractor c = contractor(id, contractorId);
        Map<String, String> errors = new LinkedHashMap<>();
        if (signedOn == null || signedOn.isAfter(today())) {
            errors.put("signedOn", "systems.error.signedOn");
        }
        if (expiresOn != null && signedOn != null && !expiresOn.isAfter(signedOn)) {
            errors.put("expiresOn", "systems.error.expiresOn");
        }
        if (confidentiality == null) {
            errors.put("confidentiality", "systems.error.file");
        }
        if (responsibility == null) {
            errors.put("responsibility", "systems.error.file");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.error.invalid", errors);
        }
        Instant now = clock.instant();
        StoredDocument conf = documents.store(system.orgId(), confidentialityName == null ? "confidentiality" : confidentialityName,
                new java.io.ByteArrayInputStream(confidentiality));
        StoredDocument resp = documents.store(system.orgId(), responsibilityName == null ? "responsibility" : responsibilityName,
                new java.io.ByteArrayInputStream(responsibility));
        attach(id, conf.id(), "CONTRACTOR", actor, now);
        attach(id, resp.id(), "CONTRACTOR", actor, now);
        jdbc.sql("update systems_contractor set confidentiality_document_id = :c, responsibility_document_id = :r, signed_on = :on, "
                        + "expires_on = :until where id = :id")
                .param("c", conf.id()).param("r", resp.id()).param("on", signedOn).param("until", expiresOn).param("id", contractorId).update();
        record(id, "CONTRACTOR_AGREEMENTS", system.state(), system.state(), "A7.2", c.name() + " " + signedOn, actor, now);
        audit.record(AuditEvent.success("systems.contractor.agreements", "system:" + id, c.name() + " signed " + signedOn));
        duties.ofSubject(SubjectKind.SYSTEM, id).stream()
                .filter(d -> d.ruleId().equals("A7.2-contractor-agreements") && ("contractor:" + contractorId).equals(d.reference())
                        && d.state().awaitsSubmission())
                .findFirst().ifPresent(duty -> duties.submit(duty.id(), Map.of("contractor", c.name(),
                        "role", c.role() == ContractorRole.BUILDER ? "承建" : "运维", "dataAccess", c.dataAccess(), "signedOn", signedOn.toString()),
                        List.of(new Duties.Attachment("confidentialityAgreement", conf.filename(), new java.io.ByteArrayInputStream(confidentiality)),
                                new Duties.Attachment("responsibilityLetter", resp.filename(), new java.io.ByteArrayInputStream(responsibility)))));
        return contractor(id, contractorId);
    }

    public List<Contractor> contractors(long id) {
        return jdbc.sql("select * from systems_contractor where system_id = :s order by id").param("s", id).query((rs, i) -> contractor(rs)).list();
    }

    private Contractor contractor(long id, long contractorId) {
        return jdbc.sql("select * from systems_contractor where system_id = :s and id = :id").param("s", id).param("id", contractorId)
                .query((rs, i) -> contractor(rs)).optional().orElseThrow(() -> new NotFound("contractor " + contractorId));
    }

    private Contractor contractor(ResultSet rs) throws SQLException {
        long conf = rs.getLong("confidentiality_document_id");
        Long confId = rs.wasNull() ? null : conf;
        long resp = rs.getLong("responsibility_document_id");
        Long respId = rs.wasNull() ? null : resp;
        LocalDate expires = rs.getObject("expires_on", LocalDate.class);
        return new Contractor(rs.getLong("id"), rs.getLong("system_id"), rs.getString("name"), ContractorRole.valueOf(rs.getString("contractor_role")),
                rs.getString("data_access"), confId, respId, rs.getObject("signed_on", LocalDate.class), expires, instant(rs, "engaged_at"),
                rs.getString("engaged_by"), expires != null && expires.isBefore(today()));
    }

    // ---- reading --------------------------------------------------------------------------------

    /** The system if the actor may see it (A4); 404 otherwise, whether or not it exists. */
    /**
     * A read of one system: as {@link #visible}, and for the provider a unit's system only under that
     * unit's data-access grant (A8.1), which the access module checks and records (no grant: 404, as if absent).
     */
    public SystemView readable(long id, Actor actor) {
        if (actor.orgKind() == OrgKind.PROVIDER) {
            cn.govcloud.guard.systems.ProviderDataAccess access = providerAccess.getIfAvailable();
            boolean exists = jdbc.sql("select count(*) from systems_system where id = :id").param("id", id).query(Long.class).single() > 0;
            if (!exists || access == null || !access.authoriseView(actor.orgId(), actor.username(), id)) {
                throw new NotFound("system " + id);
            }
            return get(id);
        }
        return visible(id, actor);
    }

    public SystemView visible(long id, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        List<SystemView> found = jdbc.sql("select s.* from systems_system s where s.id = :id and " + scope.where("s.org_id"))
                .params(params).query((rs, i) -> map(rs, names())).list();
        if (found.isEmpty()) {
            throw new NotFound("system " + id);
        }
        return withAssets(found.get(0));
    }

    /** One page, newest first (keyset on id: fast however many rows precede it); {@code beforeId} is the previous page's last id. */
    public List<SystemView> page(Actor actor, Filter f, Long beforeId, int limit) {
        OrgScope scope = OrgScope.of(actor);
        StringBuilder sql = new StringBuilder("select s.* from systems_system s where " + scope.where("s.org_id"));
        Map<String, Object> params = new HashMap<>(scope.params());
        if (f.orgId() != null) {
            sql.append(" and s.org_id = :org");
            params.put("org", f.orgId());
        }
        if (f.mlpsLevel() != null) {
            sql.append(" and s.mlps_level = :level");
            params.put("level", f.mlpsLevel());
        }
        if (f.state() != null) {
            sql.append(" and s.state = :state");
            params.put("state", f.state().name());
        }
        if (f.exposure() != null) {
            sql.append(" and s.exposure like :exposure");
            params.put("exposure", "%" + f.exposure().name() + "%");
        }
        if (Boolean.TRUE.equals(f.exitOverdue())) {
            sql.append(" and s.state = 'EXIT_ORDERED' and s.exit_deadline < :today");
            params.put("today", today());
        }
        if (beforeId != null) {
            sql.append(" and s.id < :before");
            params.put("before", beforeId);
        }
        sql.append(" order by s.id desc limit :limit");
        params.put("limit", limit);
        Map<Long, String> names = names();
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> map(rs, names)).list();
    }

    public Optional<Agreement> agreement(long id) {
        return jdbc.sql("select * from systems_agreement where system_id = :id order by id desc limit 1").param("id", id)
                .query((rs, i) -> new Agreement(rs.getLong("id"), rs.getLong("document_id"), rs.getString("agreement_number"),
                        rs.getString("unit_signatory"),
                        rs.getString("provider_signatory"), rs.getObject("signed_on", LocalDate.class), instant(rs, "recorded_at"),
                        rs.getString("recorded_by"))).optional();
    }

    public Map<ItemKind, Item> items(long id) {
        Map<ItemKind, Item> items = new EnumMap<>(ItemKind.class);
        jdbc.sql("select * from systems_verification_item where system_id = :id").param("id", id).query((rs, i) -> {
            Item item = new Item(ItemKind.valueOf(rs.getString("kind")), rs.getLong("document_id"), rs.getString("cert_number"),
                    rs.getObject("cert_date", LocalDate.class), rs.getString("conclusion"), rs.getObject("valid_until", LocalDate.class),
                    ItemStatus.valueOf(rs.getString("status")), rs.getString("review_reason"), instant(rs, "uploaded_at"),
                    rs.getString("uploaded_by"), instant(rs, "reviewed_at"), rs.getString("reviewed_by"),
                    (Integer) rs.getObject("cert_level", Integer.class));
            items.put(item.kind(), item);
            return item;
        }).list();
        return items;
    }

    public List<Transition> timeline(long id) {
        return jdbc.sql("select * from systems_transition where system_id = :id order by id").param("id", id)
                .query((rs, i) -> new Transition(rs.getLong("id"), rs.getString("action"),
                        rs.getString("from_state") == null ? null : SystemState.valueOf(rs.getString("from_state")),
                        SystemState.valueOf(rs.getString("to_state")), rs.getString("rule_id"), rs.getString("reason"),
                        rs.getString("actor"), instant(rs, "occurred_at"))).list();
    }

    public List<AttachedDocument> documents(long id) {
        List<AttachedDocument> result = new ArrayList<>();
        jdbc.sql("select * from systems_document where system_id = :id order by id").param("id", id).query((rs, i) -> {
            documents.describe(rs.getLong("document_id")).ifPresent(d -> {
                try {
                    result.add(new AttachedDocument(d, rs.getString("purpose"), instant(rs, "attached_at"), rs.getString("attached_by")));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            return 0;
        }).list();
        return result;
    }

    /** A document of the system, after the same visibility check as the system; the download is audited. */
    public StoredDocument document(long id, long documentId, Actor actor) {
        visible(id, actor);
        boolean attached = jdbc.sql("select count(*) from systems_document where system_id = :s and document_id = :d")
                .param("s", id).param("d", documentId).query(Long.class).single() > 0;
        if (!attached) {
            throw new NotFound("document " + documentId);
        }
        StoredDocument doc = documents.describe(documentId).orElseThrow(() -> new NotFound("document " + documentId));
        audit.record(AuditEvent.success("systems.document.download", "system:" + id, "document " + documentId + " " + doc.filename()));
        return doc;
    }

    public byte[] documentContent(long documentId) {
        return documents.open(documentId);
    }

    /** The duties owed for this system (the caller has checked it may see the system). */
    public List<Duty> duties(long id) {
        return duties.ofSubject(SubjectKind.SYSTEM, id);
    }

    /** The units a filter may name: every unit for the overseers, the own unit otherwise. */
    public List<OrganisationView> units(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        return organisations.ofKind(OrgKind.UNIT).stream().filter(o -> scope.allows(o.id())).toList();
    }

    private Subject subject(SystemView s) {
        LocalDate cert = Optional.ofNullable(items(s.id()).get(ItemKind.MLPS_CERTIFICATE)).map(Item::certDate).orElse(null);
        return new Subject(SubjectKind.SYSTEM, s.id(), s.name(), s.orgId(),
                attributes(s.mlpsLevel(), cert == null ? 99 : today().getYear() - cert.getYear(),
                        Optional.ofNullable(dataGrades.getIfAvailable()).map(g -> g.gradeOf(s.id())).orElse(GENERAL_DATA),
                        jdbc.sql("select cii from systems_system where id = :id").param("id", s.id()).query(Boolean.class).single()));
    }

    static final String GENERAL_DATA = "general";

    /** The attributes the catalog's conditions read of a system; {@code dataGrade} comes from the data catalog (A8.2). */
    /** What the catalog's conditions read of a system; {@code cii}: critical information infrastructure (issue 17 point 4). */
    static Map<String, Object> attributes(int level, int years, String dataGrade, boolean cii) {
        return Map.of("mlpsLevel", level, "yearsSinceMlpsAssessment", years, "dataGrade", dataGrade, "cii", cii);
    }

    // ---- internals ------------------------------------------------------------------------------

    private Instant move(SystemView system, Lifecycle action, String reason, Actor actor) {
        SystemState to = action.check(system.state());
        Instant now = clock.instant();
        int changed = jdbc.sql("update systems_system set state = :to, state_reason = :reason, updated_at = :now where id = :id and state = :from")
                .param("to", to.name()).param("reason", reason).param("now", ts(now)).param("id", system.id())
                .param("from", system.state().name()).update();
        if (changed != 1) {
            throw new Lifecycle.StateRefused(action, get(system.id()).state());
        }
        record(system.id(), action.name(), system.state(), to, action.rule(), reason, actor, now);
        audit.record(AuditEvent.success("systems." + action.name().toLowerCase(), "system:" + system.id(),
                system.state() + " → " + to + " (" + action.rule() + ")" + (reason == null ? "" : ": " + reason)));
        return now;
    }

    private void record(long id, String action, SystemState from, SystemState to, String rule, String reason, Actor actor, Instant at) {
        jdbc.sql("insert into systems_transition (system_id, action, from_state, to_state, rule_id, reason, actor, occurred_at) "
                        + "values (:s, :a, :f, :t, :r, :reason, :by, :at)")
                .param("s", id).param("a", action).param("f", from == null ? null : from.name()).param("t", to.name()).param("r", rule)
                .param("reason", reason).param("by", actor.username()).param("at", ts(at)).update();
    }

    private void attach(long id, long documentId, String purpose, Actor actor, Instant now) {
        jdbc.sql("insert into systems_document (system_id, document_id, purpose, attached_at, attached_by) values (:s, :d, :p, :now, :by)")
                .param("s", id).param("d", documentId).param("p", purpose).param("now", ts(now)).param("by", actor.username()).update();
    }

    private void saveAssets(long id, List<Asset> assets) {
        for (Asset a : assets) {
            jdbc.sql("insert into systems_asset (system_id, kind, address) values (:s, :k, :a)")
                    .param("s", id).param("k", a.kind().name()).param("a", a.address()).update();
        }
    }

    private SystemView get(long id) {
        return withAssets(jdbc.sql("select s.* from systems_system s where s.id = :id").param("id", id)
                .query((rs, i) -> map(rs, names())).single());
    }

    private SystemView withAssets(SystemView s) {
        List<Asset> assets = jdbc.sql("select kind, address from systems_asset where system_id = :id order by id").param("id", s.id())
                .query((rs, i) -> new Asset(Addresses.Kind.valueOf(rs.getString(1)), rs.getString(2))).list();
        return new SystemView(s.id(), s.orgId(), s.orgName(), s.name(), s.purpose(), s.mlpsLevel(), s.filingNumber(), s.responsibleName(),
                s.mobileMasked(), s.exposure(), assets, s.state(), s.internetAccess(), s.externalExchange(), s.exitDeadline(),
                s.stateReason(), s.dataDisposition(), s.createdAt(), s.createdBy(), s.updatedAt(), s.exitOverdue());
    }

    private Map<Long, String> names() {
        return organisations.all().stream().collect(Collectors.toMap(OrganisationView::id, OrganisationView::name, (a, b) -> a));
    }

    private SystemView map(ResultSet rs, Map<Long, String> names) throws SQLException {
        SystemState state = SystemState.valueOf(rs.getString("state"));
        LocalDate deadline = rs.getObject("exit_deadline", LocalDate.class);
        Set<Exposure> exposure = EnumSet.noneOf(Exposure.class);
        for (String e : rs.getString("exposure").split(",")) {
            if (!e.isBlank()) {
                exposure.add(Exposure.valueOf(e));
            }
        }
        long org = rs.getLong("org_id");
        return new SystemView(rs.getLong("id"), org, names.getOrDefault(org, String.valueOf(org)), rs.getString("name"),
                rs.getString("purpose"), rs.getInt("mlps_level"), rs.getString("filing_number"), rs.getString("responsible_name"),
                rs.getString("responsible_mobile_masked"), exposure, List.of(), state, rs.getBoolean("internet_access"),
                rs.getBoolean("external_exchange"), deadline, rs.getString("state_reason"), rs.getString("data_disposition"),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"),
                state == SystemState.EXIT_ORDERED && deadline != null && deadline.isBefore(today()));
    }

    private record Valid(String name, String purpose, int level, String filing, String responsibleName, String mobile,
                         Set<Exposure> exposure, List<Asset> assets) {
    }

    /** The field errors of a registration (field to message key), checked exactly as {@link #register} checks it; saves nothing. */
    public Map<String, String> check(Registration r) {
        Map<String, String> errors = new LinkedHashMap<>();
        validate(r, errors);
        return errors;
    }

    /** Registers all the registrations as drafts of the actor's unit in one transaction, or none when any is invalid. */
    @Transactional
    public List<Long> registerAll(List<Registration> registrations) {
        requireUnit();
        List<Long> ids = new ArrayList<>();
        for (Registration r : registrations) {
            ids.add(register(r).id());
        }
        return ids;
    }

    private Valid validate(Registration r) {
        Map<String, String> errors = new LinkedHashMap<>();
        Valid v = validate(r, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.error.invalid", errors);
        }
        return v;
    }

    private Valid validate(Registration r, Map<String, String> errors) {
        if (blank(r.name()) || r.name().strip().length() > 200) {
            errors.put("name", "systems.error.name");
        }
        if (r.mlpsLevel() == null || r.mlpsLevel() < 1 || r.mlpsLevel() > 5) {
            errors.put("mlpsLevel", "systems.error.mlpsLevel");
        }
        if (r.purpose() != null && r.purpose().length() > 2000) {
            errors.put("purpose", "systems.error.purpose");
        }
        if (r.filingNumber() != null && r.filingNumber().strip().length() > 100) {
            errors.put("filingNumber", "systems.error.filingNumber");
        }
        if (r.responsibleName() != null && r.responsibleName().strip().length() > 100) {
            errors.put("responsibleName", "systems.error.responsibleName");
        }
        String mobile = blank(r.responsibleMobile()) ? null : r.responsibleMobile().strip();
        if (mobile != null && !MOBILE.matcher(mobile).matches()) {
            errors.put("responsibleMobile", "systems.error.mobile");
        }
        Set<Exposure> exposure = EnumSet.noneOf(Exposure.class);
        for (String e : r.exposure() == null ? List.<String>of() : r.exposure()) {
            if (blank(e)) {
                continue;
            }
            try {
                exposure.add(Exposure.valueOf(e.strip()));
            } catch (IllegalArgumentException ex) {
                errors.put("exposure", "systems.error.exposure");
            }
        }
        if (exposure.isEmpty()) {
            errors.putIfAbsent("exposure", "systems.error.exposure");
        }
        List<Asset> assets = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String a : r.addresses() == null ? List.<String>of() : r.addresses()) {
            if (blank(a)) {
                continue;
            }
            String v = a.strip();
            Optional<Addresses.Kind> kind = Addresses.classify(v);
            if (kind.isEmpty()) {
                bad.add(v.length() > 60 ? v.substring(0, 60) + "…" : v);
            } else if (seen.add(v.toLowerCase())) {
                assets.add(new Asset(kind.get(), kind.get() == Addresses.Kind.DOMAIN ? v.toLowerCase() : v));
            }
        }
        if (!bad.isEmpty()) {
            errors.put("addresses", "systems.error.addresses");
            errors.put("invalidAddresses", String.join(", ", bad));
        } else if (assets.size() > 500) {
            errors.put("addresses", "systems.error.tooManyAddresses");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Valid(r.name().strip(), blank(r.purpose()) ? null : r.purpose().strip(), r.mlpsLevel(),
                blank(r.filingNumber()) ? null : r.filingNumber().strip(), blank(r.responsibleName()) ? null : r.responsibleName().strip(),
                mobile, exposure, assets);
    }

    private static String exposureText(Set<Exposure> exposure) {
        return exposure.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static void requireReason(String reason) {
        if (blank(reason)) {
            throw new InvalidInput("systems.error.invalid", Map.of("reason", "systems.error.reason"));
        }
    }

    private static Actor requireUnit() {
        Actor actor = Actor.require();
        if (!actor.isUnitUser()) {
            throw new AccessDeniedException("only a unit's people register and maintain its systems");
        }
        return actor;
    }

    private static Actor requireSupervisor() {
        Actor actor = Actor.require();
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("only the supervisor verifies, admits, suspends and orders exits");
        }
        return actor;
    }

    private static byte[] read(InputStream in) {
        try {
            byte[] content = in.readNBytes((int) Documents.MAX_BYTES + 1);
            if (content.length > Documents.MAX_BYTES) {
                throw new InvalidInput("systems.error.invalid", Map.of("file", "systems.error.tooLarge"));
            }
            return content;
        } catch (java.io.IOException e) {
            throw new InvalidInput("systems.error.invalid", Map.of("file", "systems.error.file"));
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
