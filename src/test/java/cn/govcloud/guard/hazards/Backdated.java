package cn.govcloud.guard.hazards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 17 point 3 for tests that record a hazard after the fact (a notice dated before the clock): the warner
 * attaches the paper notice and the supervisor confirms its date, so the clock runs from it.
 */
public final class Backdated {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private Backdated() {
    }

    public static void confirm(MockMvc mvc, String warner, long hazardId) throws Exception {
        MvcResult attached = mvc.perform(multipart("/api/v1/hazards/" + hazardId + "/notice-document")
                .file(new MockMultipartFile("file", "隐患整改通知书.pdf", "application/pdf", PDF))
                .header("Authorization", ApiClient.bearer(mvc, warner))).andReturn();
        assertThat(attached.getResponse().getStatus()).as(attached.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        MvcResult confirmed = mvc.perform(post("/api/v1/hazards/" + hazardId + "/backdating").header("Authorization", ApiClient.bearer(mvc, "supervisor"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"confirm\":true}")).andReturn();
        assertThat(confirmed.getResponse().getStatus()).as(confirmed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
    }
}
