package cn.govcloud.guard.audit.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Issue 23 point 12: an audit action code ({@code hazards.acknowledge}, {@code identity.user.create},
 * {@code http.post /systems/{id}}) in words for the audit page (A5.3). {@code audit.action.<code>} names a whole code;
 * otherwise each dotted part is looked up as {@code audit.word.<part>} and the words are joined — a part without a
 * word stays as it is, so a new action is still readable before anyone names it. The code itself stays beside the
 * label (the filter matches on it).
 */
@Component
class AuditActionLabels {
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
}
