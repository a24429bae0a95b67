package cn.govcloud.guard.web.internal;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as RFC 9457 problem details, so scanners, gateways and scripts get one
 * shape and never a parser message or stack trace. Limited to {@code @RestController}s: HTML pages
 * keep their error pages. Extending {@link ResponseEntityExceptionHandler} also replaces Spring
 * Boot's global problem-details handler, which would otherwise answer browsers with JSON.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalidInput(InvalidInput e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", text(e.getMessage()));
        Map<String, String> errors = new LinkedHashMap<>();
        e.fieldErrors().forEach((field, message) -> errors.put(field, text(message)));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** 409 naming the requirement id in the type, the title and a {@code rule} property (API.md). */
    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Refused by rule " + e.rule(), text(e.getMessage()));
        problem.setType(URI.create("urn:govcloud-guard:rule:" + e.rule()));
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(Unprocessable.class)
    ProblemDetail unprocessable(Unprocessable e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot be processed", text(e.getMessage()));
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    /** An anonymous caller is Spring Security's to answer (401); a signed-in one is refused here. */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken) {
            throw e;
        }
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "You may not do this.");
    }

    /**
     * Two requests changed the same thing at once (issue 20 point 4): a lock not granted in time, a
     * deadlock victim, a version check or unique key lost. The winner's change stands; the loser
     * gets a 409 it can retry after reloading, never a 500.
     */
    @ExceptionHandler({org.springframework.dao.ConcurrencyFailureException.class, org.springframework.dao.DuplicateKeyException.class})
    ProblemDetail concurrentChange(org.springframework.dao.DataAccessException e, HttpServletRequest request) {
        log.info("Concurrent change refused on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMostSpecificCause().toString());
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Concurrent change",
                "Another request changed the same record at the same moment; reload it and try again if still needed.");
        problem.setType(URI.create("urn:govcloud-guard:problem:concurrent-change"));
        return problem;
    }

    /**
     * The database (or the audit log, which refuses to let a write go unrecorded) cannot be reached
     * right now (issue 20 point 6): 503 with Retry-After; the pool reconnects by itself.
     */
    @ExceptionHandler({org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.TransientDataAccessResourceException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
        log.warn("Service unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                "The database or the audit log cannot be reached at the moment, so nothing was changed; try again shortly.");
        problem.setType(URI.create("urn:govcloud-guard:problem:unavailable"));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A commit or rollback that failed because the connection broke is the database being away, not a bug (issue 20 point 6). */
    @ExceptionHandler(org.springframework.transaction.TransactionSystemException.class)
    ResponseEntity<ProblemDetail> transactionFailed(org.springframework.transaction.TransactionSystemException e, HttpServletRequest request) {
        if (UnavailableAnswers.databaseUnreachable(e)) {
            return unavailable(e, request);
        }
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(unexpected(e, request));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The server could not complete the request. The error has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // a value of the wrong kind in a named field (issue 20 point 10): say which field and why, never the parser's
        // own message, which would echo the input and our classes back to the caller
        Map<String, String> noted = new LinkedHashMap<>(InputProblems.drain()); // what was noted before reading stopped
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (var ref : mismatch.getPath()) {
                if (ref.getPropertyName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            Class<?> target = mismatch.getTargetType();
            String why;
            if (target == String.class && cause instanceof tools.jackson.databind.exc.InvalidFormatException) {
                why = mismatch.getOriginalMessage().replaceAll("(?s).*?: ", ""); // the text policy's reason
            } else if (target != null && (target == int.class || target == Integer.class || target == long.class || target == Long.class
                    || target == short.class || target == Short.class)) {
                why = "must be a whole number";
            } else {
                why = "has the wrong type" + (target == null ? "" : " (expected " + typeName(target) + ")");
            }
            noted.putIfAbsent(field.isEmpty() ? "body" : field.toString(), why);
            return ResponseEntity.badRequest().body(validationProblem(noted));
        }
        if (!noted.isEmpty()) {
            noted.putIfAbsent("body", "malformed JSON: the rest of the request body could not be read");
            return ResponseEntity.badRequest().body(validationProblem(noted));
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                "malformed JSON: the request body could not be read"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        ex.getBindingResult().getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(), text(error)));
        ex.getBindingResult().getGlobalErrors().forEach(error -> errors.putIfAbsent(error.getObjectName(), text(error)));
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        ex.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors beanErrors) {
                for (FieldError error : beanErrors.getFieldErrors()) {
                    errors.putIfAbsent(error.getField(), text(error));
                }
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error -> errors.putIfAbsent(name == null ? "parameter" : name, text(error)));
            }
        });
        return ResponseEntity.status(status).body(validationProblem(errors));
    }

    private static String typeName(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return type == String.class ? "text" : "an object";
    }

    private ProblemDetail validationProblem(Map<String, String> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", "Some fields are not valid.");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private String text(MessageSourceResolvable resolvable) {
        MessageSource messages = getMessageSource();
        return messages == null ? resolvable.getDefaultMessage()
                : messages.getMessage(resolvable, LocaleContextHolder.getLocale());
    }

    /** Modules may throw with a bundle key instead of text; plain text passes through unchanged. */
    private String text(String keyOrText) {
        MessageSource messages = getMessageSource();
        return messages == null || keyOrText == null ? keyOrText
                : messages.getMessage(keyOrText, null, keyOrText, LocaleContextHolder.getLocale());
    }
}
