package cn.govcloud.guard.identity.web;

import java.util.List;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.UserSearch;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.IdentityManagement.NewUser;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The system administrator's users: list with masked mobiles, create, enable or disable, and
 * showing one full number on request (the service audits each viewing).
 */
@Controller
@RequestMapping("/admin/users")
class UserPages {
    private static final IdentityLists.Shape SHAPE = new IdentityLists.Shape("/admin/users", "users", UserSearch.STATES,
            "identity.users.state.", List.of());
    private final IdentityManagement identity;
    private final UserSearch search;
    private final FormRefusals messages;
    private final Clock clock;

    private final FieldEncryption encryption;
    private static final String REVEALED_ID = "revealedUserId";
    private static final String REVEALED_MOBILE = "revealedUserMobile";
    private static final String CONTEXT = "flash.identity.user-mobile.";

    UserPages(IdentityManagement identity, UserSearch search, FormRefusals messages, Clock clock, FieldEncryption encryption) {
        this.search = search;
        this.encryption = encryption;
        this.identity = identity;
        this.messages = messages;
        this.clock = clock;
    }

    /** The initial password is never echoed back into the page. */
    record UserForm(String username, String displayName, String orgId, String mobile, String initialPassword) {
        UserForm withoutPassword() {
            return new UserForm(username, displayName, orgId, mobile, null);
        }
    }

    @GetMapping
    @Allow(Role.SYSTEM_ADMIN)
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String unit,
                @RequestParam(required = false) String state, @RequestParam(required = false) String page,
                @RequestParam(required = false) String size, Model model, HttpServletResponse response) {
        model.addAttribute("filter", ListFilter.of(q, unit, state, UserSearch.STATES, null, page, size));
        Object sealed = model.getAttribute(REVEALED_MOBILE);
        model.asMap().remove(REVEALED_MOBILE);
        if (model.getAttribute(REVEALED_ID) instanceof Long id && sealed instanceof String s) {
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("revealedId", id);
            model.addAttribute("revealedMobile", encryption.open(CONTEXT + id, s));
        }
        return page(model, new UserForm("", "", "", "", null), Map.of());
    }

    @PostMapping
    @Allow(Role.SYSTEM_ADMIN)
    String create(UserForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            identity.createUser(new NewUser(form.username(), form.displayName(), id(form.orgId()), form.mobile(),
                    form.initialPassword()));
            redirect.addFlashAttribute("created", form.username());
            return "redirect:/admin/users";
        } catch (InvalidInput e) {
            response.setStatus(422);
            return page(model, form.withoutPassword(), messages.fieldErrors(e, Map.of("password", "initialPassword")));
        }
    }

    @PostMapping("/{id}/enabled")
    @Allow(Role.SYSTEM_ADMIN)
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        try {
            identity.setEnabled(id, enabled);
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInput | NotFound e) {
            redirect.addFlashAttribute("actionError", e instanceof InvalidInput i ? messages.text(i.getMessage())
                    : messages.get("identity.users.notFound"));
        }
        return "redirect:/admin/users";
    }

    /**
     * Post/redirect/get (issue 23 point 3): the number is flashed, sealed with SM4-GCM (the session store holds only
     * ciphertext), to the list, which shows it once; a refresh shows the masked number again.
     */
    @PostMapping("/{id}/mobile")
    @Allow(Role.SYSTEM_ADMIN)
    String revealMobile(@PathVariable long id, RedirectAttributes redirect) {
        try {
            String mobile = identity.revealMobile(id);
            redirect.addFlashAttribute(REVEALED_ID, id);
            redirect.addFlashAttribute(REVEALED_MOBILE, encryption.seal(CONTEXT + id, mobile == null ? "" : mobile));
        } catch (NotFound e) {
            redirect.addFlashAttribute("actionError", messages.get("identity.users.notFound"));
        }
        return "redirect:/admin/users";
    }

    private String page(Model model, UserForm form, Map<String, String> errors) {
        // issue 23 point 11: searched, filtered and paged in SQL; the search form and pager are templates/fragments/lists.html
        ListFilter filter = model.getAttribute("filter") instanceof ListFilter f ? f : ListFilter.none();
        List<OrganisationView> organisations = identity.organisations();
        IdentityLists.show(model, SHAPE, filter, filter.query(), search.users(filter), organisations);
        model.addAttribute("allUsers", identity.users()); // the mobile-number form chooses among every account, not this page's
        Map<Long, String> organisationNames = new java.util.LinkedHashMap<>();
        organisations.forEach(o -> organisationNames.put(o.id(), o.name()));
        model.addAttribute("organisationIds", organisationNames.keySet());
        model.addAttribute("organisationNames", organisationNames);
        // never the password
        IdentityLists.typed(model, errors, "username", form.username(), "displayName", form.displayName(), "orgId", form.orgId(),
                "mobile", form.mobile());
        model.addAttribute("now", clock.instant());
        return "identity/users";
    }

    static long id(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
