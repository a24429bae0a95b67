/**
 * The provider's side of the platform (A5, A6): the certification register of A5.2 (each report
 * filed with the supervisor within 15 working days of its issue date); hardware with its 信创 share
 * and the BC/DR evidence (A5.1); the supply chain with CycloneDX SBOM imports, risk assessment
 * before use and security agreements (A5.5); the provider exit with migration tasks and the
 * data-clearance report (A5.6); external network lines and interfaces (A6). Other modules use
 * {@link cn.govcloud.guard.platform.PlatformRegisters}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cloud platform (provider)",
        allowedDependencies = {"shared", "audit", "calendar", "rules", "documents", "notify", "duties", "systems"})
package cn.govcloud.guard.platform;
