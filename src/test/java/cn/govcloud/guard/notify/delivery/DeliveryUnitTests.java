package cn.govcloud.guard.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.notify.DeliveryStatus.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The pieces of outbound delivery (A10.1) that need no application: robot answers, signing, validation, masking, settings. */
class DeliveryUnitTests {
    static final DeliverySettings DEFAULTS = new DeliverySettings(null, null, 0, null, null, null, null, null, null);

    private static String failure(Channel kind, int status, String body) {
        try {
            WebhookTransport.accept(kind, status, body);
            return null;
        } catch (Transport.DeliveryFailure e) {
            assertThat(e.permanent()).isFalse();
            return e.getMessage();
        }
    }

    @Test
    void robotsAcceptOnlyTheirSuccessCode_A10_1() {
        assertThat(failure(Channel.DINGTALK, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isNull();
        assertThat(failure(Channel.WECOM, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isNull();
        assertThat(failure(Channel.FEISHU, 200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}")).isNull();
        assertThat(failure(Channel.FEISHU, 200, "{\"StatusCode\":0,\"StatusMessage\":\"success\"}")).isNull();

        assertThat(failure(Channel.DINGTALK, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}")).isEqualTo("errcode 310000: sign not match");
        assertThat(failure(Channel.WECOM, 200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")).isEqualTo("errcode 93000: invalid webhook url");
        assertThat(failure(Channel.FEISHU, 200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}"))
                .isEqualTo("code 19021: sign match fail or timestamp is not within one hour from current time");
        assertThat(failure(Channel.DINGTALK, 200, "<html>proxy login</html>")).startsWith("HTTP 200 without a JSON answer");
        assertThat(failure(Channel.DINGTALK, 200, "{\"ok\":true}")).startsWith("HTTP 200 without a result code");
        assertThat(failure(Channel.FEISHU, 200, "")).startsWith("HTTP 200 without a JSON answer");
        assertThat(failure(Channel.WECOM, 502, "")).isEqualTo("HTTP 502");
        assertThat(failure(Channel.WECOM, 404, "{\"errcode\":0}")).isEqualTo("HTTP 404: {\"errcode\":0}");
    }

    @Test
    void dingTalkSigningAppendsTimestampAndEncodedSign_A10_1() {
        String signed = WebhookTransport.dingTalkSigned("https://oapi.dingtalk.com/robot/send?access_token=t", "SECabc", 1_700_000_000_000L);
        assertThat(signed).startsWith("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=");
        String sign = signed.substring(signed.indexOf("&sign=") + 6);
        assertThat(sign).doesNotContain("+").doesNotContain("/").doesNotContain("=="); // URL-encoded Base64
        assertThat(WebhookTransport.dingTalkSigned("http://robot.local/send", "s", 1L)).startsWith("http://robot.local/send?timestamp=1&sign=");
        // Feishu's key is timestamp + "\n" + secret, over no data: a different secret or second gives another sign
        assertThat(WebhookTransport.feishuSign(1_700_000_000L, "a")).isNotEqualTo(WebhookTransport.feishuSign(1_700_000_001L, "a"))
                .isNotEqualTo(WebhookTransport.feishuSign(1_700_000_000L, "b"));
    }

    private static Map<String, String> target(Channel kind, String value) {
        Map<String, String> errors = new LinkedHashMap<>();
        ChannelTargets.checkTarget(kind, value, errors);
        return errors;
    }

    @Test
    void webhookUrlsMustBeHttpOrHttpsWithAHost_A10_1() {
        assertThat(target(Channel.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=x")).isEmpty();
        assertThat(target(Channel.WECOM, "http://10.1.2.3:8080/cgi-bin/webhook/send?key=k")).isEmpty();
        for (String bad : List.of("ftp://oapi.dingtalk.com/x", "javascript:alert(1)", "not a url", "https://", "https:///path",
                "https://user:pw@oapi.dingtalk.com/x", "https://oapi.dingtalk.com/x#frag", "https://oapi.dingtalk.com/a b",
                "file:///etc/passwd", "//oapi.dingtalk.com/x", "https://oapi.dingtalk.com/" + "x".repeat(1000))) {
            assertThat(target(Channel.FEISHU, bad)).as(bad).containsEntry("target", "notify.channel.error.url");
        }
        assertThat(target(Channel.FEISHU, null)).containsEntry("target", "notify.channel.error.url");
    }

    @Test
    void emailAddressesAreChecked_A10_1() {
        assertThat(target(Channel.EMAIL, "security@edu.baotou.gov.cn")).isEmpty();
        for (String bad : List.of("security", "a@b", "a b@example.cn", "<a@example.cn>", "a@example.cn, b@example.cn", "a@@example.cn")) {
            assertThat(target(Channel.EMAIL, bad)).as(bad).containsEntry("target", "notify.channel.error.email");
        }
    }

    @Test
    void onlyDingTalkAndFeishuTakeASigningSecret_A10_1() {
        Map<String, String> errors = new LinkedHashMap<>();
        ChannelTargets.checkSecret(Channel.WECOM, "s", errors);
        assertThat(errors).containsEntry("secret", "notify.channel.error.noSecret");
        errors.clear();
        ChannelTargets.checkSecret(Channel.EMAIL, "s", errors);
        assertThat(errors).containsEntry("secret", "notify.channel.error.noSecret");
        errors.clear();
        ChannelTargets.checkSecret(Channel.DINGTALK, "SEC密钥", errors);
        assertThat(errors).containsEntry("secret", "notify.channel.error.secret");
        errors.clear();
        ChannelTargets.checkSecret(Channel.FEISHU, "abcDEF123", errors);
        ChannelTargets.checkSecret(Channel.DINGTALK, null, errors);
        assertThat(errors).isEmpty();
    }

    @Test
    void webhookTargetsAreShownOnlyUpToTheirHost_A10_1() {
        assertThat(ChannelTargets.shown(Channel.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=abc"))
                .isEqualTo("https://oapi.dingtalk.com/…");
        assertThat(ChannelTargets.shown(Channel.FEISHU, "HTTPS://open.feishu.cn/open-apis/bot/v2/hook/abc")).isEqualTo("https://open.feishu.cn/…");
        assertThat(ChannelTargets.shown(Channel.WECOM, "http://10.0.0.5:8080/send?key=k")).isEqualTo("http://10.0.0.5:8080/…");
        assertThat(ChannelTargets.shown(Channel.EMAIL, "duty@example.gov.cn")).isEqualTo("duty@example.gov.cn");
    }

    @Test
    void retryLimitsComeFromSettings_A10_1() {
        assertThat(DEFAULTS.retryDelays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
        assertThat(DEFAULTS.maxAttempts()).isEqualTo(4);
        assertThat(new DeliverySettings(List.of(Duration.ofSeconds(30)), null, 0, null, null, null, null, "https://guard.example/", null)
                .maxAttempts()).isEqualTo(2);
        assertThat(new DeliverySettings(List.of(), null, 0, null, null, null, null, null, null).maxAttempts()).isEqualTo(1);
        assertThat(new DeliverySettings(null, null, 0, null, null, null, null, "https://guard.example//", null).baseUrl())
                .isEqualTo("https://guard.example");
        assertThatThrownBy(() -> new DeliverySettings(List.of(Duration.ofMinutes(-1)), null, 0, null, null, null, null, null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("retry-delays");
        assertThatThrownBy(() -> new DeliverySettings(null, null, 0, Duration.ofSeconds(5), null, null, null, null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lease");
    }

    @Test
    void webhookHostsCanBeLimitedToTheRobotsOwn_A10_1() {
        assertThat(DEFAULTS.hostAllowed("10.0.0.1")).as("no list: any host").isTrue();
        DeliverySettings limited = new DeliverySettings(null, null, 0, null, null, null, null, null,
                List.of(" oapi.dingtalk.com", "QYAPI.weixin.qq.com", "open.feishu.cn", ""));
        assertThat(limited.hostAllowed("oapi.dingtalk.com")).isTrue();
        assertThat(limited.hostAllowed("qyapi.weixin.qq.com")).isTrue();
        assertThat(limited.hostAllowed("bots.open.feishu.cn")).isTrue();
        assertThat(limited.hostAllowed("127.0.0.1")).isFalse();
        assertThat(limited.hostAllowed("evil-oapi.dingtalk.com.example")).isFalse();
        assertThat(limited.hostAllowed("xopen.feishu.cn")).isFalse();
        assertThat(limited.hostAllowed(null)).isFalse();
    }

    @Test
    void withoutAMailHostEmailFailsAtOnceWithAClearReason_A10_1() {
        ChannelService.Endpoint endpoint = new ChannelService.Endpoint(new cn.govcloud.guard.notify.delivery.Channel(1, 2, "单位",
                Channel.EMAIL, "邮箱", "a@example.cn", false, true, Instant.EPOCH, "x", Instant.EPOCH, "x", null), "a@example.cn", null);
        Rendered text = new Rendered("标题", "正文", null, "通知编号：k");

        StaticListableBeanFactory none = new StaticListableBeanFactory();
        assertThatThrownBy(() -> new EmailTransport(none.getBeanProvider(JavaMailSender.class), DEFAULTS).send(endpoint, text))
                .isInstanceOfSatisfying(Transport.DeliveryFailure.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("no mail server configured");
                });
        StaticListableBeanFactory blankHost = new StaticListableBeanFactory();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("");
        blankHost.addBean("mailSender", sender);
        assertThatThrownBy(() -> new EmailTransport(blankHost.getBeanProvider(JavaMailSender.class), DEFAULTS).send(endpoint, text))
                .isInstanceOfSatisfying(Transport.DeliveryFailure.class, e -> assertThat(e.getMessage()).isEqualTo("no mail server configured"));
    }
}
