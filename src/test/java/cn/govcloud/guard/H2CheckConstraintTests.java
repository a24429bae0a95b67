package cn.govcloud.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The embedded database must keep enforcing the migrations' CHECK constraints after the
 * connection that created them is gone (the pool retires connections after 30 minutes). H2
 * 2.4.240 does not: it then refuses every row with "Check constraint invalid". The pom pins a
 * version that works; this test fails if an upgrade brings the bug back.
 */
class H2CheckConstraintTests {

    @Test
    void aTextCheckConstraintStillWorksAfterTheConnectionThatCreatedItClosed() throws Exception {
        Path dir = Files.createTempDirectory("h2-check");
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection keepOpen = DriverManager.getConnection(url, "sa", "")) {
            try (Connection migrating = DriverManager.getConnection(url, "sa", "")) {
                migrating.createStatement().execute("create table probe (state varchar(16) not null, "
                        + "constraint probe_state check (state in ('OPEN','CLOSED')))");
            }
            try (Connection later = DriverManager.getConnection(url, "sa", "")) {
                assertThat(later.createStatement().executeUpdate("insert into probe values ('OPEN')")).isEqualTo(1);
                assertThatThrownBy(() -> later.createStatement().executeUpdate("insert into probe values ('LOST')"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("probe_state");
            }
        }
    }
}
