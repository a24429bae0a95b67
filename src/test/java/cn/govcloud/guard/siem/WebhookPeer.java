package cn.govcloud.guard.siem;

import cn.govcloud.guard.RecordingHttpPeer;
import com.sun.net.httpserver.Headers;
import java.io.IOException;

/** A SIEM's HTTP collector: keeps every POST (headers and body), answers with the status it is set to. */
final class WebhookPeer extends RecordingHttpPeer<WebhookPeer.Post> {
    record Post(String contentType, String signature, String timestamp, String sequence, int answered, String body) {
    }

    WebhookPeer() throws IOException {
    }

    @Override
    protected Post record(Headers h, String body, int answered) {
        return new Post(h.getFirst("Content-Type"), h.getFirst("X-Govguard-Signature"), h.getFirst("X-Govguard-Timestamp"),
                h.getFirst("X-Govguard-Sequence"), answered, body);
    }

    @Override
    protected String reply(int answer) {
        return answer / 100 == 2 ? "ok" : "collector unavailable";
    }

    String url() {
        return url("/ingest/govguard?token=s3cr3t");
    }
}
