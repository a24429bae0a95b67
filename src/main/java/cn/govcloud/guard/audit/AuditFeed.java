package cn.govcloud.guard.audit;

import java.util.List;

/**
 * The operation log read as a stream by sequence number, for forwarding it elsewhere (a SIEM). Ids are
 * gap-free and each append commits before the next id is handed out (the chain's head lock), so a
 * reader that remembers the last id it passed on and asks for what follows never skips a record:
 * a cursor over this feed gives ordered, resumable, at-least-once delivery.
 */
public interface AuditFeed {
    int MAX_BATCH = 1000;

    /** Records with {@code id > afterId}, oldest first, at most {@code limit} (1..{@value #MAX_BATCH}). */
    List<AuditRecord> after(long afterId, int limit);

    /** The newest record's id, 0 while the log is empty: {@code lastId() - cursor} records are still to come. */
    long lastId();
}
