package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.internal.HazardReports;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The hazard figures per unit (A10.2, A11.3) and the supervisor's 通报 of overdue hazards as Excel or PDF. */
@Controller
@AllowParties
class HazardFigurePages {
    private final HazardQueries hazards;
    private final HazardReports reports;
    private final Clock clock;

    HazardFigurePages(HazardQueries hazards, HazardReports reports, Clock clock) {
        this.hazards = hazards;
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/hazards/figures")
    String figures(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("figures", hazards.figures(actor));
        model.addAttribute("overdue", hazards.overdueByUnit(actor));
        model.addAttribute("mayNotice", hazards.maySupervise(actor));
        model.addAttribute("zone", WorkingCalendar.ZONE);
        return "hazards/figures";
    }

    @GetMapping("/hazards/figures/notice.xlsx")
    @AllowSupervisor
    ResponseEntity<byte[]> noticeExcel(Locale locale) {
        return noticeDownload(hazards, reports, clock, locale, false);
    }

    @GetMapping("/hazards/figures/notice.pdf")
    @AllowSupervisor
    ResponseEntity<byte[]> noticePdf(Locale locale) {
        return noticeDownload(hazards, reports, clock, locale, true);
    }

    /** The 通报 as a download; the API and the page share it. */
    static ResponseEntity<byte[]> noticeDownload(HazardQueries hazards, HazardReports reports, Clock clock, Locale locale, boolean pdf) {
        Actor actor = Actor.require();
        Instant now = clock.instant();
        HazardReports.Notice notice = reports.notice(actor.orgName(), hazards.figures(actor), hazards.overdueByUnit(actor), now, locale);
        byte[] content = pdf ? reports.pdf(notice, locale) : reports.excel(notice, locale);
        String day = now.atZone(WorkingCalendar.ZONE).toLocalDate().toString();
        String filename = "隐患逾期通报-" + day + (pdf ? ".pdf" : ".xlsx");
        MediaType type = pdf ? MediaType.APPLICATION_PDF
                : MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition(filename))
                .header("X-Content-Type-Options", "nosniff").body(content);
    }
}
