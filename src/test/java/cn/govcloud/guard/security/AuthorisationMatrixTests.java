package cn.govcloud.guard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.PublicEndpoint;
import cn.govcloud.guard.shared.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Discovers every request mapping of the platform and calls it as anonymous, as each role and as
 * a user of another unit (A4). Expectations come from the handler's own {@code @Allow}, so a new
 * endpoint is checked without anyone adding it here; a handler without {@code @Allow} or
 * {@code @PublicEndpoint} fails this test.
 */
@AppTest
class AuthorisationMatrixTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    /** One demo account per role (API.md), and unit2 as "a user of another unit". */
    static final Map<Role, String> ACCOUNT = new EnumMap<>(Map.of(
            Role.SYSTEM_ADMIN, "sysadmin", Role.SECURITY_ADMIN, "secadmin", Role.AUDIT_ADMIN, "auditor",
            Role.SUPERVISOR, "supervisor", Role.REGULATOR, "regulator", Role.PROVIDER_OPERATOR, "provider",
            Role.UNIT_SECURITY_OFFICER, "unit1", Role.UNIT_STAFF, "unit1staff"));

    static {
        ACCOUNT.put(Role.SECRECY_REVIEWER, "secrecy"); // issue 22 point 3: the 保密 reviewer
    }
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/:]+)(:[^}]*)?}");

    @Autowired
    MockMvc mvc;
    private final ApiClient api = new ApiClient(() -> mvc);
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Inbox inbox;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Path pattern → the id of a record owned by unit1's organisation (包头市教育局). */
    private final Map<String, String> unit1Owned = new LinkedHashMap<>();
    /** Path patterns of city-wide reference data every signed-in person reads: no unit owns them (not an A4 leak). */
    private final Set<String> everyonesData = new java.util.HashSet<>();

    record Endpoint(HttpMethod method, String pattern, HandlerMethod handler) {
        boolean api() {
            return pattern.startsWith("/api/");
        }
    }

    @BeforeEach
    void fixtures() throws Exception {
        long unit1Org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        long unit1User = jdbc.sql("select id from identity_user where username = 'unit1staff'").query(Long.class).single();
        unit1Owned.put("/api/v1/organisations/{id}", String.valueOf(unit1Org));
        unit1Owned.put("/api/v1/users/{id}", String.valueOf(unit1User));
        // a notice to all of unit1's organisation (delivery is idempotent on the key, so once per run)
        inbox.deliver(new Notice("test:authorisation-matrix", unit1Org, Set.of(), "nav.inbox", List.of(), null,
                Notice.Severity.INFO, java.time.Instant.parse("2026-11-26T00:00:00Z")));
        String notice = String.valueOf(jdbc.sql("select id from notify_notice where notice_key = 'test:authorisation-matrix'")
                .query(Long.class).single());
        for (String pattern : List.of("/api/v1/inbox/{id}", "/api/v1/inbox/{id}/read", "/inbox/{id}/read")) {
            unit1Owned.put(pattern, notice);
        }
        dutyFixture(unit1Org);
        systemFixture(unit1Org);
        workOrderFixture(unit1Org);
        notifyChannelFixture(unit1Org);
        incidentFixture(unit1Org);
        hazardFixture(unit1Org);
        intakeFixture();
        dataFixture(unit1Org);
        accessFixture(unit1Org);
        providerExitFixture(unit1Org);
        supervisionNoticeFixture(unit1Org);
        periodFixture(unit1Org);
        officialDocumentFixture(unit1Org);
        assessmentFixture(unit1Org);
        rosterFixture(unit1Org);
        everyonesData.add("/api/v1/rules/{id}");
        everyonesData.add("/rules/{id}");
        unit1Owned.put("/api/v1/calendar/years/{year}", "2026");
        everyonesData.add("/api/v1/calendar/years/{year}");
    }

    @Autowired
    cn.govcloud.guard.duties.Duties duties;

    /** Issue 22 point 2: unit1's roster and its signed letter (the demo city's, or one filed here): the roster's unit1-owned records. */
    private void rosterFixture(long unit1Org) {
        java.util.Optional<Long> letter = jdbc.sql("select max(id) from roster_letter where org_id = :org").param("org", unit1Org)
                .query(Long.class).optional();
        if (letter.isEmpty() || jdbc.sql("select count(*) from roster_unit where org_id = :org").param("org", unit1Org).query(Long.class).single() == 0) {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
            try {
                rosters.save(new cn.govcloud.guard.roster.Rosters.RosterInput(
                        new cn.govcloud.guard.roster.Rosters.PersonInput("矩阵负责人", "局长", null, "13947209001"),
                        new cn.govcloud.guard.roster.Rosters.PersonInput("矩阵分管", "副局长", null, "13947209002"),
                        new cn.govcloud.guard.roster.Rosters.PersonInput("矩阵管理员", "管理员", null, "13947209003"), "15947209001"));
                java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE));
                letter = java.util.Optional.of(rosters.fileLetter(today.getYear(), today, "责任书.pdf",
                        new java.io.ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).id());
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.clearContext();
            }
        }
        for (String pattern : List.of("/api/v1/roster/{orgId}", "/api/v1/roster/{orgId}/mobiles/reveal", "/roster/{orgId}", "/roster/{orgId}/mobiles")) {
            unit1Owned.put(pattern, String.valueOf(unit1Org));
        }
        for (String pattern : List.of("/api/v1/roster/{orgId}/letters/{letterId}/document", "/roster/{orgId}/letters/{letterId}")) {
            unit1Owned.put(pattern, unit1Org + "/" + letter.get());
        }
    }

    @Autowired
    cn.govcloud.guard.roster.Rosters rosters;

    /** A rectification duty of a unit1 system with a submitted document: the duty pages' unit1-owned record. */
    private void dutyFixture(long unit1Org) throws Exception {
        var system = new cn.govcloud.guard.duties.Subject(cn.govcloud.guard.rules.Rule.SubjectKind.SYSTEM, 990_100, "教育局门户网站", unit1Org,
                Map.of("mlpsLevel", 2));
        var duty = duties.raise(new cn.govcloud.guard.duties.DutyTrigger("hazard.notified", system,
                java.time.Instant.parse("2026-11-23T02:00:00Z"), "hazard:authorisation-matrix", Map.of("severity", "HIGH"))).stream()
                .filter(d -> d.ruleId().equals("A10.2-rectify")).findFirst().orElseThrow();
        if (duty.state() == cn.govcloud.guard.duties.DutyState.OPEN) {
            var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
            try {
                duties.submit(duty.id(), Map.of("measures", "升级中间件并关闭高危端口", "completedOn", "2026-11-25", "verified", "true",
                        "handler", "张安全"), List.of(new cn.govcloud.guard.duties.Duties.Attachment("feedbackLetter", "反馈函.pdf",
                        new java.io.ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))));
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
            }
        }
        long document = jdbc.sql("select a.document_id from duties_submission_document a join duties_submission s on s.id = a.submission_id "
                + "where s.duty_id = :d").param("d", duty.id()).query(Long.class).list().get(0);
        String id = String.valueOf(duty.id());
        for (String pattern : List.of("/api/v1/duties/{id}", "/api/v1/duties/{id}/submissions", "/duties/{id}", "/duties/{id}/submit")) {
            unit1Owned.put(pattern, id);
        }
        unit1Owned.put("/api/v1/duties/{id}/documents/{documentId}", id + "/" + document);
        unit1Owned.put("/duties/{id}/documents/{documentId}", id + "/" + document);
    }

    @Autowired
    cn.govcloud.guard.supervision.notices.Notices supervisionNotices;

    @Autowired
    cn.govcloud.guard.documents.OfficialPapers officialPapers;

    /** Issue 22 point 7: an agreement unit1 issued for its own system, with its signed scan attached. */
    private void officialDocumentFixture(long unit1Org) throws Exception {
        long system = jdbc.sql("select id from systems_system where org_id = :o order by id fetch first 1 rows only").param("o", unit1Org)
                .query(Long.class).single();
        var existing = jdbc.sql("select id from documents_official where kind = 'AGREEMENT' and record_id = :s and scan_file_id is not null "
                + "order by id fetch first 1 rows only").param("s", system).query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
            try (var doc = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
                doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
                doc.save(out);
                id = officialPapers.issue(cn.govcloud.guard.documents.OfficialPapers.Kind.AGREEMENT, system).id();
                officialPapers.attachScan(id, "scan.pdf", new java.io.ByteArrayInputStream(out.toByteArray()));
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
            }
        }
        for (String pattern : List.of("/api/v1/documents/official/{id}", "/api/v1/documents/official/{id}/docx", "/api/v1/documents/official/{id}/pdf",
                "/api/v1/documents/official/{id}/scan", "/documents/official/{id}/docx", "/documents/official/{id}/pdf", "/documents/official/{id}/scan")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
    }

    /** A11.3: a notice (通报) addressed to unit1 only: the notice pages' unit1-owned record. */
    private void supervisionNoticeFixture(long unit1Org) {
        String title = "矩阵测试通报";
        var existing = jdbc.sql("select id from supervision_notice where title = :t").param("t", title).query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "supervisor"));
            try {
                id = supervisionNotices.issue(new cn.govcloud.guard.supervision.notices.Notices.NewNotice("风险隐患通报", title, "请核查并确认收悉。",
                        List.of(unit1Org))).id();
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
            }
        }
        for (String pattern : List.of("/api/v1/supervision/notices/{id}", "/api/v1/supervision/notices/{id}/acknowledgement",
                "/supervision/notices/{id}", "/supervision/notices/{id}/acknowledge")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
    }

    @Autowired
    cn.govcloud.guard.supervision.SupervisionPeriods supervisionPeriods;

    /** A4 (issue 22 point 4): a 重保 period unit1 alone takes part in, far from any other test's dates. */
    private void periodFixture(long unit1Org) {
        String name = "矩阵测试重保";
        var existing = jdbc.sql("select id from supervision_period where name = :n").param("n", name).query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "supervisor"));
            try {
                id = supervisionPeriods.declarePeriod("PROTECTION", name, java.time.LocalDateTime.parse("2030-06-01T00:00"),
                        java.time.LocalDateTime.parse("2030-06-02T00:00"), List.of(unit1Org), null, null);
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
            }
        }
        for (String pattern : List.of("/api/v1/periods/{id}", "/supervision/periods/{id}")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
    }

    @Autowired
    cn.govcloud.guard.systems.internal.SystemRegistration systemRegistration;
    @Autowired
    cn.govcloud.guard.systems.internal.Contractors systemContractors;
    @Autowired
    cn.govcloud.guard.systems.internal.Admission systemAdmission;

    /** A unit1 system with its signed agreement: the systems endpoints' unit1-owned record. */
    private void systemFixture(long unit1Org) {
        var existing = jdbc.sql("select id from systems_system where org_id = :org and name = '矩阵测试系统'").param("org", unit1Org)
                .query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
            try {
                id = systemRegistration.register(new cn.govcloud.guard.systems.internal.SystemRegistration.Registration("矩阵测试系统", "授权矩阵测试", 2, null,
                        null, null, List.of("GOV_EXTRANET"), List.of("10.9.9.9"))).id();
                systemContractors.engageContractor(id, "包头智慧教育科技有限公司", cn.govcloud.guard.systems.internal.Contractors.ContractorRole.OPERATOR,
                        "只读访问学籍库脱敏副本");
                systemAdmission.uploadAgreement(id, "XY-2026-矩阵", "李局长", "王经理", java.time.LocalDate.parse("2026-11-20"), "协议.pdf",
                        new java.io.ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
            }
        }
        long document = jdbc.sql("select document_id from systems_document where system_id = :id order by id").param("id", id)
                .query(Long.class).list().get(0);
        for (String pattern : List.of("/api/v1/systems/{id}", "/api/v1/systems/{id}/agreement", "/api/v1/systems/{id}/submission",
                "/api/v1/systems/{id}/admission", "/api/v1/systems/{id}/exit", "/systems/{id}", "/systems/{id}/agreement",
                "/systems/{id}/submission", "/systems/{id}/admission", "/systems/{id}/edit", "/systems/{id}/exit", "/api/v1/systems/{id}/responsible-mobile",
                // A7.2: the system's assessment ledger (issue 17 point 9)
                "/api/v1/systems/{id}/assessments", "/systems/{id}/assessments",
                // issue 17 point 4: the 关基 identification
                "/api/v1/systems/{id}/critical-infrastructure",
                // issue 22 point 3: the 非涉密 declaration (A2)
                "/api/v1/systems/{id}/non-classified-declaration", "/systems/{id}/non-classified",
                // issue 23 point 8: exposure change requests
                "/api/v1/systems/{id}/exposure-changes", "/systems/{id}/exposure-changes")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
        for (String pattern : List.of("/api/v1/systems/{id}/verification/{kind}", "/systems/{id}/verification/{kind}")) {
            unit1Owned.put(pattern, id + "/MLPS_CERTIFICATE");
        }
        long contractor = jdbc.sql("select id from systems_contractor where system_id = :id order by id").param("id", id)
                .query(Long.class).list().get(0);
        for (String pattern : List.of("/api/v1/systems/{id}/contractors", "/systems/{id}/contractors")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
        for (String pattern : List.of("/api/v1/systems/{id}/contractors/{contractorId}/agreements", "/systems/{id}/contractors/{contractorId}/agreements")) {
            unit1Owned.put(pattern, id + "/" + contractor);
        }
        for (String pattern : List.of("/api/v1/systems/{id}/protections/{measure}", "/systems/{id}/protections/{measure}")) {
            unit1Owned.put(pattern, id + "/FIREWALL");
        }
        for (String pattern : List.of("/api/v1/systems/{id}/documents/{documentId}", "/systems/{id}/documents/{documentId}")) {
            unit1Owned.put(pattern, id + "/" + document);
        }
        // issue 22 point 1: the system's asset and exposure inventory (A7.1); each row pattern its own row (the deletes remove theirs)
        for (String pattern : List.of("/api/v1/systems/{id}/assets", "/systems/{id}/assets", "/api/v1/systems/{id}/assets/import",
                "/systems/{id}/assets/import", "/api/v1/systems/{id}/assets/export.xlsx", "/systems/{id}/assets/export.xlsx")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
        for (String pattern : List.of("/api/v1/systems/{id}/assets/{assetId}", "/systems/{id}/assets/{assetId}", "/systems/{id}/assets/{assetId}/edit",
                "/systems/{id}/assets/{assetId}/delete")) {
            long asset = jdbc.sql("insert into systems_inventory (system_id, kind, name, address, updated_at, updated_by) values (:s, 'HOST', 'matrix', "
                            + "'10.31.250.1', current_timestamp, 'unit1')").param("s", id)
                    .update(new org.springframework.jdbc.support.GeneratedKeyHolder(), "id") >= 0 ? jdbc.sql("select max(id) from systems_inventory")
                    .query(Long.class).single() : 0;
            unit1Owned.put(pattern, id + "/" + asset);
        }
    }

    @Autowired
    cn.govcloud.guard.systems.internal.WorkOrders workOrders;

    /** Issue 17 point 6: a work order for unit1's matrix system, confirmed by the provider with an evidence file. */
    private void workOrderFixture(long unit1Org) {
        long system = jdbc.sql("select id from systems_system where org_id = :org and name = '矩阵测试系统'").param("org", unit1Org)
                .query(Long.class).single();
        var existing = jdbc.sql("select id from systems_work_order where system_id = :s and evidence_document_id is not null").param("s", system)
                .query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            try {
                var subject = new cn.govcloud.guard.duties.Subject(cn.govcloud.guard.rules.Rule.SubjectKind.SYSTEM, system, "矩阵测试系统", unit1Org,
                        Map.of("mlpsLevel", 2));
                id = workOrders.issue(subject, cn.govcloud.guard.systems.internal.WorkOrders.Kind.ADMISSION, "矩阵测试工单", null, null, null,
                        DemoActors.actor(jdbc, "supervisor"), clock.instant()).id();
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "provider"));
                workOrders.confirm(id, new cn.govcloud.guard.systems.internal.WorkOrders.Confirmation("王运维", clock.instant(), "矩阵测试"), "凭证.pdf",
                        new java.io.ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
            }
        }
        for (String pattern : List.of("/api/v1/work-orders/{id}", "/api/v1/work-orders/{id}/evidence", "/api/v1/work-orders/{id}/confirmation",
                "/work-orders/{id}", "/work-orders/{id}/evidence", "/work-orders/{id}/confirmation")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
    }

    @Autowired
    cn.govcloud.guard.notify.delivery.ChannelService notifyChannels;

    /**
     * A live, enabled e-mail channel of unit1 (A10.1). Channels are retired, not removed, so a DELETE
     * earlier in the same run leaves the id reachable (GET 200, changes 409); the next run makes a new one.
     */
    private void notifyChannelFixture(long unit1Org) {
        var existing = jdbc.sql("select id from notify_channel where org_id = :org and name = '矩阵测试渠道' and deleted_at is null")
                .param("org", unit1Org).query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            jdbc.sql("update notify_channel set enabled = true where id = :id").param("id", id).update();
        } else {
            var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
            try {
                id = notifyChannels.create(DemoActors.actor(jdbc, "unit1"), new cn.govcloud.guard.notify.delivery.ChannelService.NewChannel(
                        null, "EMAIL", "矩阵测试渠道", "matrix@edu.baotou.gov.cn", null, true)).id();
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
            }
        }
        for (String pattern : List.of("/api/v1/notify/channels/{id}", "/api/v1/notify/channels/{id}/test", "/notify/channels/{id}/enabled",
                "/notify/channels/{id}/delete", "/notify/channels/{id}/test")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
    }

    @Autowired
    cn.govcloud.guard.incidents.internal.IncidentService incidents;
    @Autowired
    cn.govcloud.guard.incidents.internal.DrillService drills;
    @Autowired
    cn.govcloud.guard.incidents.internal.PlanService plans;

    /** A unit1 incident on the matrix system with its initial report, a drill unit1 is invited to and unit1's plan for that system (A10.3–A10.5). */
    private void incidentFixture(long unit1Org) {
        long system = jdbc.sql("select id from systems_system where org_id = :org and name = '矩阵测试系统'").param("org", unit1Org)
                .query(Long.class).single();
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        try {
            var incident = jdbc.sql("select id from incidents_incident where org_id = :org and title = '矩阵测试事件'").param("org", unit1Org)
                    .query(Long.class).optional();
            var plan = jdbc.sql("select id from incidents_plan where org_id = :org and system_id = :s").param("org", unit1Org).param("s", system)
                    .query(Long.class).optional();
            if (incident.isEmpty()) {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
                long id = incidents.report(new cn.govcloud.guard.incidents.Incidents.NewIncident(system, "矩阵测试事件", "NETWORK_ATTACK", null, "III",
                        null, java.time.Instant.parse("2026-11-25T02:00:00Z"), "授权矩阵测试", "无", null)).id();
                incidents.submitReport(id, new cn.govcloud.guard.incidents.internal.IncidentService.NewReport("INITIAL", "授权矩阵测试", "无", false,
                        null, null, null, "张安全"));
                incident = java.util.Optional.of(id);
            }
            if (plan.isEmpty()) {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
                plan = java.util.Optional.of(plans.record(new cn.govcloud.guard.incidents.internal.PlanService.NewPlan(system, "V1", "矩阵测试预案", "李局长",
                        java.time.LocalDate.parse("2026-11-01"), java.time.LocalDate.parse("2026-11-02"), java.time.LocalDate.parse("2027-11-01"), null),
                        "预案.pdf", new java.io.ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).id());
            }
            var drill = jdbc.sql("select d.id from incidents_drill d join incidents_drill_unit u on u.drill_id = d.id where u.unit_org_id = :org "
                    + "and d.title = '矩阵测试演练'").param("org", unit1Org).query(Long.class).optional();
            if (drill.isEmpty()) {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "provider"));
                drill = java.util.Optional.of(drills.record(new cn.govcloud.guard.incidents.Incidents.NewDrill(java.time.LocalDate.parse("2026-11-20"),
                        "矩阵测试演练", true, false, false, false, List.of(unit1Org), "授权矩阵测试", "王云"), List.of(), "演练报告.pdf",
                        new java.io.ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).id());
            }
            String id = String.valueOf(incident.get());
            long report = jdbc.sql("select min(id) from incidents_report where incident_id = :id").param("id", incident.get()).query(Long.class).single();
            for (String pattern : List.of("/api/v1/incidents/{id}", "/api/v1/incidents/{id}/reports", "/api/v1/incidents/{id}/grade",
                    "/api/v1/incidents/{id}/resolution", "/api/v1/incidents/{id}/cooperation", "/incidents/{id}", "/incidents/{id}/reports",
                    "/incidents/{id}/grade", "/incidents/{id}/resolution", "/incidents/{id}/cooperation",
                    // issue 22 point 3: the 1-hour reports of an incident on a 关基 system
                    "/api/v1/incidents/{id}/cii-reports", "/incidents/{id}/cii-reports")) {
                unit1Owned.put(pattern, id);
            }
            for (String pattern : List.of("/api/v1/incidents/{id}/reports/{reportId}/pdf", "/api/v1/incidents/{id}/reports/{reportId}/acknowledgement",
                    "/incidents/{id}/reports/{reportId}/pdf", "/incidents/{id}/reports/{reportId}/acknowledgement")) {
                unit1Owned.put(pattern, id + "/" + report);
            }
            for (String pattern : List.of("/api/v1/drills/{id}", "/api/v1/drills/{id}/participation", "/api/v1/drills/{id}/report",
                    "/incidents/drills/{id}/participation", "/incidents/drills/{id}/report")) {
                unit1Owned.put(pattern, String.valueOf(drill.get()));
            }
            for (String pattern : List.of("/api/v1/emergency-plans/{id}/document", "/incidents/plans/{id}/document")) {
                unit1Owned.put(pattern, String.valueOf(plan.get()));
            }
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    @Autowired
    cn.govcloud.guard.hazards.internal.HazardService hazards;

    /**
     * A hazard the supervisor notified for a unit1 system, acknowledged and fed back with a document:
     * the hazard endpoints' unit1-owned record (the supervisor is its warning department).
     */
    private void hazardFixture(long unit1Org) {
        var existing = jdbc.sql("select id from hazards_hazard where org_id = :org and title = '矩阵测试隐患'").param("org", unit1Org)
                .query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            long system = jdbc.sql("select id from systems_system where org_id = :org and name = '矩阵测试系统'").param("org", unit1Org)
                    .query(Long.class).single();
            var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            try {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "supervisor"));
                id = hazards.raise(new cn.govcloud.guard.hazards.Hazards.NewHazard(system, "矩阵测试隐患", cn.govcloud.guard.hazards.Hazards.Severity.LOW,
                        null, null, "MANUAL", null)).id();
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
                hazards.acknowledgeHazard(id, "张安全", "已限制访问");
                hazards.submitFeedback(id, "已修复", null, java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))), "整改报告.pdf",
                        new java.io.ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
            }
        }
        long document = jdbc.sql("select d.document_id from hazards_feedback_document d join hazards_feedback f on f.id = d.feedback_id "
                + "where f.hazard_id = :id order by d.id").param("id", id).query(Long.class).list().get(0);
        for (String pattern : List.of("/api/v1/hazards/{id}", "/api/v1/hazards/{id}/acknowledge", "/api/v1/hazards/{id}/start",
                "/api/v1/hazards/{id}/feedback", "/api/v1/hazards/{id}/extension", "/api/v1/hazards/{id}/risk-acceptance",
                "/api/v1/hazards/{id}/close", "/api/v1/hazards/{id}/return", "/hazards/{id}", "/hazards/{id}/acknowledge", "/hazards/{id}/start",
                "/hazards/{id}/feedback", "/hazards/{id}/extension", "/hazards/{id}/risk-acceptance", "/hazards/{id}/close", "/hazards/{id}/return",
                "/api/v1/hazards/{id}/retests", "/hazards/{id}/retests", "/api/v1/hazards/{id}/notice-document", "/api/v1/hazards/{id}/backdating",
                "/hazards/{id}/notice-document", "/hazards/{id}/backdating")) {
            unit1Owned.put(pattern, String.valueOf(id));
        }
        for (String pattern : List.of("/api/v1/hazards/{id}/documents/{documentId}", "/hazards/{id}/documents/{documentId}")) {
            unit1Owned.put(pattern, id + "/" + document);
        }
    }

    @Autowired
    cn.govcloud.guard.hazards.intake.internal.IntakeService intake;

    /** A scan finding and an alert matched to unit1's matrix system (10.9.9.9): the intake endpoints' unit1-owned records. */
    private void intakeFixture() {
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "provider"));
        try {
            // re-importing updates the same finding (its identity is scanner + plugin + host + port), so this is idempotent
            intake.importScan("matrix.nessus", new java.io.ByteArrayInputStream("""
                    <NessusClientData_v2><Report name="matrix"><ReportHost name="10.9.9.9"><HostProperties/>
                    <ReportItem port="443" protocol="tcp" severity="3" pluginID="matrix-authorisation" pluginName="授权矩阵测试发现"/>
                    </ReportHost></Report></NessusClientData_v2>""".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (jdbc.sql("select count(*) from intake_alert where title = '授权矩阵测试告警'").query(Long.class).single() == 0) {
                intake.recordAlert(new cn.govcloud.guard.hazards.intake.Intake.NewAlert(null, "10.9.9.9", "授权矩阵测试告警", "HIGH", null, null));
            }
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
        }
        String finding = String.valueOf(jdbc.sql("select id from intake_finding where scanner = 'NESSUS' and plugin_id = 'matrix-authorisation' "
                + "and host = '10.9.9.9'").query(Long.class).single());
        String alert = String.valueOf(jdbc.sql("select min(id) from intake_alert where title = '授权矩阵测试告警'").query(Long.class).single());
        unit1Owned.put("/api/v1/findings/{id}", finding);
        unit1Owned.put("/intake/findings/{id}", finding);
        unit1Owned.put("/api/v1/alerts/{id}", alert);
        unit1Owned.put("/intake/alerts/{id}", alert);
    }

    @Autowired
    cn.govcloud.guard.data.internal.DataService data;

    /** A unit1 data set (重要数据) on the matrix system with its backup policy and a cross-border transfer (A7.1, A8.2, A8.3). */
    private void dataFixture(long unit1Org) {
        long system = jdbc.sql("select id from systems_system where org_id = :org and name = '矩阵测试系统'").param("org", unit1Org)
                .query(Long.class).single();
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        try {
            var dataset = jdbc.sql("select id from data_dataset where system_id = :s and name = '矩阵测试数据集'").param("s", system)
                    .query(Long.class).optional();
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
            if (dataset.isEmpty()) {
                dataset = java.util.Optional.of(data.catalog(new cn.govcloud.guard.data.DataSecurity.NewDataset(system, "矩阵测试数据集", "授权矩阵测试",
                        "教育", "1万条", "政务云 B 区", cn.govcloud.guard.data.DataSecurity.Grade.IMPORTANT,
                        cn.govcloud.guard.data.DataSecurity.HarmObject.SOCIAL_ORDER, cn.govcloud.guard.data.DataSecurity.HarmSeverity.SERIOUS, null,
                        List.of())));
            }
            long id = dataset.get();
            long policy = data.setPolicy(new cn.govcloud.guard.data.DataSecurity.NewPolicy(system, id, true, true, "呼和浩特灾备中心", 24, 90, 4, 24));
            var transfer = jdbc.sql("select id from data_transfer where dataset_id = :d").param("d", id).query(Long.class).list();
            long transferId = transfer.isEmpty() ? data.registerTransfer(new cn.govcloud.guard.data.DataSecurity.NewTransfer(id, "矩阵测试接收方", "新加坡",
                    "授权矩阵测试", cn.govcloud.guard.data.DataSecurity.LegalBasis.SECURITY_ASSESSMENT,
                    cn.govcloud.guard.data.DataSecurity.TransferStatus.FILED, null)) : transfer.get(0);
            for (String pattern : List.of("/api/v1/data/datasets/{id}", "/data/datasets/{id}", "/data/datasets/{id}/edit",
                    "/data/datasets/{id}/backup-policy")) {
                unit1Owned.put(pattern, String.valueOf(id));
            }
            for (String pattern : List.of("/api/v1/data/backup-policies/{id}", "/api/v1/data/backup-policies/{id}/backups",
                    "/api/v1/data/backup-policies/{id}/restore-tests", "/data/backup-policies/{id}", "/data/backup-policies/{id}/backups",
                    "/data/backup-policies/{id}/restore-tests")) {
                unit1Owned.put(pattern, String.valueOf(policy));
            }
            for (String pattern : List.of("/api/v1/data/transfers/{id}", "/data/transfers/{id}")) {
                unit1Owned.put(pattern, String.valueOf(transferId));
            }
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    @Autowired
    cn.govcloud.guard.access.internal.RemoteChannels remoteChannels;
    @Autowired
    cn.govcloud.guard.access.internal.DataAccessGrants dataAccessGrants;
    @Autowired
    cn.govcloud.guard.access.internal.Visits visits;
    @Autowired
    cn.govcloud.guard.access.internal.AccessAccounts accessAccounts;

    /** unit1's remote channel (approved, not opened), a data-access request on its system, a visit letter and an account (A7.3–A9.3). */
    private void accessFixture(long unit1Org) {
        long system = jdbc.sql("select id from systems_system where org_id = :org and name = '矩阵测试系统'").param("org", unit1Org)
                .query(Long.class).single();
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
        try {
            var channel = jdbc.sql("select id from access_channel where org_id = :org and purpose = '矩阵测试通道'").param("org", unit1Org)
                    .query(Long.class).optional();
            if (channel.isEmpty()) {
                java.time.Instant now = clock.instant();
                context.setAuthentication(DemoActors.authentication(jdbc, "unit1staff"));
                long id = remoteChannels.request(new cn.govcloud.guard.access.Channels.NewChannel(system, "矩阵测试通道", "授权矩阵测试", "matrix",
                        "VPN", "杨洋", now, now.plus(java.time.Duration.ofHours(8)), false));
                context.setAuthentication(DemoActors.authentication(jdbc, "unit1"));
                remoteChannels.approve(id, "矩阵测试");
                channel = java.util.Optional.of(id);
            }
            var grant = jdbc.sql("select id from access_grant where org_id = :org and purpose = '矩阵测试授权'").param("org", unit1Org)
                    .query(Long.class).optional();
            if (grant.isEmpty()) {
                java.time.Instant now = clock.instant();
                context.setAuthentication(DemoActors.authentication(jdbc, "provider"));
                grant = java.util.Optional.of(dataAccessGrants.request(system, "矩阵测试授权", java.util.Set.of(cn.govcloud.guard.access.Grants.Purpose.VIEW),
                        now, now.plus(java.time.Duration.ofDays(1))));
            }
            var visit = jdbc.sql("select id from access_visit where org_id = :org and purpose = '矩阵测试实地操作'").param("org", unit1Org)
                    .query(Long.class).optional();
            if (visit.isEmpty()) {
                context.setAuthentication(DemoActors.authentication(jdbc, "unit1"));
                java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
                visit = java.util.Optional.of(visits.authorise(system, "矩阵测试实地操作", "矩阵函1号", today, today.plusYears(1),
                        List.of(new cn.govcloud.guard.access.internal.Visits.NewVisitor("王工", "150102199001011234", "13900001111"))));
            }
            var account = jdbc.sql("select id from access_account where org_id = :org and account_name = 'matrix-account'").param("org", unit1Org)
                    .query(Long.class).optional();
            if (account.isEmpty()) {
                context.setAuthentication(DemoActors.authentication(jdbc, "unit1"));
                account = java.util.Optional.of(accessAccounts.register(new cn.govcloud.guard.access.internal.AccessAccounts.NewAccount(system, "ADMIN",
                        "matrix-account", "刘芳", "全部", "矩阵测试", java.time.LocalDate.parse("2026-01-01"), null)));
            }
            context.setAuthentication(DemoActors.authentication(jdbc, "unit1"));
            accessAccounts.setResponsible(system, "刘芳", "矩阵测试口令策略");
            for (String pattern : List.of("/api/v1/channels/{id}", "/api/v1/channels/{id}/approval", "/api/v1/channels/{id}/credential",
                    "/api/v1/channels/{id}/closure", "/access/channels/{id}", "/access/channels/{id}/approval", "/access/channels/{id}/credential",
                    "/access/channels/{id}/closure", "/api/v1/channels/{id}/opening", "/api/v1/channels/{id}/regulator-decision",
                    "/access/channels/{id}/opening", "/access/channels/{id}/regulator-decision")) {
                unit1Owned.put(pattern, String.valueOf(channel.get()));
            }
            for (String pattern : List.of("/api/v1/data-access/grants/{id}", "/api/v1/data-access/grants/{id}/decision",
                    "/api/v1/data-access/grants/{id}/revocation", "/access/grants/{id}/decision", "/access/grants/{id}/revocation")) {
                unit1Owned.put(pattern, String.valueOf(grant.get()));
            }
            for (String pattern : List.of("/api/v1/visits/{id}", "/api/v1/visits/{id}/escort", "/api/v1/visits/{id}/sign-in",
                    "/api/v1/visits/{id}/sign-out", "/access/visits/{id}", "/access/visits/{id}/escort", "/access/visits/{id}/sign-in",
                    "/access/visits/{id}/sign-out")) {
                unit1Owned.put(pattern, String.valueOf(visit.get()));
            }
            for (String pattern : List.of("/api/v1/access/accounts/{id}", "/api/v1/access/accounts/{id}/review", "/access/accounts/{id}/review")) {
                unit1Owned.put(pattern, String.valueOf(account.get()));
            }
            for (String pattern : List.of("/api/v1/access/systems/{systemId}/responsible", "/access/systems/{systemId}/responsible")) {
                unit1Owned.put(pattern, String.valueOf(system));
            }
        } finally {
            context.setAuthentication(previous);
        }
    }

    /**
     * A closed provider exit (A5.6) with a migration task for unit1's matrix system: the exit pages' unit1-owned record.
     * Closed, so it never blocks the exit tests' own application (one open exit per provider).
     */
    private void providerExitFixture(long unit1Org) {
        long system = jdbc.sql("select id from systems_system where org_id = :org and name = '矩阵测试系统'").param("org", unit1Org)
                .query(Long.class).single();
        long provider = jdbc.sql("select org_id from identity_user where username = 'provider'").query(Long.class).single();
        var exit = jdbc.sql("select id from platform_exit where reason = '矩阵测试退出'").query(Long.class).optional();
        if (exit.isEmpty()) {
            var now = java.time.OffsetDateTime.parse("2026-01-05T02:00:00Z");
            jdbc.sql("insert into platform_exit (provider_org_id, filed_at, filed_by, end_date, reason, contact, state, cleared_on, clearance_scope, "
                    + "clearance_method, verified_by, clearance_filed_at, clearance_filed_by) values (:p, :at, 'provider', '2026-04-30', '矩阵测试退出', "
                    + "'王云', 'CLEARED', '2026-05-06', '全部数据', '覆写', '李核验', :at, 'provider')").param("p", provider).param("at", now).update();
            exit = jdbc.sql("select id from platform_exit where reason = '矩阵测试退出'").query(Long.class).optional();
            jdbc.sql("insert into platform_exit_migration (exit_id, system_id, org_id, system_name, state, updated_at, updated_by) "
                    + "values (:e, :s, :o, '矩阵测试系统', 'PLANNED', :at, 'provider')").param("e", exit.get()).param("s", system)
                    .param("o", unit1Org).param("at", now).update();
        }
        long task = jdbc.sql("select id from platform_exit_migration where exit_id = :e").param("e", exit.get()).query(Long.class).single();
        for (String pattern : List.of("/api/v1/platform/exits/{id}", "/platform/exits/{id}")) {
            unit1Owned.put(pattern, String.valueOf(exit.get()));
        }
        for (String pattern : List.of("/api/v1/platform/exits/tasks/{taskId}", "/platform/exits/tasks/{taskId}")) {
            unit1Owned.put(pattern, String.valueOf(task));
        }
    }

    /**
     * The annual assessment (A12): unit1's own explanation this year. The ranking by year names no
     * unit in its path and shows each caller only what it may see, so it is not a unit-owned record.
     */
    private void assessmentFixture(long unit1Org) {
        String year = String.valueOf(java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).getYear());
        unit1Owned.put("/supervision/assessment/{orgId}", String.valueOf(unit1Org));
        unit1Owned.put("/api/v1/assessments/{year}/units/{orgId}", year + "/" + unit1Org);
        unit1Owned.put("/api/v1/assessments/{year}", year);
        everyonesData.add("/api/v1/assessments/{year}");
    }

    List<Endpoint> endpoints() {
        List<Endpoint> result = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getName().startsWith("cn.govcloud.guard.")) {
                continue;
            }
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    result.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern, e.getValue()));
                }
            }
        }
        return result;
    }

    @Test
    void everyHandlerDeclaresWhoMayCallIt() {
        List<String> undeclared = endpoints().stream().filter(e -> allow(e) == null && !isPublic(e))
                .map(e -> e.method() + " " + e.pattern() + " → " + e.handler()).toList();
        assertThat(undeclared).as("handlers without @Allow or @PublicEndpoint").isEmpty();
        assertThat(endpoints()).hasSizeGreaterThan(10);
    }

    @Test
    void anonymousIsRefusedEverywhereButPublicEndpoints() throws Exception {
        for (Endpoint e : endpoints()) {
            if (isPublic(e)) {
                continue;
            }
            int status = call(e, null, fill(e.pattern(), "999999"));
            if (e.api()) {
                assertThat(status).as("anonymous " + e.method() + " " + e.pattern()).isEqualTo(401);
            } else {
                assertThat(status).as("anonymous " + e.method() + " " + e.pattern()).isIn(302, 401, 403);
            }
        }
    }

    @Test
    void eachRoleGetsInExactlyWhereAllowSaysSo() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            Allow allow = allow(e);
            if (allow == null) {
                continue;
            }
            for (Map.Entry<Role, String> account : ACCOUNT.entrySet()) {
                boolean allowed = allow.anyUser() || Set.of(allow.value()).contains(account.getKey());
                String path = fill(e.pattern(), unit1Owned.getOrDefault(e.pattern(), "999999"));
                int status = call(e, account.getValue(), path);
                boolean refused = status == 401 || status == 403;
                if (allowed == refused) {
                    wrong.add(account.getKey() + " " + e.method() + " " + path + " → " + status + (allowed ? " (should be let in)" : " (should be 403)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aUserOfAnotherUnitCannotReachUnit1sRecords_A4() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            Allow allow = allow(e);
            boolean unitRolesAllowed = allow != null && (allow.anyUser() || Set.of(allow.value()).contains(Role.UNIT_SECURITY_OFFICER));
            if (!unitRolesAllowed || !PATH_VARIABLE.matcher(e.pattern()).find() || everyonesData.contains(e.pattern())) {
                continue;
            }
            String id = unit1Owned.get(e.pattern());
            assertThat(id).as("add a unit1-owned fixture for " + e.pattern() + " so the other-unit check covers it").isNotNull();
            int status = call(e, "unit2", fill(e.pattern(), id));
            if (status != 403 && status != 404) {
                leaks.add(e.method() + " " + e.pattern() + " → " + status);
            }
            // reaching it means not refused and not hidden; a POST with an empty body may still be invalid (400) or refused by a rule (409)
            assertThat(call(e, "unit1", fill(e.pattern(), id))).as("unit1 reaches its own " + e.pattern()).isNotIn(401, 403, 404, 500);
        }
        assertThat(leaks).as("another unit's user reached unit1's record").isEmpty();
    }

    private int call(Endpoint e, String username, String path) throws Exception {
        MockHttpServletRequestBuilder req = request(e.method(), path);
        if (e.method() != HttpMethod.GET && e.method() != HttpMethod.HEAD) {
            req.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (username != null) {
            if (e.api()) {
                req.header("Authorization", api.tokenOf(username));
            } else {
                req.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .authentication(DemoActors.authentication(jdbc, username)));
            }
        }
        if (!e.api()) {
            req.with(csrf());
        }
        int status = mvc.perform(req).andReturn().getResponse().getStatus();
        if (e.pattern().equals("/api/v1/auth/logout") && username != null) {
            api.forgetTokens(); // that call revoked the token
        }
        return status;
    }

    /** Fills the path variables in order; a fixture "7/12" gives 7 to the first and 12 to the second. */
    static String fill(String pattern, String ids) {
        String[] values = ids.split("/");
        Matcher m = PATH_VARIABLE.matcher(pattern);
        StringBuilder filled = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(filled, values[Math.min(i++, values.length - 1)]);
        }
        m.appendTail(filled);
        return filled.toString();
    }

    static Allow allow(Endpoint e) {
        Allow a = AnnotatedElementUtils.findMergedAnnotation(e.handler().getMethod(), Allow.class);
        return a != null ? a : AnnotatedElementUtils.findMergedAnnotation(e.handler().getBeanType(), Allow.class);
    }

    static boolean isPublic(Endpoint e) {
        return AnnotatedElementUtils.hasAnnotation(e.handler().getMethod(), PublicEndpoint.class)
                || AnnotatedElementUtils.hasAnnotation(e.handler().getBeanType(), PublicEndpoint.class);
    }
}
