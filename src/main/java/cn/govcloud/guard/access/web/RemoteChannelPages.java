package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.access.Channels.NewChannel;
import cn.govcloud.guard.access.internal.Channel;
import cn.govcloud.guard.access.internal.ChannelDecisions;
import cn.govcloud.guard.access.internal.ChannelQueries;
import cn.govcloud.guard.access.internal.ChannelRequests;
import cn.govcloud.guard.access.internal.ChannelUse;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The remote-channel pages (A9.2, A9.3, A5.3). Chinese first; no scripts needed. */
@Controller
@AllowParties
class RemoteChannelPages {
    private final ChannelQueries channels;
    private final ChannelRequests requests;
    private final ChannelDecisions decisions;
    private final ChannelUse use;
    private final MessageSource messages;
    private final AccessForms forms;
    private final FieldEncryption encryption;
    private final Lists lists;
    private static final String SEALED = "sealedCredential";
    private static final List<String> CHANNEL_TYPES = List.of("VPN", "ZERO_TRUST");
    private static final String CONTEXT = "flash.access.channel-credential.";
    private static final Lists.Register REGISTER = new Lists.Register("/access/channels", "channels", ChannelQueries.STATES,
            "access.channel.status.");

    RemoteChannelPages(ChannelQueries channels, ChannelRequests requests, ChannelDecisions decisions, ChannelUse use,
                       MessageSource messages, AccessForms forms, FieldEncryption encryption, Lists lists) {
        this.encryption = encryption;
        this.lists = lists;
        this.requests = requests;
        this.decisions = decisions;
        this.use = use;
        this.forms = forms;
        this.channels = channels;
        this.messages = messages;
    }

    @GetMapping("/access/channels")
    String list(ListParams params, Model model) {
        show(model, params.filter(ChannelQueries.STATES), Map.of(), Map.of());
        return "access/channels";
    }

    @PostMapping("/access/channels")
    @AllowProviderAndUnits
    String request(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long requestedSystem = forms.id(form.get("systemId"), "systemId", "access.channel.error.system", errors);
        Instant starts = forms.instant(form.get("startsAt"), "startsAt", errors);
        Instant ends = forms.instant(form.get("endsAt"), "endsAt", errors);
        Optional<Long> id = forms.refusals().submit(errors, "access.channel.error.invalid", field -> field, () -> requests.request(
                new NewChannel(requestedSystem, form.get("purpose"), form.get("operations"), form.get("accounts"), form.get("channelType"),
                        form.get("operatorName"), starts, ends, "true".equals(form.get("longTerm")))));
        if (id.isPresent()) {
            // issue 23 point 9: the step says what happens next — who must approve it now (A9.2, A5.3)
            Channel c = channels.visible(id.get(), Actor.require());
            redirect.addFlashAttribute("notice", messages.getMessage("access.channels.submitted",
                    new Object[] {text("access.channel.approver." + channels.approver(c).name())}, LocaleContextHolder.getLocale()));
            return "redirect:/access/channels/" + id.get();
        }
        show(model, ListFilter.none(), form, errors);
        return "access/channels";
    }

    @GetMapping("/access/channels/{id}")
    String detail(@PathVariable long id, Model model) {
        detail(id, model, (String) model.getAttribute("actionError")); // a refusal flashed by a POST (issue 23 point 3)
        return "access/channel";
    }

    @PostMapping("/access/channels/{id}/approval")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.SUPERVISOR})
    String approval(@PathVariable long id, @RequestParam(required = false) String decision, @RequestParam(required = false) String note,
                    RedirectAttributes redirect) {
        return note(id, note, redirect, "refuse".equals(decision) ? "access.channel.refused.notice" : "access.channel.approved.notice", () -> {
            if ("refuse".equals(decision)) {
                decisions.refuse(id, note);
            } else {
                decisions.approve(id, note);
            }
        });
    }

    @PostMapping("/access/channels/{id}/regulator-decision")
    @Allow(Role.REGULATOR)
    String regulator(@PathVariable long id, @RequestParam(required = false) String decision, @RequestParam(required = false) String note,
                     RedirectAttributes redirect) {
        return note(id, note, redirect, "refuse".equals(decision) ? "access.channel.regulatorRefused.notice"
                : "access.channel.regulatorApproved.notice", () -> decisions.regulatorDecide(id, !"refuse".equals(decision), note));
    }

    @PostMapping("/access/channels/{id}/opening")
    @AllowProvider
    String open(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> use.open(id));
    }

    @PostMapping("/access/channels/{id}/closure")
    @AllowProviderAndUnits
    String close(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(id, redirect, () -> use.close(id, reason));
    }

    /**
     * A9.3 with post/redirect/get (issue 23 point 3): the credential is revealed by the POST and carried to the GET page
     * below as a flash attribute sealed with SM4-GCM (so the session store only ever holds ciphertext, removed when the GET
     * reads it); a second reveal is refused by the service.
     */
    @PostMapping("/access/channels/{id}/credential")
    @AllowProviderAndUnits
    String credential(@PathVariable long id, RedirectAttributes redirect) {
        try {
            String secret = use.revealCredential(id);
            redirect.addFlashAttribute(SEALED, encryption.seal(CONTEXT + id, secret));
            return "redirect:/access/channels/" + id + "/credential";
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("actionError", forms.refusals().ruleViolation(e));
            return "redirect:/access/channels/" + id;
        }
    }

    /** Shows the credential the POST above just revealed, once: a refresh finds the flash gone and says 凭据仅显示一次. */
    @GetMapping("/access/channels/{id}/credential")
    @AllowProviderAndUnits
    String credentialOnce(@PathVariable long id, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        detail(id, model, null);
        Object sealed = model.getAttribute(SEALED);
        model.asMap().remove(SEALED);
        if (sealed instanceof String s) {
            model.addAttribute("credential", encryption.open(CONTEXT + id, s));
        } else {
            model.addAttribute("credentialGone", true);
        }
        return "access/channel";
    }

    /** Does it and goes back to the page; a refusal (409 in the API, with its rule) is flashed there (post/redirect/get, issue 23 point 3). */
    private String act(long id, RedirectAttributes redirect, Runnable action) {
        forms.attempt(redirect, action);
        return "redirect:/access/channels/" + id;
    }

    /** A decision with its note (意见): a refusal without one is shown beside the note (the service names it {@code reason}). */
    private String note(long id, String note, RedirectAttributes redirect, String doneKey, Runnable action) {
        forms.submit(redirect, "", AccessForms.typed("note", note), field -> "reason".equals(field) ? "note" : field, doneKey, action);
        return "redirect:/access/channels/" + id;
    }

    private void detail(long id, Model model, String error) {
        Actor actor = Actor.require();
        Channel c = channels.visible(id, actor);
        lists.detail(model, "c", c, c.systemId(), error);
        model.addAttribute("status", c.effectiveStatus());
        boolean platform = "PLATFORM".equals(c.kind());
        model.addAttribute("mayApprove", channels.mayDecide(c, actor));
        model.addAttribute("approver", "REQUESTED".equals(c.status()) ? channels.approver(c).name() : null);
        model.addAttribute("mayRegulate", "AWAITING_REGULATOR".equals(c.status()) && actor.has(Role.REGULATOR));
        model.addAttribute("mayOpen", "READY".equals(c.status()) && !c.expired() && actor.has(Role.PROVIDER_OPERATOR));
        model.addAttribute("mayReveal", "OPEN".equals(c.status()) && !c.expired() && !c.credentialIssued() && c.requestedById() == actor.userId());
        model.addAttribute("mayClose", ("OPEN".equals(c.status()) || "READY".equals(c.status()))
                && (actor.has(Role.PROVIDER_OPERATOR) || actor.orgId() == c.orgId()));
    }

    private void show(Model model, ListFilter filter, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        lists.register(model, actor, REGISTER, filter, channels.search(actor, filter), Channel::systemId, Stream.empty(), values, errors);
        boolean unit = actor.orgKind() == OrgKind.UNIT;
        model.addAttribute("mayRequest", unit || actor.has(Role.PROVIDER_OPERATOR));
        model.addAttribute("platformRequest", actor.has(Role.PROVIDER_OPERATOR));
        forms.mySystems(model, actor);
        model.addAttribute("channelTypes", CHANNEL_TYPES);
        model.addAttribute("maxHours", requests.maxWindow().toHours());
    }

    private String text(String key) {
        return forms.text(key);
    }
}
