package cn.govcloud.guard.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.documents.Pdf;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** {@link Pdf.BarChart} (issue 22 point 6): the chart's title, legend, category labels and values are text in the PDF. */
class PdfBarChartUnitTests {

    @Test
    void aGroupedBarChartDrawsItsTitleLegendLabelsAndValuesAsText() throws Exception {
        Pdf.BarChart chart = new Pdf.BarChart("风险隐患数量（按来源）", List.of("2026年", "2025年"),
                List.of("人工发现", "漏洞扫描", "一个很长很长很长很长很长很长很长很长很长很长很长很长很长的类别名称"),
                List.of(List.of(12.0, 3.0, 0.0), Arrays.asList(7.0, null, 1.0)), "");
        Pdf.BarChart rates = new Pdf.BarChart("按期整改率", List.of("2026年", "2025年"), List.of("合计"),
                List.of(List.of(33.3), List.of(100.0)), "%");
        byte[] bytes = new PdfBoxPdf().render(new Pdf.Report("图表", null, List.of(chart, new Pdf.Paragraph("之后的段落"), rates)));
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text).contains("风险隐患数量（按来源）", "2026年", "2025年", "人工发现", "漏洞扫描", "很长的类别名称", "12", "之后的段落",
                    "按期整改率", "33.3%", "100%");
        }
    }
}
