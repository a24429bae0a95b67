package cn.govcloud.guard.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.documents.internal.FileTypes.Type;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Issue 4: archives are accepted only when they hold evidence, and a zip bomb is refused without being inflated past the limit. */
class ArchivesUnitTests {

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] zeros(int megabytes) {
        return new byte[megabytes * 1024 * 1024];
    }

    @Test
    void anArchiveOfReportsAndLogsIsAccepted() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("等保测评报告.pdf", "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("截图.png", new byte[] {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0});
        entries.put("backup.log", "2026-11-25 02:00 备份完成 412.6 GB\n".repeat(2000).getBytes(StandardCharsets.UTF_8));
        assertThat(FileTypes.detect(zip(entries), "zip")).isEqualTo(Type.ZIP);
    }

    @Test
    void aZipBombIsRefusedWhateverItsExtension() throws IOException {
        byte[] bomb = zip(Map.of("report.pdf", zeros(60))); // 60 MB of zeros, about 60 KB compressed
        assertThat(bomb.length).isLessThan(200_000);
        for (String extension : new String[] {"zip", "docx", "xlsx", "ofd"}) {
            assertThatThrownBy(() -> FileTypes.detect(bomb, extension)).isInstanceOf(InvalidInput.class)
                    .hasMessage(Archives.BOMB);
        }
    }

    @Test
    void anArchiveHidingAnExecutableOrAWebPageIsRefused() throws IOException {
        byte[] exe = zip(Map.of("readme.pdf", new byte[] {0x4D, 0x5A, (byte) 0x90, 0, 3, 0, 0, 0}));
        assertThatThrownBy(() -> FileTypes.detect(exe, "zip")).isInstanceOf(InvalidInput.class).hasMessage(Archives.CONTENT);
        byte[] page = zip(Map.of("index.txt", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> FileTypes.detect(page, "zip")).isInstanceOf(InvalidInput.class).hasMessage(Archives.CONTENT);
        byte[] nested = zip(Map.of("inner.zip", zip(Map.of("a.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)))));
        assertThatThrownBy(() -> FileTypes.detect(nested, "zip")).isInstanceOf(InvalidInput.class).hasMessage(Archives.CONTENT);
    }
}
