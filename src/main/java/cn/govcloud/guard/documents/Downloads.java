package cn.govcloud.guard.documents;

import cn.govcloud.guard.shared.NotFound;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * For the controllers of the modules that own documents: a stored file as a download. Always an
 * attachment (never shown inline), with the type it was stored as, {@code nosniff} so a browser
 * does not second-guess that type, a sandbox CSP should it be opened anyway, and no caching of
 * evidence on shared machines. Check that the reader may see the file before calling.
 */
public final class Downloads {
    private Downloads() {
    }

    /** The file {@code id} of {@code documents} as a download; {@code NotFound} when there is none. */
    public static ResponseEntity<byte[]> attachment(Documents documents, long id) {
        StoredDocument document = documents.describe(id).orElseThrow(() -> new NotFound("document " + id));
        return attachment(document, documents.open(id));
    }

    public static ResponseEntity<byte[]> attachment(StoredDocument document, byte[] content) {
        MediaType type = MediaType.parseMediaType(document.contentType());
        if ("text".equals(type.getType())) {
            type = new MediaType(type, StandardCharsets.UTF_8);
        }
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(content.length)
                .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(document.filename()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(content);
    }

    /**
     * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>} (RFC 6266 with the
     * RFC 5987 extended parameter), so Chinese names arrive intact and old clients still get a usable name.
     */
    public static String contentDisposition(String filename) {
        StringBuilder ascii = new StringBuilder();
        filename.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' && cp != ';' ? (char) cp : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + rfc5987(filename);
    }

    /** RFC 5987 {@code value-chars}: attr-char as is, every other UTF-8 byte as %XX. */
    static String rfc5987(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
