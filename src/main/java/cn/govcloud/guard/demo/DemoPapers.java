package cn.govcloud.guard.demo;

import cn.govcloud.guard.documents.Pdf;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo city's uploaded papers (agreements, certificates, reports) as real one-page PDFs with their
 * title and a line saying they are demo documents — a visitor who downloads one sees a document, not an
 * empty file. Each paper is rendered once and its bytes reused (the systems share their kinds of paper), so
 * seeding stays quick. The cache lives as long as the application: a few small PDFs.
 */
@DemoComponent
class DemoPapers {
    private final Pdf pdf;
    private final Map<String, byte[]> rendered = new HashMap<>();

    DemoPapers(Pdf pdf) {
        this.pdf = pdf;
    }

    ByteArrayInputStream paper(String title, String body) {
        return new ByteArrayInputStream(rendered.computeIfAbsent(title + "\n" + body, k -> pdf.render(new Pdf.Report(title, "包头市政务云 · 演示数据",
                List.of(new Pdf.Paragraph(body),
                        new Pdf.Paragraph("本文件由演示城市自动生成，仅用于体验平台功能，不具有任何效力。"))))));
    }
}
