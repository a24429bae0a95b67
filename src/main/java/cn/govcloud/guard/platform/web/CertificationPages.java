package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.platform.internal.Certifications;
import cn.govcloud.guard.platform.internal.Certifications.Certification;
import cn.govcloud.guard.platform.internal.Certifications.Kind;
import cn.govcloud.guard.platform.internal.Certifications.NewCertification;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
    private final PlatformExport export;
    private final PageForms forms;
    private final Clock clock;

    CertificationPages(Certifications certifications, PlatformExport export, PageForms forms, Clock clock) {
        this.certifications = certifications;
        this.export = export;
        this.forms = forms;
        this.clock = clock;
    }

    /** The latest report of each kind, and the reports as the list's query filters and pages them (issue 23 point 11). */
    @GetMapping("/platform/certifications")
    String page(@RequestParam Map<String, String> params, Model model) {
        Actor actor = Actor.require();
        List<Certification> all = certifications.list(actor);
        LocalDate today = today();
        forms.list(model, params, p -> RegisterFilters.certifications(p, today), c -> true, keep -> all.stream().filter(keep)::forEach);
        model.addAttribute("validities", RegisterFilters.VALIDITY);
        model.addAttribute("latest", certifications.latest(all));
        model.addAttribute("kinds", Kind.values());
        Map<Kind, List<String>> conclusions = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            conclusions.put(kind, certifications.conclusions(kind));
        }
        model.addAttribute("conclusions", conclusions);
        model.addAttribute("mayRecord", actor.has(Role.PROVIDER_OPERATOR));
        model.addAttribute("today", today);
        model.addAttribute("zone", WorkingCalendar.ZONE);
        PageForms.blankForm(model);
        return "platform/certifications";
    }

    @PostMapping("/platform/certifications")
    @AllowProvider
    String record(@RequestParam Map<String, String> form, @RequestPart(name = "report", required = false) MultipartFile report,
                  Model model, RedirectAttributes redirect) {
        Certification[] saved = new Certification[1];
        if (!forms.attempt(model, form, "report", () -> {
            NewCertification c = new NewCertification(Inputs.certificationKind(form.get("kind")), form.get("reportNumber"),
                    form.get("agency"), Inputs.date("issueDate", form.get("issueDate")), Inputs.date("validUntil", form.get("validUntil")),
                    form.get("conclusion"));
            boolean file = report != null && !report.isEmpty();
            saved[0] = certifications.register(Actor.require(), c, file ? report.getOriginalFilename() : null, file ? report.getInputStream() : null);
        })) {
            return page(Map.of(), model);
        }
        // flash attributes live in the (JDBC) session: plain strings only
        redirect.addFlashAttribute("recordedNumber", saved[0].reportNumber());
        redirect.addFlashAttribute("recordedDue", saved[0].filing() == null ? "" : saved[0].filing().dueDate().toString());
        return "redirect:/platform/certifications";
    }

    /** The reports the list shows for the same query, every page of them; a refused query is a 400 naming the field. */
    @GetMapping("/platform/certifications/export.xlsx")
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        LocalDate today = today();
        RegisterQuery<Predicate<Certification>> query = RegisterQuery.parse(params, p -> RegisterFilters.certifications(p, today));
        export.certifications(certifications.list(Actor.require()).stream().filter(query.filter()).toList(), query.params(), response);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }
}
