package cn.govcloud.guard.rules;

import java.time.Duration;
import java.util.List;

/**
 * One value the Measures leave open that is not a rule's deadline (a window, a threshold), held in
 * the catalog's {@code settings} with a note on why, so a district overlay (A13) can change it like
 * a deadline instead of an operator changing code or an environment variable.
 *
 * @param type       {@code duration} (ISO-8601, e.g. PT1H), {@code number} (a whole number ≥ 0) or
 *                   {@code choice} (one of {@code options})
 * @param value      the value in force, as written (an overlay's when it changes it)
 * @param overridden whether a district overlay changed it
 */
public record CatalogSetting(String id, String article, String title, String titleEn, String type, String value, List<String> options,
                             String note, boolean overridden) {
    public static final List<String> TYPES = List.of("duration", "number", "choice");

    public CatalogSetting {
        options = List.copyOf(options);
    }

    /** The value as a duration; only for {@code type: duration} (checked when the catalog is read). */
    public Duration duration() {
        return Duration.parse(value);
    }

    public int number() {
        return Integer.parseInt(value);
    }

    /** The value's position among the options (0 first), for an ordered choice such as a severity. */
    public int rank() {
        return options.indexOf(value);
    }

    CatalogSetting withValue(String newValue) {
        return new CatalogSetting(id, article, title, titleEn, type, newValue, options, note, !newValue.equals(value) || overridden);
    }

    /** The same setting with an overlay's value; used by the catalog service. */
    public CatalogSetting overriddenWith(String newValue) {
        return withValue(newValue);
    }
}
