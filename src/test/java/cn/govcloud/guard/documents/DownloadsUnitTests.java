package cn.govcloud.guard.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

class DownloadsUnitTests {

    @Test
    void anAttachmentWithTheStoredTypeNosniffAndAnRfc5987Name() {
        StoredDocument doc = new StoredDocument(7, 3, "整改报告 2026\"final\".pdf", "application/pdf", 4, "ab", Instant.EPOCH);
        ResponseEntity<byte[]> response = Downloads.attachment(doc, new byte[] {1, 2, 3, 4});
        HttpHeaders headers = response.getHeaders();
        assertThat(headers.getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/pdf");
        assertThat(headers.getContentLength()).isEqualTo(4);
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getCacheControl()).contains("no-store");
        String disposition = headers.getFirst(HttpHeaders.CONTENT_DISPOSITION);
        assertThat(disposition).isEqualTo("attachment; filename=\"____ 2026_final_.pdf\"; "
                + "filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%202026%22final%22.pdf");
        ContentDisposition parsed = ContentDisposition.parse(disposition);
        assertThat(parsed.isAttachment()).isTrue();
        assertThat(parsed.getFilename()).isEqualTo("整改报告 2026\"final\".pdf");
        assertThat(parsed.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(response.getBody()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void textIsSentAsUtf8() {
        StoredDocument doc = new StoredDocument(8, 3, "a.csv", "text/csv", 1, "ab", Instant.EPOCH);
        assertThat(Downloads.attachment(doc, new byte[] {'a'}).getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))
                .isEqualTo("text/csv;charset=UTF-8");
    }
}
