package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.identity.MobileNumbers;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing a mobile number (issue 21 point 4: SMS and 政务微信 / 政务钉钉 reach a person by it): the system
 * administrator on the users page, each person on their own account page. An empty number removes it.
 */
@Controller
class MobileNumberPages {
    private final MobileNumbers mobiles;
    private final FormRefusals messages;

    MobileNumberPages(MobileNumbers mobiles, FormRefusals messages) {
        this.mobiles = mobiles;
        this.messages = messages;
    }

    @PostMapping("/admin/users/mobile-number")
    @Allow(Role.SYSTEM_ADMIN)
    String change(@RequestParam long userId, @RequestParam String mobile, RedirectAttributes redirect) {
        try {
            mobiles.change(userId, mobile);
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInput | NotFound e) {
            redirect.addFlashAttribute("actionError", e instanceof InvalidInput i ? messages.text(i.fieldErrors().getOrDefault("mobile",
                    i.getMessage())) : messages.get("identity.users.notFound"));
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/account/mobile")
    @Allow(anyUser = true)
    String changeOwn(@RequestParam String mobile, RedirectAttributes redirect) {
        try {
            mobiles.changeOwn(mobile);
            redirect.addFlashAttribute("mobileChanged", true);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("mobileError", messages.text(e.fieldErrors().getOrDefault("mobile", e.getMessage())));
        }
        return "redirect:/account";
    }
}
