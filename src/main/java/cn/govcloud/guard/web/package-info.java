/** The UI shell: layout, navigation by role, home pages, error pages, languages; problem details for the API. */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell",
        allowedDependencies = {"shared", "audit", "identity", "calendar", "rules", "notify", "duties", "systems", "hazards", "incidents"})
package cn.govcloud.guard.web;
