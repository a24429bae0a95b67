package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.documents.ExcelExportsTests;
import cn.govcloud.guard.documents.ExcelExportsTests.Sheet2;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 23 point 11 on 送达记录 (/notify/deliveries, A10.1, A4): keyword, state and one notice's key narrow the list in
 * SQL, a unit sees only its own deliveries, a filter the list cannot read is refused, and the export holds exactly the
 * rows shown.
 */
@AppTest
class DeliveryListTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    long orgOf(String username) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", username).query(Long.class).single();
    }

    void delivery(String key, long orgId, String person, String state) {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        jdbc.sql("""
                insert into notify_delivery (notice_key, org_id, channel_id, kind, target_shown, message_key, args, severity, notice_at,
                                             state, attempts, next_attempt_at, last_error, created_at, user_id, recipient_name)
                values (:key, :org, null, 'SMS', '139****0000', 'notify.delivery.testMessage', '[]', 'INFO', :at, :state, 1, :at,
                        :error, :at, :user, :person)""")
                .param("key", key).param("org", orgId).param("at", at).param("state", state)
                .param("error", "FAILED".equals(state) ? "网关无响应" : null).param("user", System.nanoTime() % 1_000_000_000L)
                .param("person", person).update();
    }

    MvcResult page(String user, String query) throws Exception {
        return mvc.perform(get("/notify/deliveries" + query).with(authentication(DemoActors.authentication(jdbc, user)))).andReturn();
    }

    static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void issue23_11_deliveriesAreSearchedFilteredByStateAndKey_scopedToTheUnit_andExported() throws Exception {
        String tag = "dl" + System.nanoTime();
        long unit1 = orgOf("unit1");
        delivery(tag + ":a", unit1, "送达甲" + tag, "SENT");
        delivery(tag + ":b", unit1, "送达乙" + tag, "FAILED");
        delivery(tag + ":c", orgOf("unit2"), "送达丙" + tag, "FAILED");

        String all = html(page("supervisor", "?q=" + tag));
        assertThat(all).contains(tag + ":a", tag + ":b", tag + ":c").contains("共 3 条").contains("id=\"list-search\"");
        String failed = html(page("supervisor", "?q=" + tag + "&state=FAILED&unit=" + unit1));
        assertThat(failed).contains(tag + ":b").doesNotContain(tag + ":a").doesNotContain(tag + ":c").contains("共 1 条")
                .contains("href=\"/notify/deliveries/export.xlsx?q=" + tag + "&amp;unit=" + unit1 + "&amp;state=FAILED\"");
        assertThat(html(page("supervisor", "?key=" + tag + ":c"))).contains("共 1 条").contains("送达丙" + tag);
        // A4: the unit's officer sees its own two, never unit2's, whatever it asks for
        String own = html(page("unit1", "?q=" + tag));
        assertThat(own).contains(tag + ":a", tag + ":b").doesNotContain(tag + ":c").contains("共 2 条");

        MvcResult export = mvc.perform(get("/notify/deliveries/export.xlsx?q=" + tag + "&state=FAILED")
                .with(authentication(DemoActors.authentication(jdbc, "supervisor")))).andReturn();
        Sheet2 sheet = ExcelExportsTests.read(export.getResponse().getContentAsByteArray());
        assertThat(sheet.column("通知编号")).containsExactlyInAnyOrder(tag + ":b", tag + ":c");
        assertThat(sheet.title()).contains(tag).contains("失败");
    }

    @Test
    void issue23_11_aDeliveryFilterTheListCannotReadIsRefused() throws Exception {
        assertThat(page("supervisor", "?state=LOST").getResponse().getStatus()).isEqualTo(400);
        assertThat(page("supervisor", "?due=week").getResponse().getStatus()).isEqualTo(400);
        assertThat(page("supervisor", "?size=13").getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/notify/deliveries/export.xlsx?unit=x")
                .with(authentication(DemoActors.authentication(jdbc, "supervisor")))).andReturn().getResponse().getStatus()).isEqualTo(400);
    }
}
