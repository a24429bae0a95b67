package cn.govcloud.guard.documents;

import java.time.Instant;

/** A stored file's description; {@code sm3} is the hex SM3 digest of the plain content. */
public record StoredDocument(long id, long ownerOrgId, String filename, String contentType, long size, String sm3,
                             Instant storedAt) {
}
