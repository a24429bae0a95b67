package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxGroups;
import cn.govcloud.guard.notify.internal.InboxKind;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 23 point 6 (A10.1): the inbox grouped per kind of message, subject (the rule, for duty notices)
 * and day in Beijing; filtered by kind and severity; "mark all read" marks what the filter shows, audited.
 */
@AppTest
class InboxGroupsTests {
    @Autowired
    Inbox inbox;
    @Autowired
    InboxService service;
    @Autowired
    InboxGroups groups;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    @Test
    void A10_1_overdueNoticesOfOneRuleAndDayAreOneGroupAndTheFiltersCountUnread() throws Exception {
        Actor officer = DemoActors.actor(jdbc, "unit2");
        Addressee reader = Addressee.of(officer);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String rule = "每日巡检" + run;
        // two Beijing days: 2026-11-26 23:30 and 2026-11-27 00:30 (both 26 November in UTC)
        Instant lateOn26 = Instant.parse("2026-11-26T15:30:00Z");
        Instant earlyOn27 = Instant.parse("2026-11-26T16:30:00Z");
        for (int i = 0; i < 12; i++) {
            deliver(run + ":a" + i, officer.orgId(), "duties.notice.overdue", List.of(rule, "系统" + i, "2026-11-25", "A5.4"),
                    Notice.Severity.CRITICAL, lateOn26);
        }
        for (int i = 0; i < 3; i++) {
            deliver(run + ":b" + i, officer.orgId(), "duties.notice.overdue", List.of(rule, "系统" + i, "2026-11-26", "A5.4"),
                    Notice.Severity.CRITICAL, earlyOn27);
        }
        deliver(run + ":h", officer.orgId(), "hazards.notice.notified", List.of("弱口令" + run), Notice.Severity.WARNING, earlyOn27);

        InboxGroups.Page page = groups.page(reader, InboxService.Filter.NONE, null, Locale.CHINA);
        List<InboxGroups.Group> ours = page.groups().stream().filter(g -> g.subject().contains(run)).toList();
        // newest first: the hazard notice, the rule's three of 27 November, its twelve of 26 November (Beijing days)
        assertThat(ours).extracting(InboxGroups.Group::count).containsExactly(1, 3, 12);
        assertThat(ours.get(0).kind()).isEqualTo(InboxKind.HAZARD);
        assertThat(ours.get(1).kind()).isEqualTo(InboxKind.DUTY);
        assertThat(ours.get(1).day()).hasToString("2026-11-27");
        assertThat(ours.get(2).day()).hasToString("2026-11-26");

        InboxService.Filter hazardsOnly = new InboxService.Filter(InboxKind.HAZARD, null, false);
        assertThat(groups.page(reader, hazardsOnly, null, Locale.CHINA).groups()).allMatch(g -> g.kind() == InboxKind.HAZARD);
        assertThat(groups.unreadCounts(reader).byKind().get(InboxKind.DUTY)).isGreaterThanOrEqualTo(15);

        // mark read what the filter shows: the 15 duty notices, not the hazard
        String token = ApiClient.bearer(mvc, "unit2");
        mvc.perform(post("/api/v1/inbox/read-all").param("kind", "DUTY").param("severity", "CRITICAL").header("Authorization", token))
                .andExpect(status().isOk());
        ours = groups.page(reader, InboxService.Filter.NONE, null, Locale.CHINA).groups().stream().filter(g -> g.subject().contains(run)).toList();
        assertThat(ours).extracting(InboxGroups.Group::unread).containsExactly(1, 0, 0);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'notify.inbox.readAll' and details like '%kind=DUTY severity=CRITICAL%'")
                .query(Long.class).single()).isPositive();

        mvc.perform(get("/api/v1/inbox/groups").param("kind", "HAZARD").header("Authorization", token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.groups[0].kind").value("HAZARD"));
    }

    @Test
    void aBadFilterIsRefusedNamingTheFieldAndMarksNothing() throws Exception {
        String token = ApiClient.bearer(mvc, "unit2");
        long before = service.unreadCount(Addressee.of(DemoActors.actor(jdbc, "unit2")));
        mvc.perform(post("/api/v1/inbox/read-all").param("kind", "NOPE").param("severity", "LOUD").header("Authorization", token))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.kind").exists())
                .andExpect(jsonPath("$.errors.severity").exists());
        assertThat(service.unreadCount(Addressee.of(DemoActors.actor(jdbc, "unit2")))).isEqualTo(before);
    }

    private void deliver(String key, long orgId, String messageKey, List<String> args, Notice.Severity severity, Instant at) {
        inbox.deliver(new Notice("test:groups:" + key, orgId, Set.of(Role.UNIT_SECURITY_OFFICER), messageKey, args, "/duties", severity, at));
    }
}
