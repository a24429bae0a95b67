package cn.govcloud.guard.duties.web;

import cn.govcloud.guard.duties.internal.EvidenceFiling;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/** The files of an evidence submission; a request that is not multipart simply has none. */
final class Evidence {
    private Evidence() {
    }

    /** Files whose part name starts with {@code prefix}, keyed by the slot name after it. */
    static List<EvidenceFiling.Upload> uploads(HttpServletRequest request, String prefix) throws IOException {
        List<EvidenceFiling.Upload> uploads = new ArrayList<>();
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            return uploads;
        }
        for (Map.Entry<String, List<MultipartFile>> part : multipart.getMultiFileMap().entrySet()) {
            for (MultipartFile file : part.getValue()) {
                if (!file.isEmpty() && part.getKey().startsWith(prefix)) {
                    uploads.add(new EvidenceFiling.Upload(part.getKey().substring(prefix.length()), file.getOriginalFilename(),
                            file.getInputStream()));
                }
            }
        }
        return uploads;
    }
}
