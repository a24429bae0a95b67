package cn.govcloud.guard.data.internal;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The module's messages in the request's language (findings and the A8.2 refusal name grades and bases in words). */
@Component
class DataTexts {
    private final MessageSource messages;

    DataTexts(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
