package cn.govcloud.guard.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.duties.internal.DutyReads;
import cn.govcloud.guard.duties.internal.DutyFilter;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.internal.HazardService;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import java.time.LocalDate;
import java.time.ZoneId;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 22 point 5: Excel out of every register and list. Each export is opened with POI: Chinese headers, the rows the
 * page's filters select (and for a unit only its own), personal numbers masked unless the reader may see them, and an
 * audit record naming the list, the filters and the row count.
 */
@AppTest
public class ExcelExportsTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DutyReads duties;
    @Autowired
    HazardQueries hazards;
    @Autowired
    java.time.Clock clock;

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    /** The workbook's title row, header row and data rows (the last row, the total, left off). */
    public record Sheet2(String title, List<String> headers, List<List<String>> rows) {
        public List<String> column(String header) {
            int c = headers.indexOf(header);
            assertThat(c).as("column " + header + " in " + headers).isNotNegative();
            return rows.stream().map(r -> r.size() > c ? r.get(c) : "").toList();
        }
    }

    Sheet2 export(String path, String user) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).with(as(user))).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).isEqualTo(SheetExport.MEDIA_TYPE);
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment;");
        return read(response.getContentAsByteArray());
    }

    public static Sheet2 read(byte[] xlsx) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            String title = sheet.getRow(0).getCell(0).getStringCellValue();
            List<String> headers = cells(sheet.getRow(1));
            List<List<String>> rows = new ArrayList<>();
            for (int r = 2; r < sheet.getLastRowNum(); r++) {
                rows.add(cells(sheet.getRow(r)));
            }
            assertThat(cells(sheet.getRow(sheet.getLastRowNum())).get(0)).isEqualTo("共 " + String.format("%,d", rows.size()) + " 行");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            return new Sheet2(title, headers, rows);
        }
    }

    private static List<String> cells(Row row) {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            var cell = row.getCell(c);
            values.add(cell == null ? "" : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                    ? String.valueOf((long) cell.getNumericCellValue()) : cell.getStringCellValue());
        }
        return values;
    }

    private long orgId(String name) {
        return jdbc.sql("select id from identity_organisation where name = :n").param("n", name).query(Long.class).single();
    }

    private String lastAudit(String action, String actor) {
        return jdbc.sql("select details from audit_record where action = :a and actor = :u order by id desc limit 1").param("a", action)
                .param("u", actor).query(String.class).single();
    }

    private static boolean chinese(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    @Test
    void A7_systemsRegister_filtersOfThePage_unitOnlyItsOwn_audited() throws Exception {
        Sheet2 all = export("/systems/export.xlsx", "supervisor");
        assertThat(all.headers()).contains("系统名称", "所属单位", "等级保护级别", "责任人手机").allMatch(ExcelExportsTests::chinese);
        assertThat(all.title()).contains("信息系统台账", "导出人", "筛选条件：无");
        assertThat(all.rows()).hasSize(jdbc.sql("select count(*) from systems_system").query(Integer.class).single());
        assertThat(lastAudit("systems.export", "supervisor")).contains("rows=" + all.rows().size(), "masked");

        Sheet2 admitted = export("/systems/export.xlsx?state=ADMITTED&level=", "supervisor");
        assertThat(admitted.rows()).hasSize(jdbc.sql("select count(*) from systems_system where state = 'ADMITTED'").query(Integer.class).single());
        assertThat(admitted.column("状态")).allMatch(s -> s.startsWith("已准入"));
        assertThat(admitted.title()).contains("状态=已准入");

        Sheet2 unit = export("/systems/export.xlsx", "unit1");
        long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        assertThat(unit.rows()).hasSize(jdbc.sql("select count(*) from systems_system where org_id = :o").param("o", org).query(Integer.class).single());
        assertThat(unit.column("所属单位")).isNotEmpty().allMatch("包头市教育局"::equals);
        assertThat(unit.column("责任人手机")).allMatch(m -> m.isEmpty() || m.contains("****"));

        // the same over the API with a token
        byte[] api = new ApiClient(mvc).call("supervisor", get("/api/v1/systems/export.xlsx?state=ADMITTED")).getResponse().getContentAsByteArray();
        assertThat(read(api).rows()).hasSize(admitted.rows().size());
    }

    @Test
    void A10_2_hazards_theFiltersOfThePage_andAUnitOnlyItsOwn() throws Exception {
        Sheet2 high = export("/hazards/export.xlsx?severity=HIGH&state=&orgId=", "supervisor");
        assertThat(high.headers()).contains("编号", "所属单位", "隐患名称", "级别", "整改期限").allMatch(ExcelExportsTests::chinese);
        HazardService.Filter f = new HazardService.Filter(null, cn.govcloud.guard.hazards.Hazards.Severity.HIGH, null, null);
        assertThat((long) high.rows().size()).isEqualTo(hazards.page(DemoActors.actor(jdbc, "supervisor"), f, 0, 1).total());
        assertThat(high.column("级别")).allMatch("高危"::equals);
        assertThat(high.title()).contains("级别=高危");
        Sheet2 unit = export("/hazards/export.xlsx", "unit2");
        assertThat((long) unit.rows().size()).isEqualTo(hazards.page(DemoActors.actor(jdbc, "unit2"), HazardService.Filter.none(), 0, 1).total());
        assertThat(unit.column("所属单位")).isNotEmpty().allMatch("包头市卫生健康委员会"::equals);
        assertThat(lastAudit("hazards.export", "unit2")).contains("rows=" + unit.rows().size());
    }

    @Test
    void A5_duties_theFiltersOfThePage_andAUnitOnlyItsOwn() throws Exception {
        Actor unit1 = DemoActors.actor(jdbc, "unit1");
        Sheet2 open = export("/duties/export.xlsx?state=OPEN&rule=", "unit1");
        assertThat(open.headers()).contains("截止时间", "状态", "条款", "事项", "责任单位");
        assertThat((long) open.rows().size()).isEqualTo(duties.count(unit1, new DutyFilter(cn.govcloud.guard.duties.DutyState.OPEN, null,
                null, null, null, null, null)));
        assertThat(open.column("状态")).allMatch("待办"::equals);
        assertThat(open.column("责任单位")).isNotEmpty().allMatch("包头市教育局"::equals);
        Sheet2 all = export("/duties/export.xlsx", "supervisor");
        assertThat((long) all.rows().size()).isEqualTo(duties.count(DemoActors.actor(jdbc, "supervisor"), new DutyFilter(null, null, null,
                null, null, null, null)));
        assertThat(lastAudit("duties.export", "supervisor")).contains("rows=" + all.rows().size());
    }

    @Test
    void A10_4_incidents_withTheirUnit() throws Exception {
        Sheet2 all = export("/incidents/export.xlsx", "supervisor");
        assertThat(all.headers()).contains("事件名称", "所属单位", "事件级别", "确认时间");
        assertThat(all.rows()).hasSize(jdbc.sql("select count(*) from incidents_incident").query(Integer.class).single());
        Sheet2 unit = export("/incidents/export.xlsx?grade=&month=", "unit2");
        assertThat(unit.rows()).hasSize(jdbc.sql("select count(*) from incidents_incident i join identity_user u on u.org_id = i.org_id "
                + "where u.username = 'unit2'").query(Integer.class).single());
        assertThat(unit.column("所属单位")).allMatch("包头市卫生健康委员会"::equals);
        assertThat(all.column("确认时间")).allMatch(t -> t.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"));
    }

    @Test
    void A9_1_visits_numbersInFullOnlyForTheUnitOfficerAndTheProvider_auditedAsSuch() throws Exception {
        long system = jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "order by s.id limit 1").query(Long.class).single();
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        mvc.perform(post("/access/visits").with(as("unit1")).with(csrf()).param("systemId", String.valueOf(system))
                .param("purpose", "更换故障硬盘").param("letterNumber", "教函〔2026〕88号").param("validFrom", today.toString())
                .param("validUntil", today.plusDays(2).toString()).param("realName0", "王五").param("idNumber0", "150102199001011234")
                .param("mobile0", "13812345678"));
        Sheet2 officer = export("/access/visits/export.xlsx", "unit1");
        assertThat(officer.headers()).contains("真实姓名", "身份证号码", "手机号码", "授权函编号");
        assertThat(officer.column("身份证号码")).contains("150102199001011234");
        assertThat(officer.column("手机号码")).contains("13812345678");
        assertThat(officer.title()).contains("含完整个人号码");
        assertThat(lastAudit("access.visits.export", "unit1")).contains("unmasked");

        Sheet2 supervisor = export("/access/visits/export.xlsx", "supervisor");
        assertThat(supervisor.column("身份证号码")).contains("1501**********1234").doesNotContain("150102199001011234");
        assertThat(supervisor.column("手机号码")).contains("138****5678");
        assertThat(lastAudit("access.visits.export", "supervisor")).contains("; masked");
        assertThat(export("/access/visits/export.xlsx", "provider").column("手机号码")).contains("13812345678");
        assertThat(export("/access/visits/export.xlsx", "unit2").column("真实姓名")).doesNotContain("王五");
        assertThat(supervisor.rows()).hasSize(jdbc.sql("select count(*) from access_visitor").query(Integer.class).single());
    }

    @Test
    void A9_2_A8_1_channels_grants_accounts_findings_alerts() throws Exception {
        Sheet2 channels = export("/access/channels/export.xlsx", "unit1");
        assertThat(channels.headers()).contains("信息系统", "运维目的", "状态");
        assertThat(channels.column("所属单位")).isNotEmpty().allMatch("包头市教育局"::equals);
        assertThat(export("/access/channels/export.xlsx", "supervisor").rows())
                .hasSize(jdbc.sql("select count(*) from access_channel").query(Integer.class).single());
        assertThat(export("/access/grants/export.xlsx", "supervisor").headers()).contains("信息系统", "访问方式", "状态");
        Sheet2 accounts = export("/access/accounts/export.xlsx", "unit1");
        assertThat(accounts.headers()).contains("信息系统", "账号名称", "使用人（实名）");
        assertThat(accounts.column("所属单位")).allMatch("包头市教育局"::equals);

        Sheet2 users = export("/admin/users/export.xlsx", "sysadmin");
        assertThat(users.headers()).contains("用户名", "姓名", "手机号", "角色");
        assertThat(users.rows()).hasSize(jdbc.sql("select count(*) from identity_user").query(Integer.class).single());
        assertThat(users.column("手机号")).allMatch(m -> m.isEmpty() || m.contains("****"));
        mvc.perform(get("/admin/users/export.xlsx").with(as("supervisor"))).andExpect(status().isForbidden());

        Sheet2 findings = export("/intake/findings/export.xlsx", "supervisor");
        assertThat(findings.headers()).contains("严重程度", "名称", "主机", "端口");
        assertThat(findings.rows()).hasSize(jdbc.sql("select count(*) from intake_finding").query(Integer.class).single());
        Sheet2 alerts = export("/intake/alerts/export.xlsx?severity=HIGH&systemId=&state=", "supervisor");
        assertThat(alerts.rows()).hasSize(jdbc.sql("select count(*) from intake_alert where severity = 'HIGH'").query(Integer.class).single());
    }

    /** Streams: 20,000 alerts seeded with one insert come out as 20,000 rows (SXSSF keeps a window in memory, the SQL reads pages). */
    @Test
    void A10_1_aLargeListStreams() throws Exception {
        StringBuilder sql = new StringBuilder("insert into intake_alert (source, title, severity, first_at, last_at, state, received_at, received_by) values ");
        for (int i = 0; i < 20_000; i++) {
            sql.append(i == 0 ? "" : ",").append("('GENERIC','批量告警").append(i).append("','LOW',TIMESTAMP WITH TIME ZONE '2026-12-01 08:00:00+08',"
                    + "TIMESTAMP WITH TIME ZONE '2026-12-01 08:00:00+08','DISMISSED',TIMESTAMP WITH TIME ZONE '2026-12-01 08:00:00+08','excel-test')");
        }
        jdbc.sql(sql.toString()).update();
        try {
            Sheet2 big = export("/intake/alerts/export.xlsx?severity=LOW&state=DISMISSED", "supervisor");
            assertThat(big.rows()).hasSize(jdbc.sql("select count(*) from intake_alert where severity = 'LOW' and state = 'DISMISSED'")
                    .query(Integer.class).single()).hasSizeGreaterThanOrEqualTo(20_000);
            assertThat(lastAudit("intake.alerts.export", "supervisor")).contains("rows=" + big.rows().size());
        } finally {
            jdbc.sql("delete from intake_alert where received_by = 'excel-test'").update();
        }
    }
}
