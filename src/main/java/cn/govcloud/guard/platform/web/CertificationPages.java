package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.platform.internal.Certifications;
import cn.govcloud.guard.platform.internal.Certifications.Certification;
import cn.govcloud.guard.platform.internal.Certifications.Kind;
import cn.govcloud.guard.platform.internal.Certifications.NewCertification;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The certification register page (A5.2). */
@Controller
@AllowOversightAndProvider
class CertificationPages {
    private final Certifications certifications;
    private final MessageSource messages;
    private final Clock clock;

    CertificationPages(Certifications certifications, MessageSource messages, Clock clock) {
        this.certifications = certifications;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/platform/certifications")
    String page(Model model) {
        show(model, Map.of(), Map.of());
        return "platform/certifications";
    }

    @PostMapping("/platform/certifications")
    @AllowProvider
    String record(@RequestParam Map<String, String> form, @RequestPart(name = "report", required = false) MultipartFile report,
                  Model model, RedirectAttributes redirect) throws IOException {
        try {
            NewCertification c = new NewCertification(CertificationApiController.kind(form.get("kind")), form.get("reportNumber"),
                    form.get("agency"), CertificationApiController.date("issueDate", form.get("issueDate")),
                    CertificationApiController.date("validUntil", form.get("validUntil")), form.get("conclusion"));
            boolean file = report != null && !report.isEmpty();
            Certification saved = certifications.register(c, file ? report.getOriginalFilename() : null, file ? report.getInputStream() : null);
            // flash attributes live in the (JDBC) session: plain strings only
            redirect.addFlashAttribute("recordedNumber", saved.reportNumber());
            redirect.addFlashAttribute("recordedDue", saved.filing() == null ? "" : saved.filing().dueDate().toString());
            return "redirect:/platform/certifications";
        } catch (InvalidInput e) {
            Map<String, String> errors = new HashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
            show(model, form, errors);
            return "platform/certifications";
        } catch (RuleViolation e) {
            show(model, form, Map.of("form", e.rule() + ": " + text(e.getMessage())));
            return "platform/certifications";
        }
    }

    private void show(Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        List<Certification> all = certifications.list(actor);
        model.addAttribute("certifications", all);
        model.addAttribute("latest", certifications.latest(all));
        model.addAttribute("kinds", Kind.values());
        Map<Kind, List<String>> conclusions = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            conclusions.put(kind, certifications.conclusions(kind));
        }
        model.addAttribute("conclusions", conclusions);
        model.addAttribute("mayRecord", actor.has(Role.PROVIDER_OPERATOR));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("today", LocalDate.now(clock.withZone(WorkingCalendar.ZONE)));
        model.addAttribute("zone", WorkingCalendar.ZONE);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
