package cn.govcloud.guard.documents.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.Sm3;
import cn.govcloud.guard.crypto.Sm4Gcm;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * {@link Documents} on {@code documents_file}: envelope encryption with the crypto module's public
 * API only. Each file gets a fresh SM4 key ({@link Sm4Gcm#newKey()}); the content is sealed with it
 * by {@link Sm4Gcm} (binary, no Base64 blow-up), the key itself is sealed by {@link FieldEncryption}
 * under the platform's current data key, so rotating that key covers files too and old files still
 * open. The owner, type and digest are the content's associated data.
 */
@Service
class JdbcDocuments implements Documents {
    static final String KEY_CONTEXT = "documents_file.content_key";
    private static final int CHUNK = 64 * 1024;

    private final JdbcClient jdbc;
    private final FieldEncryption fields;
    private final AuditLog audit;
    private final Clock clock;

    JdbcDocuments(JdbcClient jdbc, FieldEncryption fields, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
    }

    /** One insert, so it joins the caller's transaction without needing its own; a refusal writes nothing there. */
    @Override
    public StoredDocument store(long ownerOrgId, String filename, InputStream content) {
        String name = Filenames.sanitise(filename);
        byte[] plain;
        FileTypes.Type type;
        try {
            plain = readAtMost(content, MAX_BYTES);
            type = FileTypes.detect(plain, Filenames.extension(name));
        } catch (InvalidInput refused) {
            audit.record(AuditEvent.of("document.store", "documents_file", AuditResult.FAILURE,
                    refused.getMessage() + " owner=" + ownerOrgId + " name=" + name));
            throw refused;
        }
        name = Filenames.withExtensionOf(name, type);
        String sm3 = Sm3.hex(plain);
        byte[] key = Sm4Gcm.newKey();
        byte[] sealed;
        String sealedKey;
        try {
            sealed = Sm4Gcm.encrypt(key, plain, aad(ownerOrgId, type.mediaType(), sm3));
            sealedKey = fields.seal(KEY_CONTEXT, Base64.getEncoder().encodeToString(key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what the column keeps
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into documents_file (owner_org_id, filename, content_type, size_bytes, sm3, stored_at, content_key, content)
                        values (:owner, :filename, :type, :size, :sm3, :storedAt, :contentKey, :content)""")
                .param("owner", ownerOrgId).param("filename", name).param("type", type.mediaType())
                .param("size", (long) plain.length).param("sm3", sm3).param("storedAt", now.atOffset(ZoneOffset.UTC))
                .param("contentKey", sealedKey).param("content", sealed)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        audit.record(AuditEvent.success("document.store", "documents_file:" + id,
                "sm3=" + sm3 + " size=" + plain.length + " type=" + type.mediaType() + " owner=" + ownerOrgId + " name=" + name));
        return new StoredDocument(id, ownerOrgId, name, type.mediaType(), plain.length, sm3, now);
    }

    @Override
    public Optional<StoredDocument> describe(long id) {
        return jdbc.sql("select id, owner_org_id, filename, content_type, size_bytes, sm3, stored_at from documents_file where id = :id")
                .param("id", id)
                .query((rs, i) -> new StoredDocument(rs.getLong("id"), rs.getLong("owner_org_id"), rs.getString("filename"),
                        rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sm3"),
                        rs.getObject("stored_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Override
    public byte[] open(long id) {
        record Sealed(long owner, String type, String sm3, String key, byte[] content) {
        }
        Sealed row = jdbc.sql("select owner_org_id, content_type, sm3, content_key, content from documents_file where id = :id")
                .param("id", id)
                .query((rs, i) -> new Sealed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)))
                .optional().orElseThrow(() -> new NotFound("document " + id));
        byte[] key = Base64.getDecoder().decode(fields.open(KEY_CONTEXT, row.key()));
        try {
            return Sm4Gcm.decrypt(key, row.content(), aad(row.owner(), row.type(), row.sm3()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("documents_file " + id + " does not open: altered, moved to another owner or relabelled", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] aad(long owner, String type, String sm3) {
        return ("documents_file|" + owner + "|" + type + "|" + sm3).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the stream in chunks and gives up as soon as it passes {@code max}: memory stays within max + one chunk. */
    static byte[] readAtMost(InputStream in, long max) {
        byte[] buffer = new byte[CHUNK];
        int size = 0;
        try {
            while (true) {
                if (size == buffer.length) {
                    if (size > max) {
                        throw FileTypes.refused(FileTypes.TOO_LARGE);
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, max + 1));
                    if (size == buffer.length) { // already holds max + 1 bytes
                        throw FileTypes.refused(FileTypes.TOO_LARGE);
                    }
                }
                int n = in.read(buffer, size, buffer.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded file failed", e);
        }
        if (size > max) {
            throw FileTypes.refused(FileTypes.TOO_LARGE);
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
