package cn.govcloud.guard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description carries the whole remote-channel flow (A9.2, A9.3) so a gateway vendor can integrate from it alone. */
@AppTest
class ChannelOpenApiTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void apiDocsDescribeTheChannelFlowAndTheVerifyAnswers_A9_3() throws Exception {
        // the description is behind sign-in, like every page but the login
        assertThat(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getStatus()).isNotEqualTo(200);

        MvcResult r = mvc.perform(get("/v3/api-docs").with(authentication(DemoActors.authentication(jdbc, "unit1")))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        JsonNode docs = JsonMapper.builder().build().readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
        JsonNode paths = docs.path("paths");
        for (String path : new String[] {"/api/v1/channels", "/api/v1/channels/{id}/approval", "/api/v1/channels/{id}/opening",
                "/api/v1/channels/{id}/credential", "/api/v1/channels/verify", "/api/v1/channels/{id}/closure"}) {
            assertThat(paths.path(path).path("post").path("summary").asString("")).as(path).isNotBlank();
        }
        assertThat(paths.path("/api/v1/channels/{id}/regulator-decision").path("post").path("summary").asString("")).contains("A9.3");

        JsonNode verify = paths.path("/api/v1/channels/verify").path("post");
        assertThat(verify.path("description").asString("")).contains("channels:verify").contains("exactly one is allowed");
        assertThat(verify.path("security").toString()).contains("bearer").contains("channels:verify");
        assertThat(docs.path("components").path("securitySchemes").path("bearer").path("scheme").asString("")).isEqualTo("bearer");
        assertThat(verify.path("requestBody").toString()).contains("credential");
        JsonNode allowed = verify.path("responses").path("200");
        JsonNode refused = verify.path("responses").path("403");
        assertThat(allowed.path("description").asString("")).isNotBlank();
        JsonNode allowedExample = allowed.path("content").path("application/json").path("examples").path("allowed").path("value");
        assertThat(allowedExample.path("allow").asBoolean(false)).isTrue();
        assertThat(allowedExample.has("channelId") && allowedExample.has("endsAt") && allowedExample.has("systemId")).isTrue();
        assertThat(refused.path("description").asString("")).contains("A9.3");
        JsonNode refusedExample = refused.path("content").path("application/json").path("examples").path("refused").path("value");
        assertThat(refusedExample.path("allow").asBoolean(true)).isFalse();
        assertThat(refusedExample.path("rule").asString("")).isEqualTo("A9.3");
        assertThat(refusedExample.path("reason").asString("")).contains("一次一用");
    }
}
