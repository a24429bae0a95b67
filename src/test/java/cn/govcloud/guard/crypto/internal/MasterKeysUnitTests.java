package cn.govcloud.guard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Where the master key comes from (A7.1): configuration, the demo key file, or a refused start. */
class MasterKeysUnitTests {

    @Test
    void configuredKeyIsUsedAndNamedBySm3() {
        MasterKey key = MasterKeys.current(new MockEnvironment().withProperty(MasterKeys.CURRENT, "0123456789abcdeffedcba9876543210"));
        assertThat(key.id()).hasSize(16).isEqualTo(cn.govcloud.guard.crypto.Sm3.hex(java.util.HexFormat.of().parseHex(key.hex())).substring(0, 16));
        assertThat(key.toString()).doesNotContain("0123456789");
    }

    @Test
    void malformedKeyRefusesToStartWithoutEchoingIt() {
        assertThatThrownBy(() -> MasterKeys.current(new MockEnvironment().withProperty(MasterKeys.CURRENT, "secret-but-wrong")))
                .hasMessageContaining("32 hex digits").hasMessageNotContaining("secret-but-wrong");
    }

    @Test
    void blankKeyOutsideDemoRefusesToStart() {
        assertThatThrownBy(() -> MasterKeys.current(new MockEnvironment().withProperty("govguard.demo.enabled", "false")))
                .hasMessageContaining("GOVGUARD_MASTER_KEY");
    }

    @Test
    void demoModeGeneratesAnOwnerOnlyKeyFileAndReusesIt(@TempDir Path dir) throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("govguard.demo.enabled", "true")
                .withProperty("govguard.data-dir", dir.resolve("nested").toString());
        MasterKey first = MasterKeys.current(env);
        Path file = dir.resolve("nested/master.key");
        assertThat(Files.readString(file)).isEqualTo(first.hex());
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(MasterKeys.current(env).id()).isEqualTo(first.id());
    }

    @Test
    void wrappedKeysUnwrapOnlyUnderTheSameMasterKeyAndRow() {
        MasterKey master = MasterKey.random();
        String wrapped = master.wrap(new byte[] {1, 2, 3}, "row-1");
        assertThat(master.unwrap(wrapped, "row-1")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> master.unwrap(wrapped, "row-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKey.random().unwrap(wrapped, "row-1")).isInstanceOf(IllegalStateException.class);
    }
}
