package cn.govcloud.guard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The rule catalog API and the district overlay (A13–A15) on the whole application. */
@AppTest
class RulesApiTests {
    static final MediaType YAML = MediaType.parseMediaType("text/yaml");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuleCatalog catalog;

    @AfterEach
    void backToTheProductCatalog() throws Exception {
        mvc.perform(delete("/api/v1/rules/overlay").header("Authorization", ApiClient.bearer(mvc, "supervisor")));
    }

    static String overlay(String version, int workingDays) {
        return """
                overlay: {name: 昆都仑区, version: %s, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {due: {workingDays: %d}, remind: [P1D]}
                  A5.4-daily-inspection: {escalate: {after: PT2H, to: [supervisor, regulator]}}
                """.formatted(version, workingDays);
    }

    static String version() {
        return "t" + System.nanoTime();
    }

    ResultActions get(String path, String user) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                .header("Authorization", ApiClient.bearer(mvc, user)));
    }

    ResultActions upload(String yaml, MediaType type, String user) throws Exception {
        return mvc.perform(put("/api/v1/rules/overlay").contentType(type).content(yaml)
                .header("Authorization", ApiClient.bearer(mvc, user)));
    }

    @Test
    void anySignedInPersonReadsTheCatalogWithItsVersionAndValidity_A15() throws Exception {
        get("/api/v1/rules", "unit1").andExpect(status().isOk())
                .andExpect(jsonPath("$.catalog.id").value("包府办发〔2025〕77号"))
                .andExpect(jsonPath("$.catalog.version").value("2025.12.16-r1"))
                .andExpect(jsonPath("$.catalog.validFrom").value("2025-12-16"))
                .andExpect(jsonPath("$.catalog.validUntil").value("2030-12-15"))
                .andExpect(jsonPath("$.catalog.overlay").doesNotExist())
                .andExpect(jsonPath("$.overlay").doesNotExist())
                .andExpect(jsonPath("$.rules", hasSize(catalog.rules().size())))
                .andExpect(jsonPath("$.rules[*].id", hasItem("A10.2-rectify")))
                .andExpect(jsonPath("$.rules[0].source").isNotEmpty());

        get("/api/v1/rules/A10.2-rectify", "unit1").andExpect(status().isOk())
                .andExpect(jsonPath("$.article").value("A10.2"))
                .andExpect(jsonPath("$.party").value("UNIT"))
                .andExpect(jsonPath("$.appliesTo").value("SYSTEM"))
                .andExpect(jsonPath("$.trigger.event").value("hazard.notified"))
                .andExpect(jsonPath("$.due.kind").value("WORKING_DAYS"))
                .andExpect(jsonPath("$.due.amount").value(5))
                .andExpect(jsonPath("$.reminders[0]").value("P2D"))
                .andExpect(jsonPath("$.escalation.after").value("PT0S"))
                .andExpect(jsonPath("$.escalation.parties[0]").value("SUPERVISOR"))
                .andExpect(jsonPath("$.evidence.documents[0].name").value("feedbackLetter"))
                .andExpect(jsonPath("$.overridden", hasSize(0)))
                .andExpect(jsonPath("$.source", containsString("于5个工作日内完成漏洞修复")));

        get("/api/v1/rules?party=provider&article=A5.4", "regulator").andExpect(status().isOk())
                .andExpect(jsonPath("$.rules[*].id", hasItem("A5.4-daily-inspection")))
                .andExpect(jsonPath("$.rules", hasSize(2)));
        get("/api/v1/rules/A99-nothing", "unit1").andExpect(status().isNotFound());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/rules")).andExpect(status().isUnauthorized());
    }

    @Test
    void theSupervisorPutsAnOverlayInForceAndEveryReaderSeesTheNewValueMarked_A13() throws Exception {
        String version = version();
        upload(overlay(version, 3), YAML, "supervisor").andExpect(status().isOk())
                .andExpect(jsonPath("$.catalog.version").value("2025.12.16-r1+昆都仑区@" + version))
                .andExpect(jsonPath("$.catalog.productVersion").value("2025.12.16-r1"))
                .andExpect(jsonPath("$.overlay.name").value("昆都仑区"))
                .andExpect(jsonPath("$.overlay.uploadedBy").value("supervisor"));

        get("/api/v1/rules/A10.2-rectify", "unit1").andExpect(status().isOk())
                .andExpect(jsonPath("$.due.amount").value(3))
                .andExpect(jsonPath("$.reminders[0]").value("P1D"))
                .andExpect(jsonPath("$.overridden", hasItem("due.amount")))
                .andExpect(jsonPath("$.overridden", hasItem("reminders")))
                .andExpect(jsonPath("$.base['due.amount']").value(5));
        get("/api/v1/rules/A5.4-daily-inspection", "provider")
                .andExpect(jsonPath("$.escalation.after").value("PT2H"))
                .andExpect(jsonPath("$.overridden", hasItem("escalation.parties")));
        get("/api/v1/rules/overlay", "unit2").andExpect(status().isOk())
                .andExpect(jsonPath("$.yaml", containsString("workingDays: 3")));

        // the module's public API agrees, and the version printed on findings names the overlay
        assertThat(catalog.rule("A10.2-rectify").orElseThrow().due().amount()).isEqualTo(3);
        assertThat(catalog.triggeredBy("hazard.notified")).extracting(Rule::id).contains("A10.2-rectify");
        assertThat(catalog.version().overlay()).isEqualTo("昆都仑区@" + version);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'rules.overlay.activate' and details like :v")
                .param("v", "%" + version + "%").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select uploaded_by from rules_overlay where overlay_version = :v and active = true").param("v", version)
                .query(String.class).single()).isEqualTo("supervisor");
    }

    @Test
    void aBadOverlayIsRefusedWholeWithLineNumbersAndThePreviousCatalogStays() throws Exception {
        String good = version();
        upload(overlay(good, 3), YAML, "supervisor").andExpect(status().isOk());
        long rows = count();

        String bad = """
                overlay: {name: 昆都仑区, version: %s, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {due: {workingDays: 1}}
                  A10.2-rectfy: {due: {workingDays: 2}}
                  A5.4-daily-inspection: {party: supervisor, remind: [soon]}
                """.formatted(version());
        upload(bad, YAML, "supervisor").andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", startsWith("3 errors in the overlay; it was refused as a whole")))
                .andExpect(jsonPath("$.errors['rules[A10.2-rectfy]']", startsWith("overlay.yaml:4: rules[A10.2-rectfy]: no rule")))
                .andExpect(jsonPath("$.errors['rules[A5.4-daily-inspection].party']", startsWith("overlay.yaml:5: ")))
                .andExpect(jsonPath("$.errors['rules[A5.4-daily-inspection].remind[0]']", startsWith("overlay.yaml:5: ")))
                .andExpect(jsonPath("$.problems[0].line").value(4))
                .andExpect(jsonPath("$.problems[0].path").value("rules[A10.2-rectfy]"));

        get("/api/v1/rules/A10.2-rectify", "unit1").andExpect(jsonPath("$.due.amount").value(3));
        assertThat(catalog.version().overlay()).isEqualTo("昆都仑区@" + good);
        assertThat(count()).isEqualTo(rows);

        upload("not: [yaml", YAML, "supervisor").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].path").value("(syntax)"));
        upload("", YAML, "supervisor").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].message").value("is empty"));
        // the same name and version with other content would make two overlays print the same version
        upload(overlay(good, 4), YAML, "supervisor").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['overlay.version']", containsString("give this one a new version")));
        get("/api/v1/rules/A10.2-rectify", "unit1").andExpect(jsonPath("$.due.amount").value(3));
    }

    @Test
    void onlyTheSupervisorChangesTheOverlay() throws Exception {
        long rows = count();
        for (String user : new String[] {"unit1", "provider", "regulator", "sysadmin"}) {
            upload(overlay(version(), 1), YAML, user).andExpect(status().isForbidden());
            mvc.perform(delete("/api/v1/rules/overlay").header("Authorization", ApiClient.bearer(mvc, user))).andExpect(status().isForbidden());
        }
        assertThat(count()).isEqualTo(rows);
        get("/api/v1/rules/A10.2-rectify", "unit1").andExpect(jsonPath("$.due.amount").value(5));
    }

    @Test
    void deleteGoesBackToTheProductCatalogAndYamlTypesAreAccepted() throws Exception {
        upload(overlay(version(), 2), MediaType.parseMediaType("application/yaml"), "supervisor").andExpect(status().isOk());
        upload(overlay(version(), 3), MediaType.TEXT_PLAIN, "supervisor").andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from rules_overlay where active = true").query(Long.class).single()).isEqualTo(1);

        mvc.perform(delete("/api/v1/rules/overlay").header("Authorization", ApiClient.bearer(mvc, "supervisor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.catalog.version").value("2025.12.16-r1"))
                .andExpect(jsonPath("$.overlay").doesNotExist());
        get("/api/v1/rules/A10.2-rectify", "unit1").andExpect(jsonPath("$.due.amount").value(5))
                .andExpect(jsonPath("$.overridden", hasSize(0)));
        get("/api/v1/rules/overlay", "unit1").andExpect(status().isNotFound());
        assertThat(catalog.version().overlay()).isNull();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'rules.overlay.deactivate'").query(Long.class).single())
                .isGreaterThan(0L);
        assertThat(count()).isGreaterThan(0L);
    }

    private long count() {
        return jdbc.sql("select count(*) from rules_overlay").query(Long.class).single();
    }
}
