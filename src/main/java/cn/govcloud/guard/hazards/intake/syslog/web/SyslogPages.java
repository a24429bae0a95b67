package cn.govcloud.guard.hazards.intake.syslog.web;

import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.hazards.intake.syslog.MappingRule;
import cn.govcloud.guard.hazards.intake.syslog.SyslogAdmin;
import cn.govcloud.guard.hazards.intake.syslog.SyslogAdmin.RuleInput;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The security administrator's page of the syslog receiver (issue 21 point 3): how it listens on this node, the
 * allowed senders, the mapping rules (edit, switch off, delete), the counts per sender, the last unmapped lines and
 * the test screen that shows how a pasted line maps.
 */
@Controller
class SyslogPages {
    private final SyslogAdmin admin;
    private final SyslogViews views;
    private final FormRefusals refusals;

    SyslogPages(SyslogAdmin admin, SyslogViews views, FormRefusals refusals) {
        this.admin = admin;
        this.views = views;
        this.refusals = refusals;
    }

    /** The rule form's fields (all text: a bad number is reported like any other field). */
    record RuleForm(String name, String position, String enabled, String kind, String appFilter, String pattern, String title, String severity,
                    String severityMap, String defaultSeverity, String sourceAddress, String destAddress, String signature, String systemId,
                    String sample) {
        static RuleForm of(MappingRule r) {
            return new RuleForm(r.name(), String.valueOf(r.position()), String.valueOf(r.enabled()), r.kind(), r.appFilter(), r.pattern(), r.title(),
                    r.severity(), r.severityMap(), r.defaultSeverity(), r.sourceAddress(), r.destAddress(), r.signature(),
                    r.systemId() == null ? null : String.valueOf(r.systemId()), r.sample());
        }

        static RuleForm blank() {
            return new RuleForm("", "", "true", "REGEX", "", "", "", "", "", "MEDIUM", "", "", "", "", "");
        }
    }

    @GetMapping("/intake/syslog")
    @Allow(Role.SECURITY_ADMIN)
    String page(Model model) {
        show(model);
        return "hazards/intake/syslog";
    }

    private void show(Model model) {
        model.addAttribute("receiver", views.receiver());
        model.addAttribute("rules", admin.rules());
        model.addAttribute("unmapped", views.unmapped());
        if (!model.containsAttribute("sendersText")) {
            StringBuilder sb = new StringBuilder();
            admin.senders().forEach(s -> sb.append(s.cidr()).append(s.note() == null ? "" : " " + s.note()).append('\n'));
            model.addAttribute("sendersText", sb.toString());
        }
        if (!model.containsAttribute("sample")) {
            model.addAttribute("sample", "");
            model.addAttribute("sampleSender", "");
        }
    }

    /** The test screen: shows how the pasted line maps with the rules in force; changes nothing. */
    @PostMapping("/intake/syslog/test")
    @Allow(Role.SECURITY_ADMIN)
    String test(@RequestParam(required = false) String line, @RequestParam(required = false) String sender, Model model) {
        model.addAttribute("sample", line == null ? "" : line);
        model.addAttribute("sampleSender", sender == null ? "" : sender);
        try {
            model.addAttribute("outcome", views.test(line, sender));
        } catch (InvalidInput e) {
            model.addAttribute("error", views.text(e.fieldErrors().values().stream().findFirst().orElse(e.getMessage())));
        }
        show(model);
        return "hazards/intake/syslog";
    }

    /** The allowed senders, one per line: an address or CIDR range, then an optional note. */
    @PostMapping("/intake/syslog/senders")
    @Allow(Role.SECURITY_ADMIN)
    String senders(@RequestParam(required = false) String senders, Model model, RedirectAttributes redirect) {
        List<SyslogAdmin.SenderInput> list = new ArrayList<>();
        for (String line : (senders == null ? "" : senders).split("\\R")) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            int sp = s.indexOf(' ');
            list.add(sp < 0 ? new SyslogAdmin.SenderInput(s, null) : new SyslogAdmin.SenderInput(s.substring(0, sp), s.substring(sp + 1).strip()));
        }
        try {
            admin.replaceSenders(Actor.require(), list);
        } catch (InvalidInput e) {
            model.addAttribute("sendersText", senders);
            model.addAttribute("error", errors(e));
            show(model);
            return "hazards/intake/syslog";
        }
        redirect.addFlashAttribute("done", views.text("hazards.intake.syslog.sendersSaved"));
        return "redirect:/intake/syslog";
    }

    @GetMapping("/intake/syslog/rules/new")
    @Allow(Role.SECURITY_ADMIN)
    String newRule(Model model) {
        return form(model, null, RuleForm.blank(), Map.of());
    }

    @GetMapping("/intake/syslog/rules/{id}")
    @Allow(Role.SECURITY_ADMIN)
    String editRule(@PathVariable long id, Model model) {
        return form(model, id, RuleForm.of(admin.rule(id)), Map.of());
    }

    @PostMapping("/intake/syslog/rules")
    @Allow(Role.SECURITY_ADMIN)
    String createRule(@ModelAttribute RuleForm form, Model model, RedirectAttributes redirect) {
        return save(null, form, model, redirect);
    }

    @PostMapping("/intake/syslog/rules/{id}")
    @Allow(Role.SECURITY_ADMIN)
    String updateRule(@PathVariable long id, @ModelAttribute RuleForm form, Model model, RedirectAttributes redirect) {
        admin.rule(id);
        return save(id, form, model, redirect);
    }

    @PostMapping("/intake/syslog/rules/{id}/delete")
    @Allow(Role.SECURITY_ADMIN)
    String deleteRule(@PathVariable long id, RedirectAttributes redirect) {
        admin.delete(Actor.require(), id);
        redirect.addFlashAttribute("done", views.text("hazards.intake.syslog.ruleDeleted"));
        return "redirect:/intake/syslog";
    }

    /**
     * Issue 23 point 9: the form's own checks (the numbers) and the service's refusal both come back through the module's
     * refusal adapter ({@link FormRefusals}) as the page's {@code errors}, each beside its field; nothing was saved.
     */
    private String save(Long id, RuleForm form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer position = number(form.position(), "position", errors);
        Integer system = number(form.systemId(), "systemId", errors);
        RuleInput in = new RuleInput(form.name(), position, form.enabled() != null && !"false".equals(form.enabled()), form.kind(),
                form.appFilter(), form.pattern(), form.title(), form.severity(), form.severityMap(), form.defaultSeverity(), form.sourceAddress(),
                form.destAddress(), form.signature(), system == null ? null : system.longValue(), form.sample());
        Optional<MappingRule> saved = refusals.submit(errors, "hazards.intake.syslog.error.invalid", UnaryOperator.identity(),
                () -> id == null ? admin.create(Actor.require(), in) : admin.update(Actor.require(), id, in));
        if (saved.isEmpty()) {
            return form(model, id, form, errors);
        }
        redirect.addFlashAttribute("done", views.text("hazards.intake.syslog.ruleSaved") + " " + saved.get().name());
        return "redirect:/intake/syslog";
    }

    private Integer number(String text, String field, Map<String, String> bad) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            bad.put(field, refusals.text("hazards.intake.syslog.error." + field));
            return null;
        }
    }

    /** The rule form; {@code errors} (field → message, {@code form} for the whole) shown by fragments/fields.html. */
    private String form(Model model, Long id, RuleForm form, Map<String, String> errors) {
        model.addAttribute("ruleId", id);
        model.addAttribute("form", form);
        Map<String, String> shown = new LinkedHashMap<>(errors);
        if (!shown.isEmpty()) {
            shown.put("form", refusals.text("hazards.intake.syslog.error.ruleRefused"));
        }
        model.addAttribute("errors", shown);
        model.addAttribute("kinds", List.of("REGEX", "KV", "JSON"));
        model.addAttribute("severities", Severity.values());
        return "hazards/intake/syslog-rule";
    }

    private String errors(InvalidInput e) {
        List<String> parts = new ArrayList<>();
        e.fieldErrors().forEach((field, key) -> parts.add(field + ": " + views.text(key)));
        return String.join("; ", parts);
    }
}
