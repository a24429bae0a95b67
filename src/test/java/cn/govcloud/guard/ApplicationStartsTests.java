package cn.govcloud.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@AppTest
class ApplicationStartsTests {
    @Autowired
    JdbcClient jdbc;

    @Test
    void migrationsRunOnStart() {
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single()).isPositive();
    }
}
