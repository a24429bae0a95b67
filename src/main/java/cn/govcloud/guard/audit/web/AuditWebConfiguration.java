package cn.govcloud.guard.audit.web;

import cn.govcloud.guard.audit.AuditLog;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Places the request audit around Spring Security's filter chain (order -100 in Spring Boot) and the actor capture inside it. */
@Configuration(proxyBeanMethods = false)
class AuditWebConfiguration {
    private static final int SECURITY_FILTER_ORDER = -100;

    @Bean
    FilterRegistrationBean<RequestAuditFilter> requestAuditFilter(AuditLog auditLog) {
        var registration = new FilterRegistrationBean<>(new RequestAuditFilter(auditLog));
        registration.setOrder(SECURITY_FILTER_ORDER - 2); // outside the text policy (-101), which it then audits
        return registration;
    }

    @Bean
    FilterRegistrationBean<ActorCapture> auditActorCapture() {
        var registration = new FilterRegistrationBean<>(new ActorCapture());
        registration.setOrder(SECURITY_FILTER_ORDER + 1);
        return registration;
    }
}
