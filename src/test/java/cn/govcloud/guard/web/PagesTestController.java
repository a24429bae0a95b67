package cn.govcloud.guard.web;

import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Test-only HTML endpoints that throw, so the error pages for domain exceptions can be checked. */
@Controller
@Allow(anyUser = true)
class PagesTestController {

    @GetMapping("/test/pages/rule")
    String rule() {
        throw new RuleViolation("A11.1", "no signed security responsibility agreement");
    }

    @GetMapping("/test/pages/missing")
    String missing() {
        throw new NotFound("system 42");
    }
}
