package cn.govcloud.guard.hazards.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.hazards.intake.AlertRaised;
import cn.govcloud.guard.hazards.intake.AlertSent;
import cn.govcloud.guard.hazards.intake.UnmatchedQueued;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 18 point 2 (A10.1): the intake reports what happened as past-tense events — {@link AlertRaised} and
 * {@link AlertSent} for serious vulnerabilities told at once, {@link UnmatchedQueued} for what waits in triage — and
 * the duties hang on them with the catalog's names, in the import's transaction.
 */
@AppTest
@RecordApplicationEvents
class IntakeEventsTests {
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000L);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    @Test
    void A10_1_aScanImportPublishesItsNoticeAndTriageEvents_andTheDutiesHangOnThem() throws Exception {
        byte[] report;
        try (InputStream in = getClass().getResourceAsStream("/intake/openvas-gmp.xml")) {
            report = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("1.3.6.1.4.1.25623.1.0.", "1.3.6.1.4.1.25623.8" + SEQ.incrementAndGet() + ".").getBytes(StandardCharsets.UTF_8);
        }
        MvcResult r = new ApiClient(mvc).call("provider", multipart("/api/v1/findings/import")
                .file(new MockMultipartFile("file", "scan.xml", "application/xml", report)));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        long importId = ApiClient.body(r).get("importId").asLong();
        long system = jdbc.sql("select id from systems_system where name = '教育局招生考试系统'").query(Long.class).single();
        String ref = "findings:" + importId + ":" + system;

        assertThat(events.stream(AlertRaised.class).filter(e -> e.ref().equals(ref)))
                .singleElement().satisfies(e -> assertThat(e.trigger().event()).isEqualTo("alert.raised"));
        assertThat(events.stream(AlertSent.class).filter(e -> e.ref().equals(ref)))
                .singleElement().satisfies(e -> assertThat(e.trigger().reference()).isEqualTo(ref));
        assertThat(events.stream(UnmatchedQueued.class).filter(e -> e.ref().equals("triage:import:" + importId)))
                .singleElement().satisfies(e -> assertThat(e.trigger().event()).isEqualTo("intake.unmatched"));
        // the duty engine listened in the same transaction: the catalog's rules raised their duties on the events' references
        assertThat(jdbc.sql("select rule_id from duties_duty where reference = :r").param("r", ref).query(String.class).list())
                .contains("A10.1-alert-acknowledgement");
        assertThat(jdbc.sql("select rule_id from duties_duty where reference = :r").param("r", "triage:import:" + importId)
                .query(String.class).list()).contains("A10.1-triage");
    }
}
