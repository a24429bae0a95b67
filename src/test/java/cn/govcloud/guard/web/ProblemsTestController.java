package cn.govcloud.guard.web;

import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.RuleViolation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints that throw each kind of error, so the API's problem details can be checked. */
@RestController
@Allow(anyUser = true)
class ProblemsTestController {

    record Body(@NotBlank String name) {
    }

    @PostMapping(path = "/api/test/problems/echo", consumes = "application/json")
    Map<String, String> echo(@Valid @RequestBody Body body) {
        return Map.of("name", body.name());
    }

    @GetMapping("/api/test/problems/rule")
    void rule() {
        throw new RuleViolation("A11.1", "no signed security responsibility agreement");
    }

    @GetMapping("/api/test/problems/invalid")
    void invalid() {
        throw new InvalidInput("bad system", Map.of("mlpsLevel", "must be 1 to 5"));
    }

    @GetMapping("/api/test/problems/missing")
    void missing() {
        throw new NotFound("system 42");
    }

    @GetMapping("/api/test/problems/boom")
    void boom() {
        throw new IllegalStateException("secret internals at com.example.Foo");
    }
}
