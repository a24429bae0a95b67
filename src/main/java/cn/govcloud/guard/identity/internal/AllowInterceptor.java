package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces {@link Allow} on every handler of the platform. Deny by default: a handler of ours
 * without {@code @Allow} or {@link PublicEndpoint} is refused to everybody (and the authorisation
 * matrix test fails), so a forgotten annotation can never open an endpoint.
 */
@Configuration(proxyBeanMethods = false)
class AllowInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    private static final Logger log = LoggerFactory.getLogger(AllowInterceptor.class);
    private static final String OUR_PACKAGE = "cn.govcloud.guard.";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith(OUR_PACKAGE)) {
            return true; // framework handlers (error page, OpenAPI) sit behind the filter chain's rules
        }
        if (AnnotatedElementUtils.hasAnnotation(method.getMethod(), PublicEndpoint.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PublicEndpoint.class)) {
            return true;
        }
        Allow allow = Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Allow.class))
                .orElseGet(() -> AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Allow.class));
        if (allow == null) {
            log.error("Handler {} has neither @Allow nor @PublicEndpoint: refused to everybody", method);
            throw new AccessDeniedException("endpoint not open to anyone");
        }
        Actor actor = Actor.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
        if (permits(allow, actor)) {
            return true;
        }
        throw new AccessDeniedException("role not allowed");
    }

    static boolean permits(Allow allow, Actor actor) {
        if (actor.machine()) {
            return Arrays.stream(allow.scopes()).anyMatch(actor.scopes()::contains);
        }
        if (allow.anyUser()) {
            return true;
        }
        return Arrays.stream(allow.value()).anyMatch(actor::has);
    }
}
