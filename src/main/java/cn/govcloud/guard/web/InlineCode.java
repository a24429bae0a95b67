package cn.govcloud.guard.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Text written with `backticks` around what is code — a rule condition, an attribute name, a setting — shown with
 * that code as {@code <code>}, so a Chinese note reads as Chinese with its identifiers marked as identifiers
 * (issue 23 point 4). Templates: {@code th:each="part : ${@inlineCode.parts(note)}"}.
 */
@Component("inlineCode")
public class InlineCode {

    /** One run of text, code or not. */
    public record Part(String text, boolean code) {
    }

    public List<Part> parts(String text) {
        List<Part> parts = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return parts;
        }
        String[] runs = text.split("`", -1);
        int last = runs.length - 1;
        // an unpaired backtick leaves the rest as plain text rather than swallowing it into code
        boolean unpaired = runs.length % 2 == 0;
        for (int i = 0; i < runs.length; i++) {
            boolean dangling = unpaired && i == last;
            String run = dangling ? "`" + runs[i] : runs[i];
            if (!run.isEmpty()) {
                parts.add(new Part(run, i % 2 == 1 && !dangling));
            }
        }
        return parts;
    }
}
