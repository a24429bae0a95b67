/** The UI shell: layout, navigation by role, home pages, error pages, languages; problem details for the API. */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package cn.govcloud.guard.web;
