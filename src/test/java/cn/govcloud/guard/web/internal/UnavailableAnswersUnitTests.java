package cn.govcloud.guard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/** Issue 20 point 6: the database being away is a 503, however Spring wraps the broken connection. */
class UnavailableAnswersUnitTests {

    @Test
    void A5_3_aRollbackThatFailedOnABrokenConnectionIsTheDatabaseAway() {
        var broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(UnavailableAnswers.databaseUnreachable(new TransactionSystemException("JDBC rollback failed", broken))).isTrue();
    }

    @Test
    void A5_3_aRollbackThatFailedAfterTheQueryMetTheCutIsTheDatabaseAway() {
        var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException("I/O error",
                new SQLException("An I/O error occurred while sending to the backend.")));
        assertThat(UnavailableAnswers.databaseUnreachable(rollback)).isTrue();
    }

    @Test
    void A5_3_otherFailuresAreNot() {
        var constraint = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(UnavailableAnswers.databaseUnreachable(new TransactionSystemException("JDBC commit failed", constraint))).isFalse();
        assertThat(UnavailableAnswers.databaseUnreachable(new IllegalStateException("bug"))).isFalse();
    }
}
