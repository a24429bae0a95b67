package cn.govcloud.guard.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.springframework.beans.factory.annotation.Value;

/**
 * The demo accounts' password: GOVGUARD_DEMO_PASSWORD, or one generated on the first start and kept in the data
 * directory, so a restart signs in with the same one.
 */
@DemoComponent
class DemoPassword {
    private final String configured;
    private final Path dataDir;
    private String value;

    DemoPassword(@Value("${govguard.demo.password:}") String configured, @Value("${govguard.data-dir}") Path dataDir) {
        this.configured = configured;
        this.dataDir = dataDir;
    }

    synchronized String value() {
        if (value == null) {
            value = resolve();
        }
        return value;
    }

    private String resolve() {
        if (!configured.isBlank()) {
            return configured;
        }
        try {
            Path file = dataDir.resolve("demo-password.txt");
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
            SecureRandom random = new SecureRandom();
            StringBuilder sb = new StringBuilder("Demo-");
            for (int i = 0; i < 12; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            sb.append("-9");
            Files.createDirectories(dataDir);
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
