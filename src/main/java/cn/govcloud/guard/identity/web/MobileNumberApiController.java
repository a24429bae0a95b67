package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.identity.MobileNumbers;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mobile numbers over the API (issue 21 point 4): {@code {"mobile": "13812345678"}} sets, {@code {"mobile": ""}}
 * removes; the answer shows the number masked only. A missing {@code mobile} is a 400 naming the field.
 */
@RestController
@RequestMapping("/api/v1")
class MobileNumberApiController {
    private final MobileNumbers mobiles;

    MobileNumberApiController(MobileNumbers mobiles) {
        this.mobiles = mobiles;
    }

    /** A person's number as a new value: the 11 digits, or "" to remove it. */
    record MobileChange(String mobile) {
    }

    /** The stored number, masked ({@code 138****1234}); null when none. */
    record MobileNumber(long userId, String mobileMasked) {
    }

    @PutMapping("/users/{id}/mobile")
    @Allow(Role.SYSTEM_ADMIN)
    MobileNumber change(@PathVariable long id, @RequestBody MobileChange body) {
        return new MobileNumber(id, mobiles.change(id, body.mobile()));
    }

    @PutMapping("/me/mobile")
    @Allow(anyUser = true)
    MobileNumber changeOwn(@RequestBody MobileChange body) {
        String masked = mobiles.changeOwn(body.mobile());
        return new MobileNumber(Actor.require().userId(), masked);
    }
}
