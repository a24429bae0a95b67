/** The demo city (包头市), created on first start in demo mode through the same services a user calls. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo city",
        allowedDependencies = {"shared", "identity", "calendar", "documents", "duties", "systems", "systems :: inventory", "hazards", "hazards :: intake", "incidents", "access", "data", "platform", "supervision", "ticketing", "roster"})
package cn.govcloud.guard.demo;
