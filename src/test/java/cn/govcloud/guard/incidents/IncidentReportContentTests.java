package cn.govcloud.guard.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.incidents.internal.IncidentReport;
import cn.govcloud.guard.incidents.internal.Incident;
import cn.govcloud.guard.incidents.internal.TimelineEntry;
import cn.govcloud.guard.incidents.internal.ReportPdf;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the report PDF says, before any renderer (A10.4): Chinese labels and the report's text, whatever the reader's language. */
@AppTest
class IncidentReportContentTests {
    @Autowired
    ReportPdf pdf;

    @Test
    void theFinalReportHoldsCauseImpactTimelineMeasuresAndLessonsInChinese_A10_4() {
        Instant t = Instant.parse("2026-11-20T02:00:00Z");
        Incident incident = new Incident(1, 1, 5L, "教育局门户网站", "门户网站被篡改", "INFORMATION_DESTRUCTION", "INFORMATION_DESTRUCTION.TAMPERING",
                "III", "III", "首页被篡改", "公众可见", null, t, t, "RESOLVED", t, t.plusSeconds(1800), "incident:1", null, t, t, t, "unit1",
                true, true);
        IncidentReport report = new IncidentReport(9, 1, "FINAL", 3, "III", "首页被篡改两小时", "恢复页面、修补漏洞", true,
                "内容管理系统存在未修补漏洞", "10:00发现，10:05确认", "建立补丁管理制度", "张安全", false, t.plusSeconds(7200), "unit1", List.of());
        Pdf.Report document = pdf.document(incident, report, List.of(new TimelineEntry(1, t, "CONFIRMED", "III", "unit1")));
        StringBuilder text = new StringBuilder(document.title()).append('\n').append(document.subtitle()).append('\n');
        for (Pdf.Block block : document.blocks()) {
            text.append(block).append('\n');
        }
        assertThat(text.toString()).contains("安全事件分析报告", "第3号", "原因分析", "内容管理系统存在未修补漏洞", "影响和损失", "事件经过",
                "已采取的处置措施", "整改措施及教训", "信息篡改事件", "Ⅲ级（较大）", "确认", "A10.5");
    }
}
