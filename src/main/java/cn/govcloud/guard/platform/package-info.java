/**
 * The provider's side of the platform (A5, A6): for now the certification register of A5.2 —
 * each report filed with the supervisor within 15 working days of its issue date, its validity
 * and the next one's due date. Hardware, network lines, supply chain and exit come later.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cloud platform (provider)")
package cn.govcloud.guard.platform;
