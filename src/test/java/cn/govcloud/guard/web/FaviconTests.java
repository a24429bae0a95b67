package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 23 point 13: the platform has its own icon in the browser's tab, on the login page too (no sign-in needed). */
@AppTest
class FaviconTests {
    @Autowired
    MockMvc mvc;

    @Test
    void theIconIsARealIconServedToAnyoneAndEveryPageLinksIt() throws Exception {
        var icon = mvc.perform(get("/favicon.ico")).andReturn().getResponse();
        assertThat(icon.getStatus()).isEqualTo(200);
        byte[] bytes = icon.getContentAsByteArray();
        assertThat(bytes).startsWith(0, 0, 1, 0, 3, 0); // an ICO with three sizes
        String login = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(login).contains("<link rel=\"icon\" href=\"/favicon.ico\"");
        // and an SVG beside it, also served without signing in
        var svg = mvc.perform(get("/favicon.svg")).andReturn().getResponse();
        assertThat(svg.getStatus()).isEqualTo(200);
        assertThat(svg.getContentAsString()).startsWith("<svg");
        assertThat(login).contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"");
    }
}
