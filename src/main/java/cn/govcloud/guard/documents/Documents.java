package cn.govcloud.guard.documents;

import java.io.InputStream;
import java.util.Optional;

/** Stores and opens evidence files; both run in the caller's transaction. */
public interface Documents {

    /** Largest accepted file. */
    long MAX_BYTES = 50L * 1024 * 1024;

    /**
     * Checks the file (size ≤ {@link #MAX_BYTES}, the content really is one of the accepted
     * types: PDF, PNG, JPEG, OFD, DOCX, XLSX, ZIP, plain text/CSV), encrypts and stores it.
     * Throws {@code InvalidInput} naming the problem and stores nothing when the file is refused.
     */
    StoredDocument store(long ownerOrgId, String filename, InputStream content);

    Optional<StoredDocument> describe(long id);

    /** The decrypted content; the caller has checked the reader may see it. */
    byte[] open(long id);
}
