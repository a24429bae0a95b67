package cn.govcloud.guard.ticketing;

import cn.govcloud.guard.RecordingHttpPeer;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service desk's ticket intake: keeps every POST (headers and body) and answers with the status it is set to; a 2xx
 * answer carries the desk's own ticket number {@code {"ticketId":"ITSM-<n>"}}.
 */
final class DeskPeer extends RecordingHttpPeer<DeskPeer.Post> {
    record Post(String eventId, String timestamp, String signature, String contentType, String body, int answered) {
    }

    private final AtomicInteger numbers = new AtomicInteger(1000);

    DeskPeer() throws IOException {
    }

    @Override
    protected Post record(Headers h, String body, int answered) {
        return new Post(h.getFirst("X-Govguard-Event-Id"), h.getFirst("X-Govguard-Timestamp"), h.getFirst("X-Govguard-Signature"),
                h.getFirst("Content-Type"), body, answered);
    }

    @Override
    protected String reply(int answer) {
        return answer / 100 == 2 ? "{\"ticketId\":\"ITSM-" + numbers.incrementAndGet() + "\",\"status\":\"new\"}"
                : "{\"error\":\"desk under maintenance\"}";
    }

    @Override
    protected String replyType() {
        return "application/json";
    }

    String url() {
        return url("/api/govguard/tickets?token=itsm-token");
    }
}
