package cn.govcloud.guard.documents.internal;

import cn.govcloud.guard.documents.OfficialPapers.Content;
import cn.govcloud.guard.documents.OfficialPapers.Fact;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import com.deepoove.poi.XWPFTemplate;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an official document from its content (issue 22 point 7). Word: the kind's versioned .docx template under
 * {@code templates-docx/official/} filled by poi-tl (tags {@code {{number}}}, {@code {{title}}}, sections
 * {@code {{?body}}} …), so the layout — GB/T 9704 page, 方正小标宋简体 二号 title, 仿宋_GB2312 三号 text — is edited in
 * Word, not in code. PDF: the same content through the versioned XHTML layout {@code templates-pdf/official-v1.html}
 * (Thymeleaf, XML mode) and openhtmltopdf on the project's PDFBox 3, with the bundled Noto Sans SC embedded as a subset
 * (the only CJK face the product ships: a reader without 小标宋/仿宋 installed still sees every character). The
 * template version is recorded on each issued document; a new layout is a new file and a new entry here, never an edit
 * of an issued version.
 */
@Component
public class OfficialTemplates {
    /** The current template of each kind: Word template file stem, with the PDF layout it goes with. */
    static final Map<Kind, String> DOCX = new EnumMap<>(Map.of(
            Kind.AGREEMENT, "agreement-v1",
            Kind.AUTHORISATION, "authorisation-v1",
            Kind.RECTIFICATION_FEEDBACK, "rectification-feedback-v1",
            Kind.NOTICE, "notice-v1"));
    static final String PDF_LAYOUT = "official-v1";
    static final String FONT = "/fonts/NotoSansSC-Regular.ttf";
    static final String FONT_FAMILY = "GovCJK";

    /** openhtmltopdf logs every render at INFO through java.util.logging; warnings and errors are enough (held: JUL keeps loggers weakly). */
    private static final java.util.logging.Logger RENDERER_LOG = java.util.logging.Logger.getLogger("com.openhtmltopdf");

    static {
        RENDERER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final TemplateEngine xhtml;

    public OfficialTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(OfficialTemplates.class.getClassLoader());
        resolver.setPrefix("templates-pdf/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        xhtml = new SpringTemplateEngine(); // SpEL, as the pages use: no OGNL on the class path
        xhtml.setTemplateResolver(resolver);
    }

    /** A rendered document: both files and the template version they came from ({@code agreement-v1+official-v1}). */
    public record Rendered(byte[] docx, byte[] pdf, String templateVersion) {
    }

    public static String templateVersion(Kind kind) {
        return DOCX.get(kind) + "+" + PDF_LAYOUT;
    }

    /** GB/T 9704 成文日期: Arabic numerals, no leading zeros, e.g. 2026年12月7日. */
    public static String chineseDate(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    public Rendered render(Kind kind, Content content, String number, LocalDate date) {
        return new Rendered(docx(kind, content, number, date), pdf(kind, content, number, date), templateVersion(kind));
    }

    byte[] docx(Kind kind, Content content, String number, LocalDate date) {
        Map<String, Object> data = new HashMap<>();
        data.put("number", number);
        data.put("title", content.title());
        data.put("addressee", content.addressee() == null || content.addressee().isBlank() ? "" : content.addressee() + "：");
        data.put("body", content.body().stream().map(OfficialTemplates::text).toList());
        data.put("facts", content.facts().stream().map(f -> Map.of("label", f.label(), "value", value(f))).toList());
        data.put("closing", content.closing() == null || content.closing().isBlank() ? List.of() : List.of(text(content.closing())));
        data.put("signers", content.signers().stream().map(OfficialTemplates::text).toList());
        data.put("date", chineseDate(date));
        data.put("cc", content.copyTo() == null || content.copyTo().isBlank() ? List.of() : List.of(text(content.copyTo() + "。")));
        String resource = "templates-docx/official/" + DOCX.get(kind) + ".docx";
        try (InputStream in = OfficialTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + resource);
            }
            XWPFTemplate template = XWPFTemplate.compile(in).render(data);
            var properties = template.getXWPFDocument().getProperties().getCoreProperties();
            properties.setTitle(content.title());
            properties.setIdentifier(number);
            properties.setKeywords(kind.label());
            properties.setDescription("template " + templateVersion(kind) + "; record " + content.recordRef());
            properties.setCreator("govcloud-guard");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            template.write(out);
            template.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] pdf(Kind kind, Content content, String number, LocalDate date) {
        Context context = new Context();
        context.setVariable("kind", kind.name());
        context.setVariable("kindLabel", kind.label());
        context.setVariable("number", number);
        context.setVariable("title", content.title());
        context.setVariable("addressee", content.addressee() == null || content.addressee().isBlank() ? null : content.addressee() + "：");
        context.setVariable("body", content.body());
        context.setVariable("facts", content.facts().stream().map(f -> Map.of("label", f.label(), "value", value(f))).toList());
        context.setVariable("closing", content.closing() == null || content.closing().isBlank() ? null : content.closing());
        context.setVariable("signers", content.signers());
        context.setVariable("twoParties", content.signers().size() > 1);
        context.setVariable("date", chineseDate(date));
        context.setVariable("copyTo", content.copyTo() == null || content.copyTo().isBlank() ? null : content.copyTo() + "。");
        context.setVariable("font", FONT_FAMILY);
        context.setVariable("version", templateVersion(kind));
        String html = xhtml.process(PDF_LAYOUT, context);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> OfficialTemplates.class.getResourceAsStream(FONT), FONT_FAMILY);
            builder.withHtmlContent(html, null);
            builder.withProducer("govcloud-guard");
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> text(String text) {
        return Map.of("text", text);
    }

    private static String value(Fact fact) {
        return fact.value() == null || fact.value().isBlank() ? "—" : fact.value();
    }
}
