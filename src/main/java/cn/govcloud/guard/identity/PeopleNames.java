package cn.govcloud.guard.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person as pages show them: by name and organisation (「王建国（包头市大数据中心）」), never by the username the records
 * store (issue 23 point 4). Templates: {@code ${@people.name(c.openedBy)}}. What is not a username — a name typed into
 * a form, a desk's name — comes back unchanged; {@code system} (the platform's own jobs) reads 「系统」. Names are kept
 * for a few minutes, so a list of a hundred rows asks the database once per person, not once per row.
 */
@Component("people")
public class PeopleNames {
    private static final Duration KEEP = Duration.ofMinutes(5);

    private record Known(String label, Instant until) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    PeopleNames(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String name(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        if (username.equals("system")) {
            return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage()) ? "the platform" : "系统";
        }
        Instant now = clock.instant();
        Known hit = known.get(username);
        if (hit == null || hit.until().isBefore(now)) {
            String label = jdbc.sql("""
                            select u.display_name, o.name from identity_user u join identity_organisation o on o.id = u.org_id
                             where u.username = :username""")
                    .param("username", username)
                    .query((rs, i) -> rs.getString(1) + "（" + rs.getString(2) + "）").optional().orElse(username);
            hit = new Known(label, now.plus(KEEP));
            if (known.size() > 10_000) {
                known.clear();
            }
            known.put(username, hit);
        }
        return hit.label();
    }
}
