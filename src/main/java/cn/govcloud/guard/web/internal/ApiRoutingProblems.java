package cn.govcloud.guard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details for the errors Spring raises before any controller is chosen (unknown path, wrong
 * method or content type, an upload over the size limit): {@link ApiProblems} never sees those, as it
 * is bound to {@code @RestController}s. Decided by path, so browsers still get the HTML error pages:
 * rethrowing the original exception hands it back to Spring's default handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiRoutingProblems {
    private final String maxFile;
    private final String maxRequest;

    ApiRoutingProblems(@org.springframework.beans.factory.annotation.Value("${spring.servlet.multipart.max-file-size:1MB}") String maxFile,
                       @org.springframework.beans.factory.annotation.Value("${spring.servlet.multipart.max-request-size:10MB}") String maxRequest) {
        this.maxFile = maxFile;
        this.maxRequest = maxRequest;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class,
            HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<ProblemDetail> routing(Exception e, HttpServletRequest request) throws Exception {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/") || !(e instanceof ErrorResponse error)) {
            throw e;
        }
        ProblemDetail problem = error.getBody();
        if (error.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
            problem.setDetail("No API endpoint at this path.");
        } else if (e instanceof MaxUploadSizeExceededException) {
            // say the limit (issue 20 point 11): the caller can then split or shrink the file
            problem.setDetail("The upload is larger than the platform accepts: at most " + maxFile + " per file and " + maxRequest
                    + " per request.");
            problem.setProperty("maxFileSize", maxFile);
            problem.setProperty("maxRequestSize", maxRequest);
        }
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
