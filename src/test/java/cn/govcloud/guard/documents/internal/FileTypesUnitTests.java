package cn.govcloud.guard.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.documents.internal.FileTypes.Type;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Content-type detection by magic bytes, file-name hygiene and the bounded read, without Spring. */
class FileTypesUnitTests {

    @Test
    void theContentDecidesNotTheName() {
        assertThat(FileTypes.detect(bytes("%PDF-1.7\n%âãÏÓ\n"), "exe")).isEqualTo(Type.PDF);
        assertThat(FileTypes.detect(Samples.png(), "pdf")).isEqualTo(Type.PNG);
        assertThat(FileTypes.detect(Samples.jpeg(), "")).isEqualTo(Type.JPEG);
        assertThat(FileTypes.detect(bytes("列1,列2\n甲,乙\n"), "csv")).isEqualTo(Type.CSV);
        assertThat(FileTypes.detect(bytes("检查记录\n"), "pdf")).isEqualTo(Type.TEXT);
        assertThat(FileTypes.detect(bytes("\uFEFFwith a byte-order mark"), "txt")).isEqualTo(Type.TEXT);
    }

    @Test
    void zipBasedFormatsAreToldApartByTheExtensionOnly() {
        byte[] zip = Samples.zip("word/document.xml");
        assertThat(FileTypes.detect(zip, "docx")).isEqualTo(Type.DOCX);
        assertThat(FileTypes.detect(zip, "xlsx")).isEqualTo(Type.XLSX);
        assertThat(FileTypes.detect(zip, "ofd")).isEqualTo(Type.OFD);
        // a plain ZIP must hold evidence (issue 4): a log is, a lone XML part is not (ArchivesUnitTests)
        byte[] logs = Samples.zip("a.log", "2026-11-25 02:00 backup done\n");
        assertThat(FileTypes.detect(logs, "zip")).isEqualTo(Type.ZIP);
        assertThat(FileTypes.detect(logs, "jar")).isEqualTo(Type.ZIP);
        assertThatThrownBy(() -> FileTypes.detect(bytes("PK\u0005\u0006" + "\0".repeat(18)), "zip")) // empty archive
                .isInstanceOf(InvalidInput.class).hasMessage(FileTypes.UNSUPPORTED);
    }

    @Test
    void executablesMarkupBinaryAndOtherEncodingsAreRefusedWithTheReason() {
        refused(bytes("MZ\u0090\0\u0003\0\0\0"), "pdf", FileTypes.EXECUTABLE);
        refused(bytes("\u007fELF\u0002\u0001\u0001"), "txt", FileTypes.EXECUTABLE);
        refused(bytes("<!DOCTYPE html><html><script>alert(1)</script></html>"), "txt", FileTypes.MARKUP);
        refused(bytes("  \n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "csv", FileTypes.MARKUP);
        refused(bytes("<?xml version=\"1.0\"?><a/>"), "txt", FileTypes.MARKUP);
        refused(bytes("name,comment\nx,<script>alert(1)</script>\n"), "csv", FileTypes.MARKUP);
        refused(bytes("GIF89a\u0001\0\u0001\0"), "gif", FileTypes.UNSUPPORTED);
        refused("检查记录，GBK 编码".getBytes(Charset.forName("GBK")), "txt", FileTypes.UNSUPPORTED);
        refused(new byte[] {1, 2, 3, 0, 5}, "bin", FileTypes.UNSUPPORTED);
        refused(new byte[0], "pdf", FileTypes.EMPTY);
    }

    @Test
    void onlyTheFirst8KiBMustBeText_andACharacterCutAtTheWindowIsFine() {
        byte[] text = new byte[FileTypes.TEXT_WINDOW + 100];
        Arrays.fill(text, (byte) 'a');
        byte[] han = "汉".getBytes(StandardCharsets.UTF_8); // three bytes, the last two past the window
        System.arraycopy(han, 0, text, FileTypes.TEXT_WINDOW - 1, 3);
        assertThat(FileTypes.detect(text, "txt")).isEqualTo(Type.TEXT);
        text[FileTypes.TEXT_WINDOW - 10] = 0;
        refused(text, "txt", FileTypes.UNSUPPORTED);
    }

    @Test
    void fileNamesLoseTheirPathControlAndBidiCharacters() {
        assertThat(Filenames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Filenames.sanitise("C:\\Users\\张三\\整改报告.pdf")).isEqualTo("整改报告.pdf");
        assertThat(Filenames.sanitise("report\r\nX-Injected: 1.pdf")).isEqualTo("reportX-Injected_ 1.pdf");
        assertThat(Filenames.sanitise("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(Filenames.sanitise("a\"b<c>.txt")).isEqualTo("a_b_c_.txt");
        assertThat(Filenames.sanitise("..")).isEqualTo("document");
        assertThat(Filenames.sanitise("   ")).isEqualTo("document");
        assertThat(Filenames.sanitise(null)).isEqualTo("document");
        assertThat(Filenames.sanitise(".hidden.pdf. ")).isEqualTo("hidden.pdf");
        String longName = "长".repeat(300) + ".xlsx";
        assertThat(Filenames.sanitise(longName)).hasSize(200).endsWith("长.xlsx");
        String emoji = "😀".repeat(150) + ".pdf"; // 300 UTF-16 units before the extension
        assertThat(Filenames.sanitise(emoji)).hasSizeLessThanOrEqualTo(200).endsWith(".pdf").doesNotContain("\uFFFD");
    }

    @Test
    void theExtensionFollowsTheContent() {
        assertThat(Filenames.withExtensionOf("scan.html", Type.PNG)).isEqualTo("scan.html.png");
        assertThat(Filenames.withExtensionOf("photo.JPEG", Type.JPEG)).isEqualTo("photo.JPEG");
        assertThat(Filenames.withExtensionOf("tool.jar", Type.ZIP)).isEqualTo("tool.jar.zip");
        assertThat(Filenames.withExtensionOf("报告", Type.PDF)).isEqualTo("报告.pdf");
        assertThat(Filenames.withExtensionOf("x".repeat(200), Type.PDF)).hasSize(200).endsWith("x.pdf");
    }

    @Test
    void readingStopsAsSoonAsTheLimitIsPassed() {
        assertThat(JdbcDocuments.readAtMost(new ByteArrayInputStream(new byte[100_000]), 100_000)).hasSize(100_000);
        assertThat(JdbcDocuments.readAtMost(new ByteArrayInputStream(new byte[10]), 100_000)).hasSize(10);
        Endless endless = new Endless();
        assertThatThrownBy(() -> JdbcDocuments.readAtMost(endless, 1_000_000)).isInstanceOf(InvalidInput.class)
                .hasMessage(FileTypes.TOO_LARGE);
        assertThat(endless.served).isLessThan(1_000_000 + 64 * 1024 + 1);
        assertThatThrownBy(() -> JdbcDocuments.readAtMost(new ByteArrayInputStream(new byte[100_001]), 100_000))
                .isInstanceOf(InvalidInput.class);
    }

    /** An upload that never ends. */
    static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'a');
            served += len;
            return len;
        }
    }

    private static void refused(byte[] content, String extension, String reason) {
        assertThatThrownBy(() -> FileTypes.detect(content, extension)).isInstanceOf(InvalidInput.class).hasMessage(reason)
                .satisfies(e -> assertThat(((InvalidInput) e).fieldErrors()).containsEntry("file", reason));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1.newEncoder().canEncode(s) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
}
