/** The demo city (包头市), created on first start in demo mode through the same services a user calls. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo city")
package cn.govcloud.guard.demo;
