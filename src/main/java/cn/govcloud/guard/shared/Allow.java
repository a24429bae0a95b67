package cn.govcloud.guard.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a request handler. Every handler must carry it (on the method or the class) or
 * {@link PublicEndpoint}; a handler with neither is refused to everybody. The authorisation
 * matrix test reads the same annotation, so a new endpoint is checked without anyone adding it.
 * {@link #scopes()} lets machine clients with an API token of that scope in as well.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allow {
    Role[] value() default {};

    /** API-token scopes that may call it, e.g. {@code alerts:write}. */
    String[] scopes() default {};

    /** Any signed-in person, whatever the role (e.g. their own profile). */
    boolean anyUser() default false;
}
