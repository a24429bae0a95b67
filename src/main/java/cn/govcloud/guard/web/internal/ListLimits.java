package cn.govcloud.guard.web.internal;

import cn.govcloud.guard.shared.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * One policy for the paging parameters of every API list (issue 20 point 10): {@code limit} and
 * {@code size} must be whole numbers from 1 to the list's maximum, {@code offset} and {@code page}
 * whole numbers from 0; anything else is refused with a 400 naming each parameter and its range,
 * never clamped silently. The maxima live here, in one table, so every list answers alike: 200 for a
 * page of any list, more only for the lists meant to be read whole (exports and registers).
 */
@Configuration(proxyBeanMethods = false)
class ListLimits implements WebMvcConfigurer, HandlerInterceptor {
    static final int DEFAULT_MAX = 200;
    /** Lists whose maximum differs from {@link #DEFAULT_MAX}, by their mapping pattern. */
    static final Map<String, Integer> MAX = Map.of(
            "/api/v1/duties/agenda", 50,
            "/api/v1/notify/deliveries", 500,
            "/api/v1/supply-chain/items", 5000,
            "/api/v1/supply-chain/findings", 5000,
            "/api/v1/compliance", 5000);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        int max = pattern == null ? DEFAULT_MAX : MAX.getOrDefault(pattern.toString(), DEFAULT_MAX);
        Map<String, String> errors = new LinkedHashMap<>();
        check(request, "limit", 1, max, errors);
        check(request, "size", 1, max, errors);
        check(request, "offset", 0, Integer.MAX_VALUE, errors);
        check(request, "page", 0, Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("Some paging parameters are out of range.", errors);
        }
        return true;
    }

    private static void check(HttpServletRequest request, String name, int min, int max, Map<String, String> errors) {
        String value = request.getParameter(name);
        if (value == null) {
            return;
        }
        String range = max == Integer.MAX_VALUE ? "a whole number from " + min : "a whole number from " + min + " to " + max;
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                errors.put(name, "must be " + range);
            }
        } catch (NumberFormatException e) {
            errors.put(name, "must be " + range);
        }
    }
}
