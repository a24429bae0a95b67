package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.identity.internal.Logins;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API login as API.md fixes it: 200 with a bearer token, 401 alike for unknown user and wrong password, 423 when locked. */
@RestController
@RequestMapping("/api/v1")
class AuthApiController {
    private final Logins logins;

    AuthApiController(Logins logins) {
        this.logins = logins;
    }

    record LoginRequest(@NotNull @Size(max = 200) String username, @NotNull @Size(max = 200) String password,
                        @Size(max = 10) String otp) {
    }

    record LoginResponse(String token, Instant expiresAt) {
    }

    @PostMapping("/auth/login")
    @PublicEndpoint("signing in is how one gets a token")
    ResponseEntity<?> login(@RequestBody @jakarta.validation.Valid LoginRequest body, HttpServletRequest request) {
        Logins.ApiLogin result = logins.apiLogin(body.username(), body.password(), body.otp(), request.getRemoteAddr());
        if (result instanceof Logins.Token t) {
            return ResponseEntity.ok(new LoginResponse(t.token(), t.expiresAt()));
        }
        Logins.Refused r = (Logins.Refused) result;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(r.status()), r.detail());
        if (r.unlocksAt() != null) {
            problem.setProperty("unlocksAt", r.unlocksAt());
        }
        if (r.otpRequired()) {
            problem.setProperty("otpRequired", true);
        }
        var builder = ResponseEntity.status(r.status());
        if (r.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @PostMapping("/auth/logout")
    @Allow(anyUser = true)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    ResponseEntity<Void> logout(@RequestHeader("Authorization") String authorization) {
        logins.apiLogout(authorization.substring(7).strip());
        return ResponseEntity.noContent().build();
    }

    record Me(long id, String username, String displayName, long orgId, String orgName, String orgKind, Set<String> roles,
              Set<String> scopes) {
    }

    @GetMapping("/me")
    @Allow(anyUser = true)
    Me me() {
        Actor a = Actor.require();
        return new Me(a.userId(), a.username(), a.displayName(), a.orgId(), a.orgName(), a.orgKind().name(),
                a.roles().stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                a.scopes());
    }
}
