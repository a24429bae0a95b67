package cn.govcloud.guard.audit.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Issue 23 points 4 and 12: an audit record in words for the audit page (A5.3), rendered at display time — the stored
 * record and its hash chain stay exactly as written.
 *
 * <p>The action code ({@code hazards.acknowledge}, {@code identity.user.create}, {@code http.post /systems/{id}}) as a
 * label: {@code audit.action.<code>} names a whole code; otherwise each dotted part is looked up as
 * {@code audit.word.<part>} and the words are joined — a part without a word stays as it is.
 *
 * <p>The record as a sentence: {@code audit.say.<code>} with {0} the target in words ({@code user:42} → 用户 42 through
 * {@code audit.kind.<module>.<kind>} or {@code audit.kind.<kind>}) and {1} the stored details. A code built from a list's
 * name ({@code hazards.export}) takes {@code audit.say.*.<last part>} with {2} the label of the rest; the page request the
 * filter records ({@code http.post /path}, details {@code status=201}) is {@code audit.say.http} with {2} the method and
 * {3} the status. The raw record stays on the page beside the sentence.
 */
@Component
class AuditActionLabels {
    private static final Pattern STATUS = Pattern.compile("status=(\\d{3})");
    private final MessageSource messages;

    AuditActionLabels(MessageSource messages) {
        this.messages = messages;
    }

    String label(String action, Locale locale) {
        if (action == null || action.isBlank()) {
            return "";
        }
        String whole = messages.getMessage("audit.action." + action, null, null, locale);
        if (whole != null) {
            return whole;
        }
        String code = action;
        String rest = "";
        int space = action.indexOf(' ');
        if (space > 0) { // the request filter's "http.post /path"
            code = action.substring(0, space);
            rest = action.substring(space + 1);
        }
        List<String> words = new ArrayList<>();
        for (String part : code.split("\\.")) {
            String word = messages.getMessage("audit.word." + part, null, part, locale);
            if (words.isEmpty() || !words.get(words.size() - 1).equals(word)) {
                words.add(word);
            }
        }
        if (code.startsWith("http.") && words.size() == 2) {
            return words.get(0) + " " + words.get(1).toUpperCase(Locale.ROOT) + (rest.isEmpty() ? "" : " " + rest);
        }
        return String.join(" · ", words) + (rest.isEmpty() ? "" : " " + rest);
    }

    /** The record as one sentence in the page's language; the label and the target when the code has none. */
    String sentence(String action, String target, String details, Locale locale) {
        if (action == null || action.isBlank()) {
            return "";
        }
        String shownDetails = details == null ? "" : details;
        if (action.startsWith("http.")) {
            int space = action.indexOf(' ');
            String code = (space > 0 ? action.substring(5, space) : action.substring(5)).toUpperCase(Locale.ROOT);
            // the HTTP verb in words (删除, 提交 …): a Chinese page shows no bare DELETE (issue 23 point 4)
            String method = messages.getMessage("audit.method." + code, null, code, locale);
            Matcher status = STATUS.matcher(shownDetails);
            String path = target != null ? target : space > 0 ? action.substring(space + 1) : "";
            return messages.getMessage("audit.say.http", new Object[] {path, shownDetails, method, status.find() ? status.group(1) : "—"},
                    locale);
        }
        String what = target(action, target, locale);
        String exact = messages.getMessage("audit.say." + action, new Object[] {what, shownDetails, ""}, null, locale);
        if (exact != null) {
            return exact;
        }
        int dot = action.lastIndexOf('.');
        String family = dot <= 0 ? null : messages.getMessage("audit.say.*." + action.substring(dot + 1),
                new Object[] {what, shownDetails, label(action.substring(0, dot), locale)}, null, locale);
        return family != null ? family : label(action, locale) + (what.isEmpty() ? "" : "：" + what);
    }

    /** Whether {@code action} has a sentence of its own or of its family (a unit test holds every written code to it). */
    boolean explains(String action, Locale locale) {
        if (action.startsWith("http.")) {
            return messages.getMessage("audit.say.http", null, null, locale) != null;
        }
        int dot = action.lastIndexOf('.');
        return messages.getMessage("audit.say." + action, null, null, locale) != null
                || dot > 0 && messages.getMessage("audit.say.*." + action.substring(dot + 1), null, null, locale) != null;
    }

    /** {@code user:42} → 用户 42, {@code calendar_year:2027} → 2027 年; a target of no known kind stays as written. */
    String target(String action, String target, Locale locale) {
        if (target == null || target.isBlank()) {
            return "";
        }
        int colon = target.indexOf(':');
        String kind = colon > 0 ? target.substring(0, colon) : target;
        String id = colon > 0 ? target.substring(colon + 1) : "";
        String module = action.contains(".") ? action.substring(0, action.indexOf('.')) : action;
        String key = "audit.kind." + module + "." + kind;
        String word = messages.getMessage(key, null, null, locale);
        if (word == null) {
            key = "audit.kind." + kind;
            word = messages.getMessage(key, null, null, locale);
        }
        if (word == null) {
            return target;
        }
        if (word.contains("{0}")) {
            return messages.getMessage(key, new Object[] {id}, locale);
        }
        // a number names the row; anything else (a username typed at the login, a protocol) stays in the raw record and the
        // columns beside the sentence, which keeps to the page's language
        return id.isEmpty() || !Character.isDigit(id.charAt(0)) ? word : word + " " + id;
    }
}
