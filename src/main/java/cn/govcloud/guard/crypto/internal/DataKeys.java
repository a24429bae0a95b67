package cn.govcloud.guard.crypto.internal;

import cn.govcloud.guard.crypto.Sm4Gcm;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SM4 data keys (purposes {@code field}, {@code hmac} and {@code audit}) in {@code crypto_data_key}, unwrapped
 * once and kept in memory because every seal, open and hash needs one; never logged.
 */
@Component
class DataKeys {
    static final String FIELD = "field";
    static final String HMAC = "hmac";
    /** Keys the audit chain's MACs (A7.4); like {@link #HMAC} never rotated. */
    static final String AUDIT = "audit";
    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);

    record DataKey(String id, byte[] key) {
        @Override
        public String toString() {
            return "DataKey[" + id + "]"; // keeps the key out of any log line
        }
    }

    private final JdbcClient jdbc;
    private final KeyRing ring;
    private final Clock clock;
    private final Map<String, DataKey> byId = new ConcurrentHashMap<>();
    private final Map<String, DataKey> currentByPurpose = new ConcurrentHashMap<>();

    DataKeys(JdbcClient jdbc, KeyRing ring, Clock clock) {
        this.jdbc = jdbc;
        this.ring = ring;
        this.clock = clock;
    }

    /** The key for new writes; created on first use. Another node's rotation is seen at that node's next start. */
    DataKey current(String purpose) {
        return currentByPurpose.computeIfAbsent(purpose, this::loadOrCreateCurrent);
    }

    DataKey byId(String keyId) {
        return byId.computeIfAbsent(keyId, id -> load(id).orElseThrow(() -> new IllegalStateException("Unknown data key " + id)));
    }

    DataKey rotate(String purpose) {
        DataKey fresh = insertNext(purpose);
        currentByPurpose.put(purpose, fresh);
        return fresh;
    }

    private DataKey loadOrCreateCurrent(String purpose) {
        return latest(purpose).orElseGet(() -> insertNext(purpose));
    }

    private Optional<DataKey> latest(String purpose) {
        return jdbc.sql("select key_id from crypto_data_key where purpose = ? order by generation desc limit 1")
                .param(purpose).query(String.class).optional().map(this::byId);
    }

    /** Inserts generation max+1; when another node got there first the unique constraint says so and we take its key. */
    private DataKey insertNext(String purpose) {
        int generation = jdbc.sql("select coalesce(max(generation), 0) from crypto_data_key where purpose = ?")
                .param(purpose).query(Integer.class).single() + 1;
        String keyId = purpose.charAt(0) + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
        byte[] key = Sm4Gcm.newKey();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        try {
            jdbc.sql("insert into crypto_data_key (key_id, purpose, generation, wrapped_key, master_key_id, created_at) values (?,?,?,?,?,?)")
                    .params(keyId, purpose, generation, ring.current().wrap(key, aad(keyId, purpose)), ring.current().id(), now)
                    .update();
        } catch (DuplicateKeyException concurrentStart) {
            return latest(purpose).orElseThrow();
        }
        jdbc.sql("update crypto_data_key set retired_at = ? where purpose = ? and generation < ? and retired_at is null")
                .params(now, purpose, generation).update();
        log.info("Created {} data key {} (generation {})", purpose, keyId, generation);
        DataKey created = new DataKey(keyId, key);
        byId.put(keyId, created);
        return created;
    }

    private Optional<DataKey> load(String keyId) {
        return jdbc.sql("select purpose, wrapped_key, master_key_id from crypto_data_key where key_id = ?").param(keyId)
                .query((rs, n) -> new DataKey(keyId, ring.named(rs.getString(3), "Data key " + keyId)
                        .unwrap(rs.getString(2), aad(keyId, rs.getString(1)))))
                .optional();
    }

    /** Re-wraps every data key still under the previous master key; the guard on master_key_id makes a concurrent start harmless. */
    int rewrap() {
        MasterKey previous = ring.previousKey().orElse(null);
        if (previous == null) {
            return 0;
        }
        int done = 0;
        for (var row : jdbc.sql("select key_id, purpose, wrapped_key from crypto_data_key where master_key_id = ?")
                .param(previous.id()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list()) {
            String aad = aad(row[0], row[1]);
            byte[] key = previous.unwrap(row[2], aad);
            done += jdbc.sql("update crypto_data_key set wrapped_key = ?, master_key_id = ? where key_id = ? and master_key_id = ?")
                    .params(ring.current().wrap(key, aad), ring.current().id(), row[0], previous.id()).update();
        }
        return done;
    }

    /** Fails start when a key is under a master key we do not have, rather than creating keys beside unreadable ones. */
    void checkAllReadable() {
        jdbc.sql("select distinct master_key_id from crypto_data_key").query(String.class).list()
                .forEach(id -> ring.named(id, "A data key"));
    }

    static String aad(String keyId, String purpose) {
        return "crypto_data_key|" + keyId + "|" + purpose;
    }
}
