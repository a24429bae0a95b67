package cn.govcloud.guard.shared;

import static cn.govcloud.guard.shared.Role.*;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The provider and the units: those who act on the cloud and file what the supervisor asks. A role group of {@link Allow}: the interceptor, the navigation and the authorisation matrix test read it merged. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Allow({PROVIDER_OPERATOR, UNIT_SECURITY_OFFICER, UNIT_STAFF})
public @interface AllowProviderAndUnits {
}
