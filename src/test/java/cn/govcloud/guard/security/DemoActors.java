package cn.govcloud.guard.security;

import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;

/** The Actor of a seeded demo account, read from the database, for UI requests in tests. */
public final class DemoActors {
    private DemoActors() {
    }

    public static Authentication authentication(JdbcClient jdbc, String username) {
        return TestActors.as(actor(jdbc, username));
    }

    public static Actor actor(JdbcClient jdbc, String username) {
        return jdbc.sql("""
                select u.id, u.username, u.display_name, u.org_id, o.name, o.kind from identity_user u
                  join identity_organisation o on o.id = u.org_id where u.username = :u""")
                .param("u", username)
                .query((rs, i) -> {
                    long id = rs.getLong(1);
                    Set<Role> roles = jdbc.sql("select role from identity_user_role where user_id = :id").param("id", id)
                            .query(String.class).list().stream().map(Role::valueOf).collect(Collectors.toSet());
                    return new Actor(id, rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            OrgKind.valueOf(rs.getString(6)), roles, Set.of(), false);
                }).single();
    }
}
