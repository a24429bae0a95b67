/**
 * Alerts and scan findings coming in (A10.1): scan reports (OpenVAS / Greenbone, Nessus), Suricata
 * EVE alerts and generic alerts, matched to hosted systems by address, deduplicated, with a triage
 * queue for what matches no system; a finding or alert becomes a hazard notice through
 * {@link cn.govcloud.guard.hazards.Hazards}. Exposed to the demo city as the named interface
 * {@code intake} ({@link cn.govcloud.guard.hazards.intake.Intake}).
 */
@org.springframework.modulith.NamedInterface("intake")
package cn.govcloud.guard.hazards.intake;
