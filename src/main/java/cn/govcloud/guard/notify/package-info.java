/**
 * Telling people what they owe (A10.1): the in-app inbox, and outbound delivery of the same notices
 * by e-mail and by DingTalk / WeCom / Feishu group robots, and to a person by SMS and 政务微信 / 政务钉钉
 * (issue 21 point 4; the rule catalog says when an unread critical notice escalates to SMS), each delivery tracked. Public API:
 * {@link cn.govcloud.guard.notify.Inbox}, {@link cn.govcloud.guard.notify.Notifier}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications",
        allowedDependencies = {"shared", "crypto", "audit", "identity", "rules", "documents"})
package cn.govcloud.guard.notify;
