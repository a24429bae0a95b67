/**
 * Telling people what they owe (A10.1): the in-app inbox, and outbound delivery of the same notices
 * by e-mail and by DingTalk / WeCom / Feishu group robots, each delivery tracked. Public API:
 * {@link cn.govcloud.guard.notify.Inbox}, {@link cn.govcloud.guard.notify.Notifier}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications",
        allowedDependencies = {"shared", "crypto", "audit", "identity"})
package cn.govcloud.guard.notify;
