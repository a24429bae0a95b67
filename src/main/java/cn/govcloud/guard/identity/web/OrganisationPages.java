package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The system administrator's list of organisations and the form to add one (A3). */
@Controller
@RequestMapping("/admin/organisations")
class OrganisationPages {
    private final IdentityManagement identity;
    private final FormRefusals messages;

    OrganisationPages(IdentityManagement identity, FormRefusals messages) {
        this.identity = identity;
        this.messages = messages;
    }

    record OrganisationForm(String name, String kind) {
    }

    @GetMapping
    @Allow(Role.SYSTEM_ADMIN)
    String list(Model model) {
        return page(model, new OrganisationForm("", OrgKind.UNIT.name()), Map.of());
    }

    @PostMapping
    @Allow(Role.SYSTEM_ADMIN)
    String create(OrganisationForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            identity.createOrganisation(form.name(), kind(form.kind()));
            redirect.addFlashAttribute("created", form.name().strip());
            return "redirect:/admin/organisations";
        } catch (InvalidInput e) {
            response.setStatus(422);
            return page(model, form, messages.fieldErrors(e));
        }
    }

    private String page(Model model, OrganisationForm form, Map<String, String> errors) {
        model.addAttribute("organisations", identity.organisations());
        model.addAttribute("kinds", OrgKind.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "identity/organisations";
    }

    static OrgKind kind(String value) {
        try {
            return value == null ? null : OrgKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
