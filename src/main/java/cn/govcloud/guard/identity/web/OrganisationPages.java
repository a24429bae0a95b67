package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.UserSearch;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The system administrator's list of organisations and the form to add one (A3). The list is searched by name, filtered
 * by kind and by whether it has people yet, paged and exported (issue 23 point 11); the form shows each refusal beside
 * its field and keeps what was typed (issue 23 point 9).
 */
@Controller
@RequestMapping("/admin/organisations")
class OrganisationPages {
    private static final IdentityLists.Shape SHAPE = new IdentityLists.Shape("/admin/organisations", "organisations",
            UserSearch.ORGANISATION_STATES, "identity.organisations.state.", List.of());
    private final IdentityManagement identity;
    private final UserSearch search;
    private final FormRefusals messages;

    OrganisationPages(IdentityManagement identity, UserSearch search, FormRefusals messages) {
        this.identity = identity;
        this.search = search;
        this.messages = messages;
    }

    record OrganisationForm(String name, String kind) {
    }

    /** What the list was asked: the common filters and the organisation's kind (null: any). */
    record Search(ListFilter filter, OrgKind kind) {
        /** The filters as a query string, for the pager and the export link. */
        String query() {
            String q = filter.query();
            return kind == null ? q : (q.isEmpty() ? "" : q + "&") + "kind=" + kind.name();
        }
    }

    /** Reads the list's parameters; the unit and due filters of other lists mean nothing here and are refused, not ignored. */
    static Search search(Map<String, String> params) {
        ListParameters p = ListParameters.of(params);
        OrgKind kind = p.choice("kind", OrgKind.class);
        for (String foreign : List.of("unit", "due")) {
            if (params.get(foreign) != null && !params.get(foreign).isBlank()) {
                p.refuse(foreign, "list.error.choice");
            }
        }
        ListFilter filter = ListFilter.of(p, UserSearch.ORGANISATION_STATES);
        return new Search(filter, kind);
    }

    @GetMapping
    @Allow(Role.SYSTEM_ADMIN)
    String list(@RequestParam Map<String, String> params, Model model) {
        return page(model, search(params), new OrganisationForm("", OrgKind.UNIT.name()), Map.of());
    }

    /** Post/redirect/get: the list says what was created and what comes next; a refusal re-renders beside the fields, nothing saved. */
    @PostMapping
    @Allow(Role.SYSTEM_ADMIN)
    String create(OrganisationForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            identity.createOrganisation(form.name(), kind(form.kind()));
            redirect.addFlashAttribute("created", form.name().strip());
            return "redirect:/admin/organisations";
        } catch (InvalidInput e) {
            response.setStatus(422);
            return page(model, new Search(ListFilter.none(), null), form, messages.fieldErrors(e));
        }
    }

    private String page(Model model, Search asked, OrganisationForm form, Map<String, String> errors) {
        ListFilter filter = asked.filter();
        IdentityLists.show(model, SHAPE, filter, asked.query(), search.organisations(filter, asked.kind()), List.of());
        model.addAttribute("kind", asked.kind() == null ? null : asked.kind().name());
        model.addAttribute("kinds", Arrays.stream(OrgKind.values()).map(Enum::name).toList());
        IdentityLists.typed(model, errors, "name", form.name(), "kind", form.kind());
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
