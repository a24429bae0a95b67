package cn.govcloud.guard.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 22 point 8 (A10.1): an SMS or app message carries an absolute link a phone can open, whatever the message's length. */
class MessageLinkUnitTests {

    @Test
    void theBaseUrlDefaultsToTheEmbeddedServerSoEveryLinkIsAbsolute_A10_1() {
        assertThat(new DeliverySettings(null, null, 0, null, null, null, null, null, null).baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(new DeliverySettings(null, null, 0, null, null, null, null, "  ", null).baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(new DeliverySettings(null, null, 0, null, null, null, null, "https://guard.example.gov.cn/", null).baseUrl())
                .isEqualTo("https://guard.example.gov.cn");
    }

    @Test
    void theSmsEndsWithTheAbsoluteLinkEvenWhenTheMessageIsShortened_A10_1() {
        String url = "https://guard.example.gov.cn/hazards/42";
        String shortText = PersonalDeliveries.smsText(new Rendered("t", "隐患通知：后台未授权访问", url, "f"), null);
        assertThat(shortText).isEqualTo("隐患通知：后台未授权访问 " + url);

        String longText = PersonalDeliveries.smsText(new Rendered("t", "长".repeat(500), url, "f"), "[紧急通知未读提醒]");
        assertThat(longText).hasSizeLessThanOrEqualTo(SmsTransport.MAX_TEXT).startsWith("[紧急通知未读提醒]").endsWith("… " + url);

        assertThat(PersonalDeliveries.smsText(new Rendered("t", "无链接", null, "f"), null)).isEqualTo("无链接");
    }
}
