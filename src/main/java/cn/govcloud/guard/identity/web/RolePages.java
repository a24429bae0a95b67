package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.IdentityManagement.UserView;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The security administrator grants roles, one user at a time, only those the user's organisation kind allows (A3, 三权分立). */
@Controller
@RequestMapping("/admin/roles")
class RolePages {
    private final IdentityManagement identity;
    private final FormRefusals messages;

    RolePages(IdentityManagement identity, FormRefusals messages) {
        this.identity = identity;
        this.messages = messages;
    }

    /** One user's row: the roles offered, those ticked, and the refusal if saving failed. */
    record Row(UserView user, List<Role> allowed, Set<Role> checked, String error) {
    }

    @GetMapping
    @Allow(Role.SECURITY_ADMIN)
    String list(Model model) {
        return page(model, 0, null, null);
    }

    @PostMapping("/{id}")
    @Allow(Role.SECURITY_ADMIN)
    String save(@PathVariable long id, @RequestParam(name = "roles", required = false) List<String> roles, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        Set<Role> chosen = EnumSet.noneOf(Role.class);
        if (roles != null) {
            for (String r : roles) {
                Arrays.stream(Role.values()).filter(x -> x.name().equals(r)).findFirst().ifPresent(chosen::add);
            }
        }
        String error;
        try {
            identity.assignRoles(id, chosen);
            redirect.addFlashAttribute("savedUser", id);
            return "redirect:/admin/roles";
        } catch (RuleViolation e) {
            error = messages.ruleViolation(e);
        } catch (InvalidInput e) {
            error = messages.text(e.getMessage());
        } catch (NotFound e) {
            error = messages.get("identity.users.notFound");
        }
        response.setStatus(409);
        return page(model, id, chosen, error);
    }

    private String page(Model model, long refusedId, Set<Role> refusedChoice, String error) {
        List<Row> rows = identity.users().stream().map(u -> {
            List<Role> allowed = Arrays.stream(Role.values()).filter(r -> r.allowedFor(u.orgKind())).toList();
            boolean refused = u.id() == refusedId;
            return new Row(u, allowed, refused ? refusedChoice : u.roles(), refused ? error : null);
        }).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("error", refusedId != 0 && rows.stream().noneMatch(r -> r.user().id() == refusedId) ? error : null);
        return "identity/roles";
    }
}
