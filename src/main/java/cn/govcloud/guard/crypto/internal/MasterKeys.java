package cn.govcloud.guard.crypto.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Where the master key comes from: configuration in production, a generated file under the data
 * directory in demo mode (so {@code mvn spring-boot:run} needs no setup and keeps its data
 * readable across restarts), and nowhere else: without either the platform refuses to start.
 */
final class MasterKeys {
    static final String CURRENT = "govguard.crypto.master-key";
    static final String PREVIOUS = "govguard.crypto.previous-master-key";
    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);

    private MasterKeys() {
    }

    static MasterKey current(Environment env) {
        String configured = env.getProperty(CURRENT, "");
        if (!configured.isBlank()) {
            return MasterKey.fromHex(CURRENT, configured);
        }
        if (!env.getProperty("govguard.demo.enabled", Boolean.class, false)) {
            throw new IllegalStateException("No master key: set " + CURRENT
                    + " (environment GOVGUARD_MASTER_KEY, 32 hex digits); only demo mode may generate one.");
        }
        return demoKey(Path.of(env.getProperty("govguard.data-dir", "./data"), "master.key"));
    }

    static Optional<MasterKey> previous(Environment env) {
        String configured = env.getProperty(PREVIOUS, "");
        return configured.isBlank() ? Optional.empty() : Optional.of(MasterKey.fromHex(PREVIOUS, configured));
    }

    /** Reuses the demo key file, or creates it owner-readable only; a race with another start re-reads. */
    static MasterKey demoKey(Path file) {
        try {
            if (Files.exists(file)) {
                return MasterKey.fromHex(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            MasterKey key = MasterKey.random();
            try {
                Files.writeString(file, key.hex(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                return MasterKey.fromHex(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the directory's own permissions must protect it
            }
            log.warn("Demo mode: generated master key {} in {}; production takes it from GOVGUARD_MASTER_KEY",
                    key.id(), file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the demo master key file " + file, e);
        }
    }
}
