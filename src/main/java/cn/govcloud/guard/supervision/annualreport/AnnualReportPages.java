package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.InvalidInput;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.stream.IntStream;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The annual report page (A12, A14): pick a year, read its figures beside the previous year's with the changes, download
 * it as PDF or Word. The supervisor (市大数据中心) writes the report for the municipal government and the regulators
 * (网信办, 公安局 …) take it into the yearly cybersecurity assessment (第十二条), so both read it; a unit or the provider
 * does not (it shows every unit's hazards and the provider's record).
 */
@Controller
@AllowOversight
class AnnualReportPages {
    private final AnnualFigures figures;
    private final AnnualReportFiles files;
    private final AnnualReportSettings settings;
    private final MessageSource messages;

    AnnualReportPages(AnnualFigures figures, AnnualReportFiles files, AnnualReportSettings settings, MessageSource messages) {
        this.figures = figures;
        this.files = files;
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping("/supervision/annual-report")
    String page(@RequestParam(required = false) Integer year, Model model, HttpServletResponse response, Locale locale) {
        int current = figures.currentYear();
        int y = year == null ? current : year;
        model.addAttribute("year", y);
        model.addAttribute("currentYear", current);
        model.addAttribute("firstYear", settings.firstYear());
        model.addAttribute("years", IntStream.rangeClosed(Math.max(settings.firstYear(), current - 4), current).boxed()
                .sorted(java.util.Comparator.reverseOrder()).toList());
        try {
            AnnualReport report = figures.report(y, Actor.require());
            model.addAttribute("report", report);
            model.addAttribute("outline", AnnualReportOutline.of(report));
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", messages.getMessage(e.getMessage(), new Object[] {current}, e.getMessage(), locale));
            model.addAttribute("outline", null);
        }
        return "supervision/annual-report";
    }

    @GetMapping("/supervision/annual-report/report.pdf")
    ResponseEntity<byte[]> pdf(@RequestParam int year) {
        return files.download(year, AnnualReportFiles.Format.PDF);
    }

    @GetMapping("/supervision/annual-report/report.docx")
    ResponseEntity<byte[]> docx(@RequestParam int year) {
        return files.download(year, AnnualReportFiles.Format.DOCX);
    }
}
