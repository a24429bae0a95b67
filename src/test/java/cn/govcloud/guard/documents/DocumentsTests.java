package cn.govcloud.guard.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.crypto.Sm3;
import cn.govcloud.guard.documents.internal.Samples;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Evidence files on H2 and on PostgreSQL: accepted types round-trip, refusals change nothing, content encrypted at rest. */
@AppTest
class DocumentsTests {
    @Autowired Documents documents;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    record Sample(String filename, byte[] content, String contentType, String storedName) {
    }

    @Test
    void everyAcceptedTypeStoresAndOpensByteIdentical() {
        Map<String, Sample> samples = new LinkedHashMap<>();
        samples.put("pdf", new Sample("整改报告.pdf", Samples.pdf(), "application/pdf", "整改报告.pdf"));
        samples.put("png", new Sample("截图.png", Samples.png(), "image/png", "截图.png"));
        samples.put("jpeg", new Sample("现场照片.jpg", Samples.jpeg(), "image/jpeg", "现场照片.jpg"));
        samples.put("docx", new Sample("方案.docx", Samples.zip("word/document.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "方案.docx"));
        samples.put("xlsx", new Sample("台账.xlsx", Samples.zip("xl/workbook.xml"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "台账.xlsx"));
        samples.put("ofd", new Sample("公文.ofd", Samples.zip("OFD.xml"), "application/ofd", "公文.ofd"));
        samples.put("zip", new Sample("日志.zip", Samples.zip("a.log", "2026-11-25 02:00 备份完成 evidence-marker\n"), "application/zip", "日志.zip"));
        samples.put("csv", new Sample("资产.csv", "系统,等级\n门户网站,三级\n".getBytes(StandardCharsets.UTF_8), "text/csv", "资产.csv"));
        samples.put("text", new Sample("说明", "evidence-marker 检查说明\n".getBytes(StandardCharsets.UTF_8), "text/plain", "说明.txt"));
        samples.put("misnamed", new Sample("photo.html", Samples.png(), "image/png", "photo.html.png"));
        long org = unit1Org();
        for (Map.Entry<String, Sample> e : samples.entrySet()) {
            Sample s = e.getValue();
            StoredDocument stored = documents.store(org, s.filename(), new ByteArrayInputStream(s.content()));
            assertThat(stored.contentType()).as(e.getKey()).isEqualTo(s.contentType());
            assertThat(stored.filename()).as(e.getKey()).isEqualTo(s.storedName());
            assertThat(stored.size()).isEqualTo(s.content().length);
            assertThat(stored.sm3()).as(e.getKey()).isEqualTo(Sm3.hex(s.content()));
            assertThat(stored.ownerOrgId()).isEqualTo(org);
            assertThat(documents.open(stored.id())).as(e.getKey()).isEqualTo(s.content());
            assertThat(documents.describe(stored.id())).contains(stored);

            byte[] atRest = jdbc.sql("select content from documents_file where id = :id").param("id", stored.id())
                    .query(byte[].class).single();
            assertThat(atRest).as(e.getKey()).isNotEqualTo(s.content());
            assertThat(indexOf(atRest, s.content())).as("plaintext inside the stored bytes of " + e.getKey()).isEqualTo(-1);
            assertThat(indexOf(atRest, "evidence-marker".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        }
    }

    @Test
    void storingIsAuditedWithTheDigest() {
        byte[] content = ("audited " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        StoredDocument stored = documents.store(unit1Org(), "a.txt", new ByteArrayInputStream(content));
        String details = jdbc.sql("select details from audit_record where action = 'document.store' and target = :t")
                .param("t", "documents_file:" + stored.id()).query(String.class).single();
        assertThat(details).contains("sm3=" + Sm3.hex(content)).contains("size=" + content.length);
    }

    @Test
    void refusedFilesChangeNothing() {
        long before = count();
        Map<String, byte[]> refused = new LinkedHashMap<>();
        refused.put("setup.pdf", "MZ\u0090\0\u0003\0\0\0\u0004\0".getBytes(StandardCharsets.ISO_8859_1));
        refused.put("page.txt", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8));
        refused.put("logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
        refused.put("gbk.csv", "系统,等级\n".getBytes(Charset.forName("GBK")));
        refused.put("empty.pdf", new byte[0]);
        for (Map.Entry<String, byte[]> e : refused.entrySet()) {
            assertThatThrownBy(() -> documents.store(unit1Org(), e.getKey(), new ByteArrayInputStream(e.getValue())))
                    .as(e.getKey()).isInstanceOf(InvalidInput.class)
                    .satisfies(x -> assertThat(((InvalidInput) x).fieldErrors()).containsKey("file"));
        }
        assertThatThrownBy(() -> documents.store(unit1Org(), "big.pdf", oversized())).isInstanceOf(InvalidInput.class)
                .hasMessage("documents.refused.tooLarge");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aRefusalLeavesTheCallersTransactionUsable() {
        long before = count();
        transactions.executeWithoutResult(tx -> {
            assertThatThrownBy(() -> documents.store(unit1Org(), "x.exe", new ByteArrayInputStream(new byte[] {'M', 'Z', 0})))
                    .isInstanceOf(InvalidInput.class);
            documents.store(unit1Org(), "ok.txt", new ByteArrayInputStream("ok".getBytes(StandardCharsets.UTF_8)));
        });
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void aFileMovedToAnotherOwnerNoLongerOpens() {
        StoredDocument stored = documents.store(unit1Org(), "a.pdf", new ByteArrayInputStream(Samples.pdf()));
        jdbc.sql("update documents_file set owner_org_id = owner_org_id + 1 where id = :id").param("id", stored.id()).update();
        assertThatThrownBy(() -> documents.open(stored.id())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> documents.open(Long.MAX_VALUE)).isInstanceOf(NotFound.class);
        assertThat(documents.describe(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theDownloadHelperSendsTheStoredFile() {
        StoredDocument stored = documents.store(unit1Org(), "../../整改 报告.pdf", new ByteArrayInputStream(Samples.pdf()));
        assertThat(stored.filename()).isEqualTo("整改 报告.pdf");
        var response = Downloads.attachment(documents, stored.id());
        assertThat(response.getBody()).isEqualTo(Samples.pdf());
        assertThat(response.getHeaders().getFirst("Content-Disposition")).startsWith("attachment;")
                .contains("filename*=UTF-8''%E6%95%B4%E6%94%B9%20%E6%8A%A5%E5%91%8A.pdf");
        assertThatThrownBy(() -> Downloads.attachment(documents, Long.MAX_VALUE)).isInstanceOf(NotFound.class);
    }

    private static InputStream oversized() {
        return new InputStream() {
            long left = Documents.MAX_BYTES + 1;

            @Override
            public int read() {
                return left-- > 0 ? '%' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) '%');
                left -= n;
                return n;
            }
        };
    }

    private long unit1Org() {
        return jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
    }

    private long count() {
        return jdbc.sql("select count(*) from documents_file").query(Long.class).single();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
