package cn.govcloud.guard.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.notify.delivery.Gateways.SmsConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Issue 21 point 4: how the SMS gateway's template is filled and how its answer is judged. */
class SmsTemplateUnitTests {
    private static final Map<String, String> VALUES = Map.of("mobile", "13812341234", "text", "告警 \"A\" & <B>\n详情", "sign", "【包头】",
            "secret", "k&y", "timestamp", "1", "id", "7");

    @Test
    void valuesAreEscapedForTheBodysContentType() {
        String json = SmsTransport.fill("{\"to\":\"${mobile}\",\"msg\":\"${text}\"}", VALUES, SmsTransport.escaper("application/json"));
        assertThat(JsonMapper.shared().readTree(json).get("msg").asString()).isEqualTo(VALUES.get("text"));
        assertThat(SmsTransport.fill("to=${mobile}&key=${secret}&msg=${text}", VALUES,
                SmsTransport.escaper("application/x-www-form-urlencoded"))).startsWith("to=13812341234&key=k%26y&msg=%E5%91%8A");
        assertThat(SmsTransport.fill("<m>${text}</m>", VALUES, SmsTransport.escaper("text/xml")))
                .isEqualTo("<m>告警 &quot;A&quot; &amp; &lt;B&gt;\n详情</m>");
        assertThat(SmsTransport.fill("${unknown}-${id}", VALUES, v -> v)).isEqualTo("${unknown}-7");
    }

    @Test
    void success_is2xxAndTheValueAtThePath() throws Exception {
        SmsConfig byPath = new SmsConfig("http://x/", "POST", "application/json", null, "{}", null, "$.result.status", "OK");
        SmsTransport.accept(byPath, 200, "{\"result\":{\"status\":\"OK\"}}");
        assertThatThrownBy(() -> SmsTransport.accept(byPath, 200, "{\"result\":{\"status\":\"FAIL\"}}"))
                .hasMessageContaining("$.result.status = FAIL (expected OK)");
        assertThatThrownBy(() -> SmsTransport.accept(byPath, 502, "bad gateway")).hasMessage("SMS gateway: HTTP 502: bad gateway");
        assertThatThrownBy(() -> SmsTransport.accept(byPath, 200, "<ok/>")).hasMessageContaining("without a JSON answer");
        SmsConfig indexed = new SmsConfig("http://x/", "POST", "application/json", null, "{}", null, "data[0].code", "0");
        SmsTransport.accept(indexed, 200, "{\"data\":[{\"code\":0}]}");
        SmsConfig any2xx = new SmsConfig("http://x/", "POST", "application/json", null, "{}", null, null, null);
        SmsTransport.accept(any2xx, 204, "");
        assertThat(SmsTransport.validPath("code")).isTrue();
        assertThat(SmsTransport.validPath("a..b")).isFalse();
    }
}
