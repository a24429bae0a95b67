package cn.govcloud.guard.documents;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleTest;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The documents module on crypto and audit alone (issue 18 point 2). It publishes no event; what the others rely on is
 * a PDF whose Chinese is real text in the font the build fetched (issue 18 point 8), not boxes.
 */
@ModuleTest
class DocumentsModuleTests {
    private final Pdf pdf;

    DocumentsModuleTests(Pdf pdf) {
        this.pdf = pdf;
    }

    @Test
    void aReportRendersItsChineseAsTextInTheEmbeddedFont() throws Exception {
        byte[] bytes = pdf.render(new Pdf.Report("政务云安全月报", "模块测试", List.of(new Pdf.Paragraph("风险隐患已全部整改。"))));

        try (var document = Loader.loadPDF(bytes)) {
            assertThat(new PDFTextStripper().getText(document)).contains("政务云安全月报", "风险隐患已全部整改。");
            var resources = document.getPage(0).getResources();
            var font = resources.getFont(resources.getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("NotoSansSC");
        }
    }
}
