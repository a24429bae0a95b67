package cn.govcloud.guard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.ModuleTest;
import org.junit.jupiter.api.Test;

/**
 * The crypto module alone (issue 18 point 2): it depends on no other module and publishes no event; what the others
 * rely on is that a sealed field opens only in the context it was sealed for (SM4-GCM under the configured master key).
 */
@ModuleTest
class CryptoModuleTests {
    private final FieldEncryption fields;

    CryptoModuleTests(FieldEncryption fields) {
        this.fields = fields;
    }

    @Test
    void aSealedFieldOpensInItsOwnContextOnly() {
        String sealed = fields.seal("identity.mobile", "13900000000");

        assertThat(sealed).doesNotContain("13900000000");
        assertThat(fields.open("identity.mobile", sealed)).isEqualTo("13900000000");
        assertThatThrownBy(() -> fields.open("systems.mobile", sealed)).isInstanceOf(RuntimeException.class);
    }
}
