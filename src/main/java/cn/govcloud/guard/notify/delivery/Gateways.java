package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.notify.Notice;
import java.time.Instant;

/**
 * The city's messaging gateways as configured (issue 21 point 4): the 政务短信平台 reached through an HTTP request
 * template, and 政务微信 / 政务钉钉 application messages. Views never carry a secret, only whether one is stored.
 */
public final class Gateways {
    private Gateways() {
    }

    /** The kinds of gateway; each maps to a delivery kind of the same name. */
    public enum Kind { SMS, GOV_WECOM, GOV_DINGTALK }

    /**
     * The SMS gateway's request (stored, minus the secret). Placeholders in {@code url}, {@code headers} and
     * {@code body}: {@code ${mobile}}, {@code ${text}}, {@code ${sign}}, {@code ${secret}}, {@code ${timestamp}}
     * (epoch milliseconds), {@code ${id}} (the delivery's id, for the gateway's de-duplication).
     *
     * @param method       POST, PUT or GET (GET sends no body)
     * @param contentType  e.g. {@code application/json}: values in the body are JSON-escaped; for
     *                     {@code application/x-www-form-urlencoded} URL-encoded; for XML XML-escaped; otherwise as they are
     * @param headers      one {@code Name: value} per line
     * @param sign         the SMS signature the gateway requires, e.g. 【包头政务云】
     * @param successPath  where the gateway's result code is in its JSON answer (e.g. {@code code} or {@code $.result.status});
     *                     blank: any 2xx answer is success
     * @param successValue the value at {@code successPath} that means accepted, e.g. {@code 0}
     */
    public record SmsConfig(String url, String method, String contentType, String headers, String body, String sign,
                            String successPath, String successValue) {
    }

    /**
     * An application of 政务微信 (WeCom API) or 政务钉钉 (DingTalk API), privately deployed.
     *
     * @param baseUrl     the deployment's API root, e.g. {@code https://qyapi.weixin.qq.com} (政务微信: {@code /cgi-bin/…}
     *                    is appended) or {@code https://oapi.dingtalk.com} (政务钉钉)
     * @param appId       政务微信 corpid, 政务钉钉 appkey
     * @param agentId     政务微信 agentid, 政务钉钉 agent_id (digits)
     * @param minSeverity the least severe notice sent as an application message (default CRITICAL)
     */
    public record AppConfig(String baseUrl, String appId, String agentId, Notice.Severity minSeverity) {
    }

    /** The SMS gateway as pages and the API show it; {@code secretSet}: a {@code ${secret}} value is stored. */
    public record SmsGatewayView(boolean enabled, String url, String method, String contentType, String headers, String body,
                                 String sign, String successPath, String successValue, boolean secretSet, Instant enabledAt,
                                 Instant updatedAt, String updatedBy) {
    }

    /** An application gateway as pages and the API show it; {@code secretSet}: corpsecret / appsecret is stored. */
    public record AppGatewayView(Kind kind, boolean enabled, String baseUrl, String appId, String agentId, Notice.Severity minSeverity,
                                 boolean secretSet, Instant updatedAt, String updatedBy) {
    }

    /**
     * Everything at once.
     *
     * @param escalationAfter          how long a critical notice may stay unread before an SMS goes to each person who
     *                                 has not read it (ISO-8601, e.g. PT30M): the rule catalog's parameter
     * @param escalationParameter      that parameter's id, changed by a district overlay ({@code A10.1-sms-escalation-after})
     */
    public record MessagingView(SmsGatewayView sms, AppGatewayView govWecom, AppGatewayView govDingtalk, String escalationAfter,
                                String escalationParameter) {
    }

    /** A change of the SMS gateway: null keeps a value; a blank {@code secret} keeps it, {@code clearSecret} removes it. */
    public record SmsGatewayChange(Boolean enabled, String url, String method, String contentType, String headers, String body,
                                   String sign, String successPath, String successValue, String secret, Boolean clearSecret) {
    }

    /**
     * A change of an application gateway: null keeps a value. {@code appSecret} is 政务微信's corpsecret or 政务钉钉's
     * appsecret; blank keeps it, {@code clearSecret} removes it.
     */
    public record AppGatewayChange(Boolean enabled, String baseUrl, String appId, String agentId, String minSeverity, String appSecret,
                                   Boolean clearSecret) {
    }

    /** A test message to one person, e.g. oneself: {@code userId} of someone with a mobile number. */
    public record TestRecipient(Long userId) {
    }
}
