/**
 * Telling people what they owe (A10.1): the in-app inbox now; e-mail and webhooks come with
 * the hazards work. Public API: {@link cn.govcloud.guard.notify.Inbox}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package cn.govcloud.guard.notify;
