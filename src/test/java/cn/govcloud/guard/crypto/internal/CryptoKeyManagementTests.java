package cn.govcloud.guard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.KeyManagement;
import cn.govcloud.guard.crypto.KeyedHash;
import cn.govcloud.guard.crypto.Sm2;
import cn.govcloud.guard.crypto.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The key store on the real databases (A7.1): field encryption, rotation of data, signing and master keys. */
@AppTest
class CryptoKeyManagementTests {
    @Autowired FieldEncryption fields;
    @Autowired KeyedHash keyedHash;
    @Autowired SigningKeys signingKeys;
    @Autowired KeyManagement keyManagement;
    @Autowired KeyRing ring;
    @Autowired JdbcClient jdbc;

    @Test
    void fieldValuesRoundTripDifferEachTimeAndAreBoundToTheirContextA71() {
        String a = fields.seal("identity_user.mobile", "13812345678");
        String b = fields.seal("identity_user.mobile", "13812345678");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("13812345678");
        assertThat(fields.open("identity_user.mobile", a)).isEqualTo("13812345678");
        assertThatThrownBy(() -> fields.open("identity_user.id_card", a)).hasMessageNotContaining("13812345678");
    }

    @Test
    void fieldKeyRotationKeepsOldValuesReadableA71() {
        String old = fields.seal("t.c", "150102199001011234");
        String newKeyId = keyManagement.rotateFieldKey();
        String fresh = fields.seal("t.c", "150102199001011234");
        assertThat(fresh.split(":")[1]).isEqualTo(newKeyId).isNotEqualTo(old.split(":")[1]);
        assertThat(fields.open("t.c", old)).isEqualTo("150102199001011234");
        assertThat(fields.open("t.c", fresh)).isEqualTo("150102199001011234");
        assertThat(jdbc.sql("select count(*) from crypto_data_key where purpose = 'field' and retired_at is null").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void keyedHashIsStableHexHmacSm3A71() {
        assertThat(keyedHash.hash("token-1")).hasSize(64).isEqualTo(keyedHash.hash("token-1")).isNotEqualTo(keyedHash.hash("token-2"));
    }

    @Test
    void signingKeyRotationKeepsOldPublicKeysForVerificationA71() {
        byte[] message = "anchor".getBytes(StandardCharsets.UTF_8);
        String oldId = signingKeys.currentKeyId();
        byte[] oldSignature = signingKeys.sign(message);
        String newId = keyManagement.rotateSigningKey();
        assertThat(newId).isNotEqualTo(oldId).isEqualTo(signingKeys.currentKeyId());
        assertThat(Sm2.verify(signingKeys.publicKey(oldId).orElseThrow(), message, oldSignature)).isTrue();
        assertThat(Sm2.verify(signingKeys.publicKey(newId).orElseThrow(), message, signingKeys.sign(message))).isTrue();
        assertThat(signingKeys.publicKey("0000000000000000")).isEmpty();
    }

    @Test
    void masterKeyRotationRewrapsKeysLeftUnderThePreviousMasterKeyA71() {
        MasterKey previous = MasterKey.random();
        byte[] secret = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
        String keyId = "rewrap-test-" + System.nanoTime() % 100000;
        jdbc.sql("insert into crypto_data_key (key_id, purpose, generation, wrapped_key, master_key_id, created_at) values (?,?,?,?,?,?)")
                .params(keyId, "test", 1, previous.wrap(secret, DataKeys.aad(keyId, "test")), previous.id(),
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        try {
            DataKeys afterRotation = new DataKeys(jdbc, new KeyRing(ring.current(), previous), Clock.systemUTC());
            assertThat(afterRotation.rewrap()).isEqualTo(1);
            assertThat(jdbc.sql("select master_key_id from crypto_data_key where key_id = ?").param(keyId).query(String.class).single())
                    .isEqualTo(ring.current().id());
            // the app's own key store, which knows only the current master key, now reads it
            assertThat(new DataKeys(jdbc, ring, Clock.systemUTC()).byId(keyId).key()).isEqualTo(secret);
            assertThat(afterRotation.rewrap()).isZero();
        } finally {
            jdbc.sql("delete from crypto_data_key where key_id = ?").param(keyId).update();
        }
    }
}
