package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The form field fragments (issue 18 point 5, issue 23 point 9): label, kept value, error beside the field. */
class FieldsFragmentUnitTests {

    private final SpringTemplateEngine engine = engine();

    private static SpringTemplateEngine engine() {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        var messages = new StaticMessageSource();
        messages.addMessage("level.1", Locale.SIMPLIFIED_CHINESE, "第一级");
        messages.addMessage("level.2", Locale.SIMPLIFIED_CHINESE, "第二级");
        messages.addMessage("form.refused", Locale.SIMPLIFIED_CHINESE, "未签署安全责任协议");
        var engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    private Document render(Map<String, Object> model) {
        var context = new Context(Locale.SIMPLIFIED_CHINESE);
        context.setVariable("levels", List.of(1, 2));
        var units = new LinkedHashMap<String, String>();
        units.put("7", "包头市大数据中心");
        units.put("9", "市公安局");
        context.setVariable("units", units);
        context.setVariable("chosen", Set.of("2"));
        model.forEach(context::setVariable);
        return Jsoup.parse(engine.process("fields-test/form", context));
    }

    @Test
    void withoutValuesOrErrorsEveryFieldHasItsLabelAndNoError() {
        Document page = render(Map.of());
        for (String id : List.of("name", "code", "purpose", "due", "scan", "level", "unit")) {
            assertThat(page.select("label[for=" + id + "]")).as(id).hasSize(1);
            assertThat(page.getElementById(id)).as(id).isNotNull();
        }
        assertThat(page.select(".is-invalid, .invalid-feedback, #form-error")).isEmpty();
        assertThat(page.getElementById("name").attr("maxlength")).isEqualTo("200");
        assertThat(page.getElementById("name").hasAttr("required")).isTrue();
        assertThat(page.getElementById("name").attr("aria-describedby").trim()).isEqualTo("name-help");
        assertThat(page.getElementById("code").val()).isEqualTo("X-1");
        assertThat(page.getElementById("code").hasAttr("required")).isFalse();
        assertThat(page.getElementById("due").attr("type")).isEqualTo("datetime-local");
        assertThat(page.getElementById("scan").attr("accept")).isEqualTo(".pdf");
        assertThat(page.select("#level option").eachAttr("value")).containsExactly("", "1", "2");
        assertThat(page.select("#level option").eachText()).containsExactly("第一级", "第二级");
        assertThat(page.select("#unit option").eachAttr("value")).containsExactly("7", "9");
        assertThat(page.select("#unit option").eachText()).containsExactly("包头市大数据中心", "市公安局");
        assertThat(page.getElementById("exposure-2").hasAttr("checked")).isTrue();
        assertThat(page.getElementById("exposure-1").hasAttr("checked")).isFalse();
    }

    @Test
    void aRefusedFieldKeepsWhatWasTypedAndSaysWhyBesideIt() {
        Document page = render(Map.of(
                "values", Map.of("name", "<b>财政</b>", "code", "Y-2", "purpose", "预算", "level", "2", "unit", "9"),
                "errors", Map.of("name", "名称已被使用", "level", "level.1", "form", "form.refused")));
        var name = page.getElementById("name");
        assertThat(name.val()).isEqualTo("<b>财政</b>");
        assertThat(name.hasClass("is-invalid")).isTrue();
        assertThat(name.attr("aria-invalid")).isEqualTo("true");
        assertThat(name.attr("aria-describedby")).contains("name-error");
        assertThat(page.getElementById("name-error").text()).isEqualTo("名称已被使用");
        assertThat(page.getElementById("code").val()).as("typed wins over the record's value").isEqualTo("Y-2");
        assertThat(page.getElementById("purpose").text()).isEqualTo("预算");
        assertThat(page.select("#level option[selected]").attr("value")).isEqualTo("2");
        assertThat(page.getElementById("level-error").text()).as("a message key is resolved").isEqualTo("第一级");
        assertThat(page.select("#unit option[selected]").attr("value")).isEqualTo("9");
        assertThat(page.getElementById("form-error").text()).isEqualTo("未签署安全责任协议");
        assertThat(page.select(".is-invalid")).hasSize(2);
    }
}
