package cn.govcloud.guard.notify.internal;

import cn.govcloud.guard.notify.Notice;
import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One notice as its reader sees it.
 *
 * @param message the text in the reader's language ({@code messageKey} itself when no bundle has it)
 * @param readAt  when this reader marked it read; null while unread
 */
public record InboxEntry(long id, String key, Notice.Severity severity, String message, String messageKey, List<String> args,
                         String link, Instant createdAt, Instant readAt) {
    @JsonProperty("read")
    public boolean read() {
        return readAt != null;
    }
}
