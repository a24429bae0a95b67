package cn.govcloud.guard.crypto.internal;

import cn.govcloud.guard.crypto.Sm2;
import cn.govcloud.guard.crypto.Sm3;
import cn.govcloud.guard.crypto.SigningKeys;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's SM2 signing keys in {@code crypto_signing_key}: the newest signs, every older
 * one keeps its public half so what it signed (audit anchors, archived reports) still verifies.
 */
@Component
class StoredSigningKeys implements SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(StoredSigningKeys.class);
    private static final HexFormat HEX = HexFormat.of();

    private record Current(String id, byte[] privateKey) {
        @Override
        public String toString() {
            return "SigningKey[" + id + "]";
        }
    }

    private final JdbcClient jdbc;
    private final KeyRing ring;
    private final Clock clock;
    private final AtomicReference<Current> current = new AtomicReference<>();
    private final Map<String, byte[]> publicKeys = new ConcurrentHashMap<>();

    StoredSigningKeys(JdbcClient jdbc, KeyRing ring, Clock clock) {
        this.jdbc = jdbc;
        this.ring = ring;
        this.clock = clock;
    }

    @Override
    public String currentKeyId() {
        return current().id();
    }

    @Override
    public byte[] sign(byte[] message) {
        return Sm2.sign(current().privateKey(), message);
    }

    @Override
    public Optional<byte[]> publicKey(String keyId) {
        byte[] cached = publicKeys.get(keyId);
        if (cached == null) {
            cached = jdbc.sql("select public_key from crypto_signing_key where key_id = ?").param(keyId)
                    .query(String.class).optional().map(HEX::parseHex).orElse(null);
            if (cached == null) {
                return Optional.empty();
            }
            publicKeys.put(keyId, cached);
        }
        return Optional.of(cached.clone());
    }

    String rotate() {
        Current fresh = insertNext();
        current.set(fresh);
        return fresh.id();
    }

    private Current current() {
        Current c = current.get();
        if (c == null) {
            c = latest().orElseGet(this::insertNext);
            current.compareAndSet(null, c);
        }
        return current.get();
    }

    private Optional<Current> latest() {
        return jdbc.sql("select key_id, wrapped_private_key, master_key_id from crypto_signing_key order by generation desc limit 1")
                .query((rs, n) -> new Current(rs.getString(1),
                        ring.named(rs.getString(3), "Signing key " + rs.getString(1)).unwrap(rs.getString(2), aad(rs.getString(1)))))
                .optional();
    }

    /** The key id is derived from the public key (SigningKeys' contract), so it is also the row's identity. */
    private Current insertNext() {
        int generation = jdbc.sql("select coalesce(max(generation), 0) from crypto_signing_key").query(Integer.class).single() + 1;
        Sm2.KeyPair pair = Sm2.generate();
        String keyId = Sm3.hex(pair.publicKey()).substring(0, 16);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        try {
            jdbc.sql("insert into crypto_signing_key (key_id, generation, public_key, wrapped_private_key, master_key_id, created_at) values (?,?,?,?,?,?)")
                    .params(keyId, generation, HEX.formatHex(pair.publicKey()), ring.current().wrap(pair.privateKey(), aad(keyId)),
                            ring.current().id(), now)
                    .update();
        } catch (DuplicateKeyException concurrentStart) {
            return latest().orElseThrow();
        }
        jdbc.sql("update crypto_signing_key set retired_at = ? where generation < ? and retired_at is null").params(now, generation).update();
        log.info("Created SM2 signing key {} (generation {})", keyId, generation);
        return new Current(keyId, pair.privateKey());
    }

    int rewrap() {
        MasterKey previous = ring.previousKey().orElse(null);
        if (previous == null) {
            return 0;
        }
        int done = 0;
        for (var row : jdbc.sql("select key_id, wrapped_private_key from crypto_signing_key where master_key_id = ?")
                .param(previous.id()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
            byte[] key = previous.unwrap(row[1], aad(row[0]));
            done += jdbc.sql("update crypto_signing_key set wrapped_private_key = ?, master_key_id = ? where key_id = ? and master_key_id = ?")
                    .params(ring.current().wrap(key, aad(row[0])), ring.current().id(), row[0], previous.id()).update();
        }
        return done;
    }

    void checkAllReadable() {
        jdbc.sql("select distinct master_key_id from crypto_signing_key").query(String.class).list()
                .forEach(id -> ring.named(id, "A signing key"));
    }

    static String aad(String keyId) {
        return "crypto_signing_key|" + keyId;
    }
}
