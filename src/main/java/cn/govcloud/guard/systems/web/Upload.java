package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.InvalidInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.web.multipart.MultipartFile;

/** An uploaded file as the services take it: its name and its content, both null when none (or an empty one) was sent. */
record Upload(String name, InputStream content) {
    private static final Upload NONE = new Upload(null, null);

    /** The API's reading: a file that cannot be read fails the request. */
    static Upload of(MultipartFile file) throws IOException {
        return file == null || file.isEmpty() ? NONE : new Upload(file.getOriginalFilename(), file.getInputStream());
    }

    /** A page's reading: a file that cannot be read is refused beside the file field. */
    static Upload orRefused(MultipartFile file) {
        try {
            return of(file);
        } catch (IOException e) {
            throw new InvalidInput("systems.error.invalid", Map.of("file", "systems.error.file"));
        }
    }
}
