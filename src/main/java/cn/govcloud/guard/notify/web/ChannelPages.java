package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.delivery.ChannelService;
import cn.govcloud.guard.notify.delivery.ChannelService.ChannelChange;
import cn.govcloud.guard.notify.delivery.ChannelService.NewChannel;
import cn.govcloud.guard.notify.delivery.DeliveryService;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import cn.govcloud.guard.shared.FormRefusals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery pages (A10.1): {@code /notify/channels} — where an organisation's notices go besides
 * the inbox, with a test button per channel — and {@code /notify/deliveries}, every delivery's state.
 */
@Controller
@Allow({Role.SYSTEM_ADMIN, Role.SUPERVISOR, Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER})
class ChannelPages {
    private final ChannelService channels;
    private final DeliveryService deliveries;
    private final FormRefusals refusals;
    private final ZoneId zone;

    private final OrganisationDirectory organisations;
    private final SheetExport export;

    ChannelPages(ChannelService channels, DeliveryService deliveries, FormRefusals refusals, OrganisationDirectory organisations,
                 SheetExport export) {
        this.organisations = organisations;
        this.export = export;
        this.channels = channels;
        this.deliveries = deliveries;
        this.refusals = refusals;
        this.zone = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    }

    @GetMapping("/notify/channels")
    String page(Model model) {
        show(model, Map.of(), Map.of());
        return "notify/channels";
    }

    @PostMapping("/notify/channels")
    String create(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Actor actor = Actor.require();
        Long orgId = null;
        String org = form.get("orgId");
        if (org != null && !org.isBlank()) {
            try {
                orgId = Long.parseLong(org.strip());
            } catch (NumberFormatException e) {
                show(model, form, Map.of("orgId", text("notify.channel.error.org")));
                return "notify/channels";
            }
        }
        Map<String, String> errors = new HashMap<>();
        Long owner = orgId;
        var saved = refusals.submit(errors, () -> channels.create(actor, new NewChannel(owner, form.get("kind"), form.get("name"),
                form.get("target"), form.get("secret"), !"false".equals(form.get("enabled")))));
        if (saved.isPresent()) {
            redirect.addFlashAttribute("saved", saved.get().name());
            return "redirect:/notify/channels";
        }
        Map<String, String> kept = new HashMap<>(form);
        kept.remove("secret"); // never echoed back
        show(model, kept, errors);
        return "notify/channels";
    }

    @PostMapping("/notify/channels/{id}/enabled")
    String enable(@PathVariable long id, @RequestParam(defaultValue = "false") boolean enabled, RedirectAttributes redirect) {
        try {
            channels.update(Actor.require(), id, new ChannelChange(null, null, null, null, enabled));
            redirect.addFlashAttribute("changed", text(enabled ? "notify.channel.enabledNow" : "notify.channel.disabledNow"));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("problem", refusals.ruleViolation(e));
        }
        return "redirect:/notify/channels";
    }

    @PostMapping("/notify/channels/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        channels.delete(Actor.require(), id);
        redirect.addFlashAttribute("changed", text("notify.channel.deletedNow"));
        return "redirect:/notify/channels";
    }

    /** Sends a test message and opens the deliveries page on it, where its state shows. */
    @PostMapping("/notify/channels/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        try {
            String key = deliveries.sendTest(Actor.require(), id);
            return "redirect:" + UriComponentsBuilder.fromPath("/notify/deliveries").queryParam("key", key).build().encode().toUriString();
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("problem", refusals.ruleViolation(e));
            return "redirect:/notify/channels";
        }
    }

    /**
     * Issue 23 point 11: searched, filtered (organisation, state, one notice's key) and paged in SQL; a value the list cannot
     * read is refused (400), never ignored. A unit or the provider sees only its own deliveries (A4) and gets no unit filter.
     */
    @GetMapping("/notify/deliveries")
    String deliveries(@RequestParam Map<String, String> params, Model model) {
        Actor actor = Actor.require();
        String key = key(params);
        ListFilter filter = filter(params);
        Page<DeliveryStatus> found = deliveries.search(actor, filter, key);
        model.addAttribute("key", key);
        model.addAttribute("deliveries", found.rows());
        model.addAttribute("zone", zone);
        model.addAttribute("filter", filter);
        model.addAttribute("page", found);
        model.addAttribute("states", DeliveryService.STATES);
        model.addAttribute("statePrefix", "notify.delivery.state.");
        model.addAttribute("sizes", ListFilter.SIZES);
        model.addAttribute("dues", List.of());
        model.addAttribute("units", actor.orgKind() == OrgKind.SUPERVISOR ? organisations.all() : List.of());
        model.addAttribute("listPath", "/notify/deliveries");
        model.addAttribute("listQuery", query(filter, key));
        return "notify/deliveries";
    }

    /** The deliveries list as Excel: exactly the rows the page shows with the same filters, every page of them. */
    @GetMapping("/notify/deliveries/export.xlsx")
    void exportDeliveries(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        String key = key(params);
        ListFilter filter = filter(params);
        Map<String, String> shown = new LinkedHashMap<>();
        if (key != null) {
            shown.put(export.text("notify.delivery.notice"), key);
        }
        if (filter.q() != null) {
            shown.put(export.text("list.q"), filter.q());
        }
        if (filter.unit() != null) {
            shown.put(export.text("list.unit"), organisations.byId(filter.unit()).map(o -> o.name()).orElse(String.valueOf(filter.unit())));
        }
        if (filter.state() != null) {
            shown.put(export.text("list.state"), export.text("notify.delivery.state." + filter.state()));
        }
        String title = export.text("notify.delivery.exportTitle");
        List<SheetExport.Column> columns = List.of(export.column("notify.delivery.created", 18), export.column("notify.delivery.notice", 30),
                export.column("list.unit", 24), export.column("notify.channel.kind", 12), export.column("notify.channel.name", 18),
                export.column("notify.channel.target", 28), export.column("notify.delivery.state", 8), export.column("notify.delivery.attempts", 8),
                export.column("notify.delivery.detail", 40));
        Map<Long, String> names = new java.util.HashMap<>();
        organisations.all().forEach(o -> names.put(o.id(), o.name())); // once, not per row
        export.write(new SheetExport.Request("notify.deliveries", title, title + ".xlsx", columns, shown, false),
                rows -> Page.walk(filter, SheetExport.PAGE, f -> deliveries.search(actor, f, key), d -> rows.add(d.createdAt(), d.noticeKey(),
                        names.getOrDefault(d.orgId(), ""), export.text("notify.channel.kind." + d.channel()), d.channelName(), d.target(),
                        export.text("notify.delivery.state." + d.state()), d.attempts(), d.lastError())),
                response);
    }

    private static String key(Map<String, String> params) {
        String key = params.get("key");
        return key == null || key.isBlank() ? null : key.strip();
    }

    /** The list's filters; a due window means nothing for deliveries and is refused, not ignored. */
    private static ListFilter filter(Map<String, String> params) {
        ListParameters p = ListParameters.of(params);
        String key = p.text("key");
        if (key != null && key.length() > 200) {
            p.refuse("key", "list.error.q");
        }
        if (params.get("due") != null && !params.get("due").isBlank()) {
            p.refuse("due", "list.error.choice");
        }
        return ListFilter.of(p, DeliveryService.STATES);
    }

    private static String query(ListFilter filter, String key) {
        String q = filter.query();
        if (key == null) {
            return q;
        }
        String k = "key=" + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
        return q.isEmpty() ? k : k + "&" + q;
    }

    private void show(Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        model.addAttribute("channels", channels.list(actor, null));
        Map<Long, String> organisations = new java.util.LinkedHashMap<>();
        channels.manageable(actor).forEach(o -> organisations.put(o.id(), o.name()));
        model.addAttribute("organisationIds", organisations.keySet());
        model.addAttribute("organisationNames", organisations);
        model.addAttribute("chooseOrg", actor.has(Role.SYSTEM_ADMIN));
        model.addAttribute("kinds", java.util.Arrays.stream(DeliveryStatus.Channel.values()).filter(DeliveryStatus.Channel::organisationChannel).toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", zone);
    }

    private String text(String key) {
        return refusals.get(key);
    }
}
