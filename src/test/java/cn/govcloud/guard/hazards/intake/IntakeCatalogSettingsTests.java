package cn.govcloud.guard.hazards.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.rules.internal.RuleCatalogService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 24 point 5 and issue 17 point 16: the burst window and the immediate-notice threshold are rule catalog
 * settings, so a district overlay (A13) changes how alerts fold and which are told at once.
 */
@AppTest
class IntakeCatalogSettingsTests {
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuleCatalogService catalog;
    @Autowired
    cn.govcloud.guard.identity.ApiTokens apiTokens;

    /** A sensor's token made at the clock's time (the test clock moves far ahead, past a person's password age). */
    private String sensor() {
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        org.springframework.security.core.context.SecurityContextHolder.getContext()
                .setAuthentication(cn.govcloud.guard.security.DemoActors.authentication(jdbc, "secadmin"));
        try {
            long providerOrg = jdbc.sql("select org_id from identity_user where username = 'provider'").query(Long.class).single();
            return "Bearer " + apiTokens.create("intake-settings-" + System.nanoTime(), providerOrg, java.util.Set.of("alerts:write"),
                    clock.instant().plusSeconds(86_400)).secret();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    @AfterEach
    void back() {
        catalog.deactivate("test");
        clock.reset();
    }

    private void overlay(String settings) {
        catalog.activate("overlay.yaml", "overlay: {name: 测试区, version: t" + System.nanoTime() + ", basedOn: "
                + catalog.product().version().version() + "}\nparameters:\n" + settings, "test");
    }

    private long alert(String severity, Instant at) throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/alerts").header("Authorization", sensor())
                .contentType(MediaType.APPLICATION_JSON).content("{\"address\":\"jyj.baotou.gov.cn\",\"title\":\"WebShell 告警-" + System.nanoTime()
                        + "\",\"severity\":\"" + severity + "\",\"time\":\"" + at + "\"}")).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("id").asLong();
    }

    private long unitNotices(long alertId) {
        return jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", "alert:" + alertId + ":unit").query(Long.class).single();
    }

    /** A window of its own (days away from every other test's alerts), so no earlier burst of this host joins in. */
    private Instant quietHour() {
        Instant at = MutableClock.DEFAULT_START.plus(Duration.ofDays(400 + System.nanoTime() % 3_000));
        clock.set(at.plus(Duration.ofHours(2)));
        return at;
    }

    @Test
    void A10_1_anOverlayChangingTheBurstWindowChangesTheFolding() throws Exception {
        assertThat(catalog.parameter("A10.1-alert-burst-window").duration()).isEqualTo(Duration.ofHours(1));
        overlay("  A10.1-alert-burst-window: {duration: PT5M}\n");
        assertThat(((RuleCatalog) catalog).parameter("A10.1-alert-burst-window").duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(catalog.parameter("A10.1-alert-burst-window").overridden()).contains("duration");
        // the API and the catalog page show it with its note, marked as changed
        String api = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/rules")
                .header("Authorization", cn.govcloud.guard.ApiClient.bearer(mvc, "supervisor"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(api).contains("\"id\":\"A10.1-alert-burst-window\"", "PT5M", "\"overridden\":[\"duration\"]");
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/rules")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                        cn.govcloud.guard.security.DemoActors.authentication(jdbc, "unit1")))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"parameter-A10.1-alert-burst-window\"", "告警风暴合并窗口", "PT5M");
        Instant at = quietHour();
        long first = alert("HIGH", at);
        long twentyMinutesLater = alert("HIGH", at.plus(Duration.ofMinutes(20)));
        // five minutes: the second alert is a burst of its own, told again
        assertThat(unitNotices(first)).isEqualTo(1);
        assertThat(unitNotices(twentyMinutesLater)).isEqualTo(1);

        catalog.deactivate("test");
        // the catalog's hour again: twenty minutes after the last one folds into its burst, nobody paged
        long folded = alert("HIGH", at.plus(Duration.ofMinutes(40)));
        assertThat(unitNotices(folded)).isZero();
        assertThat(jdbc.sql("select burst_id from intake_alert where id = :a").param("a", folded).query(Long.class).single())
                .isEqualTo(jdbc.sql("select burst_id from intake_alert where id = :a").param("a", twentyMinutesLater).query(Long.class).single());
    }

    @Test
    void A10_1_anOverlayAddingMediumToTheImmediateSeveritiesTellsMediumAlertsAtOnce() throws Exception {
        Instant at = quietHour();
        long waits = alert("MEDIUM", at);
        assertThat(unitNotices(waits)).isZero(); // below HIGH: the daily digest tells it
        overlay("  A10.1-immediate-notice-severity: {choices: [CRITICAL, HIGH, MEDIUM]}\n");
        long told = alert("MEDIUM", at.plus(Duration.ofHours(1)));
        assertThat(unitNotices(told)).isEqualTo(1);
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A10.1-alert-notification' and reference = :r")
                .param("r", "alert:" + told + ":notice").query(String.class).single()).isEqualTo("ACCEPTED");
    }
}
