package cn.govcloud.guard.supervision.scheduling;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The optional query parameters of the supervision's lists, pages, exports and API alike (issue 23 point 11), as the
 * OpenAPI document names them. The handler takes the request's own parameter map ({@code @Parameter(hidden = true)
 * @RequestParam Map<String, String>}) and reads it through {@link cn.govcloud.guard.shared.ListParameters} (in
 * {@link ListPages#filter}), so a bad value is refused naming it rather than failing to bind. Without {@code page} and
 * {@code size} an API list answers every matching row, as it did before.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameters({
        @Parameter(name = "q", in = ParameterIn.QUERY, description = "keyword"),
        @Parameter(name = "unit", in = ParameterIn.QUERY, description = "owning unit's organisation id"),
        @Parameter(name = "state", in = ParameterIn.QUERY, description = "state"),
        @Parameter(name = "due", in = ParameterIn.QUERY, description = "week or past"),
        @Parameter(name = "page", in = ParameterIn.QUERY, description = "zero-based page"),
        @Parameter(name = "size", in = ParameterIn.QUERY, description = "rows per page: 20, 50 or 100")})
public @interface ListParams {
}
