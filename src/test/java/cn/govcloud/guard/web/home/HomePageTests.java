package cn.govcloud.guard.web.home;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.identity.IdentityStatistics;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The home page shows the real figures of the identity and audit modules, counting "today" in Asia/Shanghai. */
@WebMvcTest(HomeController.class)
@Import({HomePageTests.FixedClock.class, cn.govcloud.guard.calendar.TimeRemaining.class, cn.govcloud.guard.web.Navigation.class})
class HomePageTests {

    /** 01:30 on 3 March in Shanghai, still 2 March in UTC. */
    static final Instant NOW = Instant.parse("2026-03-02T17:30:00Z");

    /** The clock, and the demo setting the layout reads (no configuration classes in a web slice). */
    @TestConfiguration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(cn.govcloud.guard.shared.DemoSettings.class)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    IdentityStatistics identity;

    @MockitoBean
    AuditLog audit;

    @MockitoBean
    cn.govcloud.guard.duties.Duties duties;

    @MockitoBean
    cn.govcloud.guard.rules.RuleCatalog catalog;

    @MockitoBean
    cn.govcloud.guard.hazards.Hazards hazards;

    @MockitoBean
    cn.govcloud.guard.incidents.Incidents incidents;

    @MockitoBean
    cn.govcloud.guard.calendar.CalendarStatus calendarStatus;

    @MockitoBean
    cn.govcloud.guard.systems.Systems systems;

    @MockitoBean
    cn.govcloud.guard.calendar.WorkingCalendar calendar;

    @BeforeEach
    void figures() {
        given(identity.organisations()).willReturn(17L);
        given(identity.users()).willReturn(423L);
        given(audit.countSince(any())).willReturn(9L);
    }

    @Test
    void supervisorSeesAllThreeFiguresWithAuditCountedFromMidnightInShanghai() throws Exception {
        mvc.perform(get("/").with(authentication(TestActors.as(
                        TestActors.actor("supervisor", OrgKind.SUPERVISOR, 1, Role.SUPERVISOR)))).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(">17<"), containsString(">423<"), containsString(">9<"),
                        containsString("data-chart=\"bar\""), containsString("2026年3月3日"))));
        verify(audit).countSince(Instant.parse("2026-03-02T16:00:00Z"));
    }

    @Test
    void unitOfficerSeesTheUnitsOwnSystemsNotACountOfUsersAndNoChart() throws Exception {
        // issue 23 point 7: a unit's home shows its own systems' state, not "用户 423"
        given(systems.ofOrganisation(7)).willReturn(java.util.List.of(
                new cn.govcloud.guard.systems.Systems.SystemRef(31, 7, "社保查询系统", 3, "ADMITTED")));
        mvc.perform(get("/").with(authentication(TestActors.unitOfficer(7))).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString(">423<")), not(containsString(">17<")),
                        containsString("本单位云上系统"), containsString("社保查询系统"), containsString("已准入"),
                        not(containsString("data-chart")), containsString("云使用单位安全负责人"))));
        verify(audit, never()).countSince(any());
    }

    @Test
    void everyRoleHasItsOneLineDutyInEnglishToo() throws Exception {
        for (Role role : Role.values()) {
            OrgKind kind = role.allowedFor(OrgKind.SUPERVISOR) ? OrgKind.SUPERVISOR
                    : role.allowedFor(OrgKind.REGULATOR) ? OrgKind.REGULATOR
                    : role.allowedFor(OrgKind.PROVIDER) ? OrgKind.PROVIDER : OrgKind.UNIT;
            mvc.perform(get("/?lang=en").with(authentication(TestActors.as(TestActors.actor("x", kind, 1, role))))
                            .accept(MediaType.TEXT_HTML))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("Hello, x"), not(containsString("home.role.")),
                            not(containsString("??")))));
        }
    }
}
