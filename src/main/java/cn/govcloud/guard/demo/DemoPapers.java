package cn.govcloud.guard.demo;

import cn.govcloud.guard.documents.Pdf;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * The demo city's uploaded papers (agreements, certificates, reports) as real one-page PDFs with their
 * title and a line saying they are demo documents — a visitor who downloads one sees a document, not an
 * empty file.
 */
final class DemoPapers {
    private final Pdf pdf;

    DemoPapers(Pdf pdf) {
        this.pdf = pdf;
    }

    ByteArrayInputStream paper(String title, String body) {
        return new ByteArrayInputStream(pdf.render(new Pdf.Report(title, "包头市政务云 · 演示数据",
                List.of(new Pdf.Paragraph(body),
                        new Pdf.Paragraph("本文件由演示城市自动生成，仅用于体验平台功能，不具有任何效力。")))));
    }
}
