/**
 * The security-responsibility roster of each unit (安全责任名单, issue 22 point 2; 第一条 责任制, A4 谁使用谁负责):
 * its 主要负责人, 分管领导 and 网络安全管理员 with post, office phone and mobile (sealed, shown masked, revealed
 * one unit at a time and audited), its 7×24 on-call phone, and the signed yearly 网络安全责任书, whose upload
 * fulfils the catalog's yearly duty {@code A4-responsibility-letter} — at once, or, uploaded before the duty exists, the
 * moment the duty engine raises it (duties' {@link cn.govcloud.guard.duties.RecurringDutiesRaised}). Implements notify's
 * {@link cn.govcloud.guard.notify.OnCallPhones}, so the SMS escalation of a critical notice also pages the unit's
 * on-call phone. Public API: {@link cn.govcloud.guard.roster.Rosters}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security-responsibility roster",
        allowedDependencies = {"shared", "crypto", "audit", "identity", "calendar", "rules", "documents", "duties", "notify"})
package cn.govcloud.guard.roster;
