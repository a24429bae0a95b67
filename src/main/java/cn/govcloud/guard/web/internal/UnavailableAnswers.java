package cn.govcloud.guard.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database unreachable (a PostgreSQL restart, a network cut) where no controller advice can
 * answer — in the security filters, which look up session and API tokens: a 503 problem with
 * {@code Retry-After} instead of a 500 (issue 20 point 6). The pool reconnects by itself once the
 * database is back; nothing was changed by the refused request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnavailableAnswers extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(UnavailableAnswers.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!databaseUnreachable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Service unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(("{\"type\":\"urn:govcloud-guard:problem:unavailable\",\"title\":\"Temporarily unavailable\","
                    + "\"status\":503,\"detail\":\"The database cannot be reached at the moment, so nothing was changed; try again shortly.\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08, connection exception: e.g. the broken connection under a failed rollback, which Spring
            // reports as TransactionSystemException ("JDBC rollback failed") and so hides the cut it comes from
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // the rollback's failure hides what made the transaction roll back: the query that met the cut
            if (t instanceof org.springframework.transaction.TransactionSystemException tx && tx.getApplicationException() != null
                    && databaseUnreachable(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }
}
