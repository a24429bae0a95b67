package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.identity.ApiTokens;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.TimeConfiguration;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The security administrator's API tokens for machine clients. A new token's secret is written into
 * the page the creating POST redirects to, carried there sealed in a one-read flash attribute: shown once.
 */
@Controller
@RequestMapping("/admin/api-tokens")
class ApiTokenPages {
    private static final IdentityLists.Shape SHAPE = new IdentityLists.Shape("/admin/api-tokens", "tokens", ApiTokens.STATES,
            "identity.tokens.state.", ListFilter.DUES);
    private final ApiTokens tokens;
    private final IdentityManagement identity;
    private final FormRefusals messages;
    private final Clock clock;

    private final FieldEncryption encryption;
    private static final String ISSUED_ID = "issuedTokenId";
    private static final String ISSUED_SECRET = "issuedTokenSecret";
    private static final String CONTEXT = "flash.identity.api-token.";

    ApiTokenPages(ApiTokens tokens, IdentityManagement identity, FormRefusals messages, Clock clock, FieldEncryption encryption) {
        this.encryption = encryption;
        this.tokens = tokens;
        this.identity = identity;
        this.messages = messages;
        this.clock = clock;
    }

    /** @param expires a date; the token expires at the end of that day in the city's zone */
    record TokenForm(String name, String orgId, List<String> scopes, String expires) {
    }

    /** Issue 23 point 11: searched, filtered and paged in SQL; a value the list cannot read is refused (400), never ignored. */
    @GetMapping
    @Allow(Role.SECURITY_ADMIN)
    String list(@RequestParam Map<String, String> params, Model model) {
        model.addAttribute("filter", filter(params));
        LocalDate inAYear = LocalDate.now(clock.withZone(TimeConfiguration.CITY_ZONE)).plusYears(1);
        return page(model, new TokenForm("", "", List.of(), inAYear.toString()), Map.of());
    }

    /** The tokens list's filters: keyword, organisation ({@code unit}), state, due (expiring within a week / expired), page. */
    static ListFilter filter(Map<String, String> params) {
        return ListFilter.of(ListParameters.of(params), ApiTokens.STATES);
    }

    /**
     * Post/redirect/get (issue 23 point 3): the secret is flashed, sealed with SM4-GCM so the session store holds only
     * ciphertext, to the GET page below, which shows it once; a field error re-renders this form (nothing issued).
     */
    @PostMapping
    @Allow(Role.SECURITY_ADMIN)
    String create(TokenForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        response.setHeader("Cache-Control", "no-store");
        try {
            Set<String> scopes = form.scopes() == null ? Set.of() : Set.copyOf(form.scopes());
            ApiTokens.Issued issued = tokens.create(form.name(), UserPages.id(form.orgId()), scopes, endOf(form.expires()));
            redirect.addFlashAttribute(ISSUED_ID, issued.token().id());
            redirect.addFlashAttribute(ISSUED_SECRET, encryption.seal(CONTEXT + issued.token().id(), issued.secret()));
            return "redirect:/admin/api-tokens/issued";
        } catch (InvalidInput e) {
            response.setStatus(422);
            return page(model, form, messages.fieldErrors(e, Map.of("expiresAt", "expires")));
        }
    }

    /** The token just created, its secret shown this once; a refresh finds the flash gone and says so. */
    @GetMapping("/issued")
    @Allow(Role.SECURITY_ADMIN)
    String issued(Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        Object id = model.getAttribute(ISSUED_ID);
        Object sealed = model.getAttribute(ISSUED_SECRET);
        model.asMap().remove(ISSUED_SECRET);
        if (id instanceof Long tokenId && sealed instanceof String s) {
            tokens.list().stream().filter(t -> t.id() == tokenId).findFirst()
                    .ifPresent(t -> model.addAttribute("issued", new ApiTokens.Issued(t, encryption.open(CONTEXT + tokenId, s))));
        } else {
            model.addAttribute("secretGone", true);
        }
        return list(Map.of(), model);
    }

    @PostMapping("/{id}/revoke")
    @Allow(Role.SECURITY_ADMIN)
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        try {
            tokens.revoke(id);
            redirect.addFlashAttribute("revoked", id);
        } catch (NotFound e) {
            redirect.addFlashAttribute("actionError", messages.get("identity.tokens.notFound"));
        }
        return "redirect:/admin/api-tokens";
    }

    private String page(Model model, TokenForm form, Map<String, String> errors) {
        ListFilter filter = model.getAttribute("filter") instanceof ListFilter f ? f : ListFilter.none();
        List<IdentityManagement.OrganisationView> organisations = identity.organisations();
        IdentityLists.show(model, SHAPE, filter, filter.query(), tokens.search(filter), organisations);
        model.addAttribute("organisations", organisations);
        Map<String, String> organisationNames = new LinkedHashMap<>();
        organisations.forEach(o -> organisationNames.put(String.valueOf(o.id()), o.name()));
        model.addAttribute("organisationIds", organisationNames.keySet());
        model.addAttribute("organisationNames", organisationNames);
        model.addAttribute("knownScopes", new TreeSet<>(ApiTokens.KNOWN_SCOPES));
        IdentityLists.typed(model, errors, "name", form.name(), "orgId", form.orgId(), "expires", form.expires());
        model.addAttribute("checkedScopes", form.scopes() == null ? List.of() : form.scopes());
        model.addAttribute("now", clock.instant());
        model.addAttribute("zone", TimeConfiguration.CITY_ZONE);
        return "identity/api-tokens";
    }

    private static Instant endOf(String date) {
        try {
            return date == null || date.isBlank() ? null
                    : LocalDate.parse(date.strip()).atTime(LocalTime.MAX).atZone(TimeConfiguration.CITY_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
