package cn.govcloud.guard.duties.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

/** The Excel export's response headers (documents are served by {@code documents.Downloads}). */
final class Downloads {
    private Downloads() {
    }

    static void excel(HttpServletResponse response, String filename) {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, cn.govcloud.guard.documents.Downloads.contentDisposition(filename));
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
