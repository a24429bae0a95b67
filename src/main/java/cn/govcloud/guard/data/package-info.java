/**
 * Data security (A7.1, A8.2, A8.3): each unit's data catalog — data sets per system with their
 * parts (personal, sensitive personal information …), classified by business area and graded
 * after GB/T 43697-2024 (核心数据, 重要数据, 一般数据 with levels 1–4) on a recorded basis (harm
 * object, severity), enforcing 就高从严; the city-wide catalog of important and core data for the
 * supervisor and the regulators (descriptions only, never the data); backup policies checked
 * against the catalog's minimum per grade, backup runs and restore tests; the cross-border
 * register. Findings are computed on read from these records, so they are always current.
 *
 * <p>Public API: {@link cn.govcloud.guard.data.DataSecurity}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data security: catalog, grading, backups, cross-border",
        allowedDependencies = {"shared", "audit", "identity", "calendar", "rules", "documents", "duties", "systems"})
package cn.govcloud.guard.data;
