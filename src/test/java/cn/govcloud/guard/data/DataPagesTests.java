package cn.govcloud.guard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.Part;
import cn.govcloud.guard.data.DataSecurity.PartKind;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The data pages: a unit sees only its own catalog (A4, A8.2); the supervisor's views list every unit's important data and findings. */
@AppTest
class DataPagesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSecurity data;

    String page(String user, String path) throws Exception {
        MvcResult r = mvc.perform(get(path).with(authentication(DemoActors.authentication(jdbc, user)))).andReturn();
        assertThat(r.getResponse().getStatus()).as(user + " " + path).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long unit1Important(String name) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
        try {
            long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
            long system = jdbc.sql("select min(id) from systems_system where org_id = :o and state <> 'EXITED'").param("o", org).query(Long.class).single();
            return data.catalog(new NewDataset(system, name, "页面测试", "教育", "1万条", "B区", null, HarmObject.SOCIAL_ORDER, HarmSeverity.GENERAL, null,
                    List.of(new Part("身份证号", PartKind.SENSITIVE_PERSONAL, Grade.IMPORTANT))));
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    @Test
    void a8_2_a4_unitPagesShowOnlyTheOwnUnit_supervisorSeesImportantDataAndFindingsOfAll() throws Exception {
        String name = "页面测试数据集-" + UUID.randomUUID().toString().substring(0, 8);
        long id = unit1Important(name);
        assertThat(page("unit1", "/data")).contains(name);
        assertThat(page("unit1", "/data/datasets/" + id)).contains(name).contains("重要数据").contains("尚未制定备份策略");
        assertThat(page("unit2", "/data")).doesNotContain(name);
        assertThat(page("unit2", "/data/important")).doesNotContain(name);
        assertThat(page("unit2", "/data/findings")).doesNotContain(name);
        assertThat(mvc.perform(get("/data/datasets/" + id).with(authentication(DemoActors.authentication(jdbc, "unit2")))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        String important = page("supervisor", "/data/important");
        assertThat(important).contains(name).contains("包头市教育局");
        String findings = page("regulator", "/data/findings");
        assertThat(findings).contains(name).contains("A8.2-backup-policy-check").contains("包头市教育局");
        assertThat(page("supervisor", "/data")).doesNotContain("data-new");
        assertThat(mvc.perform(get("/data").with(authentication(DemoActors.authentication(jdbc, "provider")))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void a8_2_theFormRefusesALowerGradeThanAPartsWithTheReasonAndKeepsWhatWasTyped() throws Exception {
        long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        long system = jdbc.sql("select min(id) from systems_system where org_id = :o and state <> 'EXITED'").param("o", org).query(Long.class).single();
        String name = "表单测试-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult r = mvc.perform(post("/data/datasets").with(csrf()).with(authentication(DemoActors.authentication(jdbc, "unit1")))
                .param("systemId", String.valueOf(system)).param("name", name).param("description", "d").param("businessArea", "教育")
                .param("volume", "1").param("storageLocation", "B区").param("harmObject", "SOCIAL_ORDER").param("harmSeverity", "GENERAL")
                .param("grade", "GENERAL_2").param("partName0", "监护人手机号").param("partKind0", "SENSITIVE_PERSONAL").param("partGrade0", "GENERAL_4"))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("A8.2").contains("就高从严").contains("监护人手机号").contains(name);
        assertThat(jdbc.sql("select count(*) from data_dataset where name = :n").param("n", name).query(Long.class).single()).isZero();
    }
}
