/**
 * SIEM out (issue 21 point 2, A5.3, A7.4, A10.1): the operation log — and with it every alert, hazard,
 * incident and duty state change, which are all audited — streamed to the city's SOC as RFC 5424
 * syslog (TLS per RFC 5425, UDP per RFC 5426) or as JSON lines to a webhook, one stored cursor per
 * destination. Public API: {@link cn.govcloud.guard.siem.SiemDestinations}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SIEM out",
        allowedDependencies = {"shared", "crypto", "audit"})
package cn.govcloud.guard.siem;
