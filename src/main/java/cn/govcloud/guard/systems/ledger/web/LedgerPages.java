package cn.govcloud.guard.systems.ledger.web;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.ledger.internal.AssessmentKind;
import cn.govcloud.guard.systems.ledger.internal.Cadences;
import cn.govcloud.guard.systems.ledger.internal.LedgerService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ledger's pages (A7.2): a system's 测评台账 with where each kind stands and the unit's filing form (each error beside
 * its field), shown on the system's page as a section; and the supervisor's city-wide 测评到期 list.
 */
@Controller
class LedgerPages {
    private final LedgerService ledger;
    private final Cadences cadences;
    private final MessageSource messages;

    LedgerPages(LedgerService ledger, Cadences cadences, MessageSource messages) {
        this.ledger = ledger;
        this.cadences = cadences;
        this.messages = messages;
    }

    /** The whole page, or only its section for the system's page (htmx). */
    @GetMapping("/systems/{id}/assessments")
    @AllowOversightAndUnits
    String page(@PathVariable long id, @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        fill(id, Map.of(), Map.of(), model);
        return htmx != null ? "systems/assessments :: section" : "systems/assessments";
    }

    @PostMapping("/systems/{id}/assessments")
    @AllowUnitPeople
    String file(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request, Model model,
                RedirectAttributes redirect) throws IOException {
        MultipartFile document = LedgerApiController.document(request);
        try {
            ledger.file(id, LedgerApiController.form(form), document == null ? null : document.getOriginalFilename(),
                    document == null ? null : document.getBytes());
            redirect.addFlashAttribute("filed", true);
            return "redirect:/systems/" + id + "/assessments";
        } catch (InvalidInput e) {
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("form", text(e.getMessage()));
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            fill(id, errors, form, model);
        } catch (RuleViolation e) {
            fill(id, Map.of("form", e.getMessage()), form, model);
        }
        return "systems/assessments";
    }

    /** A11.3 / A7.2: every system on the platform whose assessment falls due within {@code days} (default 30), overdue first. */
    @GetMapping("/systems/assessments/due")
    @AllowOversight
    String due(@RequestParam(required = false) Integer days, Model model) {
        int within = days == null ? 30 : Math.max(0, Math.min(days, 3660));
        model.addAttribute("within", within);
        model.addAttribute("today", ledger.today());
        model.addAttribute("due", ledger.dueBy(ledger.today().plusDays(within)));
        return "systems/assessments-due";
    }

    private void fill(long id, Map<String, String> errors, Map<String, String> values, Model model) {
        Actor actor = Actor.require();
        var system = ledger.system(id, actor);
        model.addAttribute("system", system);
        model.addAttribute("status", ledger.status(id, actor));
        model.addAttribute("filings", ledger.filings(id, actor));
        model.addAttribute("kinds", AssessmentKind.values());
        Map<String, String> conclusions = new LinkedHashMap<>();
        Arrays.stream(AssessmentKind.values()).forEach(k -> conclusions.put(k.name(), String.join(" / ", cadences.conclusions(k))));
        model.addAttribute("conclusions", conclusions);
        model.addAttribute("mayFile", actor.isUnitUser() && !"EXITED".equals(system.state().name()));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
