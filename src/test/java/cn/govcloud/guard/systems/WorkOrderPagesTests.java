package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.systems.internal.SystemRegistration;
import cn.govcloud.guard.systems.internal.WorkOrders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 17 point 6 in the UI (A11.2, A11.4, A8.1): the provider's work-order list and confirmation form (each error beside its
 * field, nothing saved), the unit's system page showing the switch as ordered and awaiting execution, the provider's register.
 */
@AppTest
class WorkOrderPagesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SystemRegistration registration;
    @Autowired
    WorkOrders workOrders;

    @BeforeEach
    void pinClock() {
        clock.set(MutableClock.DEFAULT_START);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private String html(String user, String path) throws Exception {
        MvcResult r = mvc.perform(get(path).with(as(user))).andReturn();
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void A11_4_theDemoSuspensionAwaitsTheProvider_theUnitSeesItsSwitchesOrderedAwaitingExecution() throws Exception {
        long system = jdbc.sql("select id from systems_system where name = '卫健委预约挂号服务系统'").query(Long.class).single();
        long order = jdbc.sql("select id from systems_work_order where system_id = :s and kind = 'SUSPENSION'").param("s", system)
                .query(Long.class).single();
        assertThat(html("provider", "/work-orders")).contains("云服务商执行工单", "卫健委预约挂号服务系统", "暂停服务", "GD-" + order);
        assertThat(html("unit2", "/systems/" + system)).contains("已下令，待云服务商执行", "GD-" + order, "暂停服务");
        assertThat(html("supervisor", "/systems/" + system)).contains("system-work-orders", "GD-" + order);
        // another unit's order is hidden (A4)
        assertThat(mvc.perform(get("/work-orders/" + order).with(as("unit1"))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(html("unit1", "/work-orders")).doesNotContain("卫健委预约挂号服务系统");
        // the admission and switch orders of the demo city were executed
        assertThat(html("unit2", "/work-orders?state=CONFIRMED")).contains("准入开通", "已执行");
    }

    @Test
    void A11_2_theConfirmationFormShowsEachErrorBesideItsField_andAValidOneConfirms() throws Exception {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        long order;
        try {
            SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
            var s = registration.register(new SystemRegistration.Registration("工单页面测试系统", "工单页面测试", 2, null, null, null, List.of("INTERNET"),
                    List.of("10.77.1.1")));
            order = workOrders.issue(new Subject(SubjectKind.SYSTEM, s.id(), s.name(), s.orgId(), Map.of("mlpsLevel", 2)),
                    WorkOrders.Kind.INTERNET_ACCESS_ON, "在互联网边界防火墙为「工单页面测试系统」开通互联网访问", true, null, null,
                    DemoActors.actor(jdbc, "supervisor"), clock.instant()).id();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
        assertThat(html("provider", "/work-orders/" + order)).contains("confirm-form", "执行人", "实际变更内容");
        assertThat(html("unit1", "/work-orders/" + order)).doesNotContain("confirm-form");

        MvcResult bad = mvc.perform(multipart("/work-orders/" + order + "/confirmation").with(as("provider")).with(csrf())
                .param("executedBy", "").param("executedAt", "2026-11-30T10:00").param("changes", "")).andReturn();
        String page = bad.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"executedBy-error\"", "请填写执行人", "id=\"executedAt-error\"", "不得晚于现在",
                "id=\"changes-error\"", "请填写实际变更内容", "value=\"2026-11-30T10:00\"");
        assertThat(jdbc.sql("select state from systems_work_order where id = :id").param("id", order).query(String.class).single()).isEqualTo("OPEN");

        clock.advance(Duration.ofHours(1));
        MvcResult ok = mvc.perform(multipart("/work-orders/" + order + "/confirmation").with(as("provider")).with(csrf())
                .param("executedBy", "王运维").param("executedAt", "2026-11-26T10:30").param("changes", "新增放通策略 10.77.1.1:443")).andReturn();
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/work-orders/" + order);
        assertThat(html("unit1", "/work-orders/" + order)).contains("已执行", "王运维", "新增放通策略 10.77.1.1:443", "2026-11-26 10:30");
    }

    @Test
    void A8_1_theProvidersRegisterShowsMetadataOnly() throws Exception {
        String page = html("provider", "/system-register");
        assertThat(page).contains("系统台账（元数据）", "教育局招生考试系统", "10.31.1.10", "卫健委预约挂号服务系统", "已下令，待云服务商执行");
        // no responsible persons, no purposes (the unit's own business, A8.1)
        assertThat(page).doesNotContain("刘芳", "中考、高考报名与成绩查询");
        assertThat(html("provider", "/system-register?state=SUSPENDED")).contains("卫健委预约挂号服务系统").doesNotContain("教育局招生考试系统");
        assertThat(mvc.perform(get("/system-register").with(as("unit1"))).andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
