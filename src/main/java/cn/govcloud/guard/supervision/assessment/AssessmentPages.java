package cn.govcloud.guard.supervision.assessment;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.shared.Actor;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The annual assessment pages (A12): the ranking (a unit sees its own line, the provider its own
 * record), one unit's item-by-item explanation with the records behind it, the regulators' report
 * as PDF and Excel, and the supervisor's finalising.
 */
@Controller
class AssessmentPages {
    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final AssessmentService assessments;
    private final AssessmentReport report;
    private final cn.govcloud.guard.rules.RuleCatalog catalog;
    private final Clock clock;

    AssessmentPages(AssessmentService assessments, AssessmentReport report, cn.govcloud.guard.rules.RuleCatalog catalog, Clock clock) {
        this.assessments = assessments;
        this.report = report;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/supervision/assessment")
    @AllowParties
    String ranking(@RequestParam(required = false) Integer year, Model model) {
        Actor actor = Actor.require();
        int y = year == null ? assessments.currentYear() : year;
        model.addAttribute("ranking", assessments.visibleTo(actor, y));
        model.addAttribute("year", y);
        model.addAttribute("years", java.util.stream.IntStream.rangeClosed(AssessmentService.FIRST_YEAR, assessments.currentYear()).boxed()
                .sorted(java.util.Comparator.reverseOrder()).toList());
        model.addAttribute("seesAll", AssessmentService.seesAll(actor));
        model.addAttribute("mayFinalise", AssessmentService.mayFinalise(actor));
        model.addAttribute("unitUser", actor.isUnitUser());
        model.addAttribute("model", catalog.assessment());
        model.addAttribute("catalogVersion", catalog.version().version());
        return "supervision/assessment";
    }

    @GetMapping("/supervision/assessment/{orgId}")
    @AllowOversightAndUnits
    String unit(@PathVariable long orgId, @RequestParam(required = false) Integer year, Model model) {
        Actor actor = Actor.require();
        int y = year == null ? assessments.currentYear() : year;
        model.addAttribute("assessment", assessments.unit(actor, y, orgId));
        model.addAttribute("year", y);
        model.addAttribute("seesAll", AssessmentService.seesAll(actor));
        return "supervision/assessment-unit";
    }

    @PostMapping("/supervision/assessment/finalise")
    @AllowSupervisor
    String finalise(@RequestParam int year, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            AssessmentService.Finalised done = assessments.finalise(year, reason);
            redirect.addFlashAttribute("finalised", done);
        } catch (cn.govcloud.guard.shared.InvalidInput e) {
            redirect.addFlashAttribute("finaliseError", e.getMessage()); // a message key, rendered by the page
        }
        return "redirect:/supervision/assessment?year=" + year;
    }

    @GetMapping("/supervision/assessment/report.pdf")
    @AllowOversight
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) Integer year) {
        return download(year, true);
    }

    @GetMapping("/supervision/assessment/report.xlsx")
    @AllowOversight
    ResponseEntity<byte[]> excel(@RequestParam(required = false) Integer year) {
        return download(year, false);
    }

    private ResponseEntity<byte[]> download(Integer year, boolean pdf) {
        int y = year == null ? assessments.currentYear() : year;
        Ranking ranking = assessments.ranking(y);
        Instant now = clock.instant();
        byte[] content = pdf ? report.pdf(ranking, now) : report.excel(ranking, now);
        String filename = AssessmentReport.title(y) + (pdf ? ".pdf" : ".xlsx");
        return ResponseEntity.ok().contentType(pdf ? MediaType.APPLICATION_PDF : XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition(filename))
                .header("X-Content-Type-Options", "nosniff").body(content);
    }
}
