package cn.govcloud.guard.shared;

import static cn.govcloud.guard.shared.Role.*;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Every party of the Measures (supervisor, regulators, provider, units), not the three separated administrators; what each sees is scoped by its organisation. A role group of {@link Allow}: the interceptor, the navigation and the authorisation matrix test read it merged. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Allow({SUPERVISOR, REGULATOR, PROVIDER_OPERATOR, UNIT_SECURITY_OFFICER, UNIT_STAFF})
public @interface AllowParties {
}
