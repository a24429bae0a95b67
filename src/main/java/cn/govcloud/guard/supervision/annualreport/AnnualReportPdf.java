package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Chart;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Grid;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Heading;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Part;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Text;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The annual report as PDF through the documents module's {@link Pdf} (embedded CJK font, charts drawn as vectors). */
@Component
class AnnualReportPdf {
    static final String MEDIA_TYPE = "application/pdf";

    private final Pdf pdf;

    AnnualReportPdf(Pdf pdf) {
        this.pdf = pdf;
    }

    byte[] render(AnnualReport report) {
        ReportOutline outline = AnnualReportOutline.of(report);
        List<Pdf.Block> blocks = new ArrayList<>();
        for (Part part : outline.parts()) {
            if (part instanceof Heading h) {
                blocks.add(new Pdf.Heading(h.text()));
            } else if (part instanceof Text t) {
                blocks.add(new Pdf.Paragraph("\u3000\u3000" + t.text()));
            } else if (part instanceof Grid g) {
                blocks.add(new Pdf.Table(g.header(), g.rows()));
            } else if (part instanceof Chart c) {
                blocks.add(new Pdf.BarChart(c.title(), c.series(), c.categories(), c.values(), c.unit()));
            }
        }
        return pdf.render(new Pdf.Report(outline.title(), outline.subtitle(), blocks));
    }
}
