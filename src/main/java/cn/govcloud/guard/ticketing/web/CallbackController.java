package cn.govcloud.guard.ticketing.web;

import cn.govcloud.guard.shared.PublicEndpoint;
import cn.govcloud.guard.ticketing.Callback;
import cn.govcloud.guard.ticketing.internal.Callbacks;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service desk's callback (issue 21 point 5): no user session and no API token — the desk is authenticated by the
 * HMAC signature of its shared secret over timestamp and body alone (see {@link Callbacks}). 200 with what the hazard is
 * now (a replay of the same event id: the same answer, {@code X-Govguard-Replay: true}); 401 for a bad signature, a stale
 * timestamp or an unknown desk; 404 for a ticket this desk was never sent; 409 when the hazard's loop refuses the step (A10.2).
 */
@RestController
class CallbackController {
    private final Callbacks callbacks;

    CallbackController(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping(path = "/api/v1/ticketing/callback/{desk}", consumes = "application/json")
    @PublicEndpoint("a service desk's callback, authenticated by its HMAC signature (issue 21 point 5), not by a session or token")
    ResponseEntity<Callback.Result> callback(@PathVariable("desk") long desk,
                                             @RequestHeader(name = "X-Govguard-Timestamp", required = false) String timestamp,
                                             @RequestHeader(name = "X-Govguard-Signature", required = false) String signature,
                                             @RequestBody byte[] body) {
        Callbacks.Outcome outcome = callbacks.handle(desk, timestamp, signature, body);
        return ResponseEntity.ok().header("X-Govguard-Replay", Boolean.toString(outcome.replayed())).body(outcome.result());
    }

    @ExceptionHandler(Callbacks.Unauthenticated.class)
    ResponseEntity<ProblemDetail> unauthenticated(Callbacks.Unauthenticated e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Unauthorized");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "HMAC realm=\"ticketing\"")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
