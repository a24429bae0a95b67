package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditCheckpoint;
import cn.govcloud.guard.crypto.SigningKeys;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SM2-signed checkpoints of the chain head (issue 20 point 1, A7.4), every few minutes
 * ({@code govguard.audit.checkpoint-interval}) and at each start. Each goes into the database and,
 * where the operator names them, to a file ({@code govguard.audit.checkpoint-file}, one JSON line
 * each, flushed to disk) and to syslog ({@code govguard.audit.checkpoint-syslog}, host:port, RFC 5424
 * over UDP). What a database superuser can remove without being caught is at most what was appended
 * since the last checkpoint that left the database.
 */
@Component
public class AuditCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final SigningKeys signingKeys;
    private final AuditSettings settings;
    private final Clock clock;
    private volatile long lastSigned = -1;

    AuditCheckpoints(JdbcClient jdbc, AuditChain chain, SigningKeys signingKeys, AuditSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.signingKeys = signingKeys;
        this.settings = settings;
        this.clock = clock;
    }

    /** Signs the committed head unless this node signed that same head last time. @return the checkpoint, or null if unchanged */
    public AuditCheckpoint checkpoint() {
        AuditChain.Head head = chain.head();
        if (head.lastId() == lastSigned) {
            return null;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String keyId = signingKeys.currentKeyId();
        String signature = HexFormat.of().formatHex(signingKeys.sign(
                AuditCheckpoint.signedMessage(head.lastId(), head.lastHash(), head.keyedFrom(), at)));
        AuditCheckpoint checkpoint = new AuditCheckpoint(head.lastId(), head.lastHash(), head.keyedFrom(), at, keyId, signature);
        jdbc.sql("insert into audit_checkpoint (last_id, last_hash, keyed_from, signed_at, key_id, signature) values (?,?,?,?,?,?)")
                .params(checkpoint.lastId(), checkpoint.lastHash(), checkpoint.keyedFrom(), at.atOffset(ZoneOffset.UTC), keyId, signature)
                .update();
        export(checkpoint);
        lastSigned = head.lastId();
        return checkpoint;
    }

    private void export(AuditCheckpoint checkpoint) {
        String line = JSON.writeValueAsString(toLine(checkpoint));
        settings.checkpointFile().ifPresent(file -> {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
            } catch (IOException e) {
                log.error("AUDIT CHECKPOINT NOT WRITTEN to {}: {}", file, e.toString());
            }
        });
        settings.checkpointSyslog().ifPresent(target -> {
            // RFC 5424, facility authpriv (10), severity notice (5): <85>
            String message = "<85>1 " + checkpoint.signedAt() + " - govcloud-guard - audit-checkpoint - " + line;
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(target.host()), target.port()));
            } catch (IOException e) {
                log.error("AUDIT CHECKPOINT NOT SENT to syslog {}:{}: {}", target.host(), target.port(), e.toString());
            }
        });
    }

    /** Every checkpoint in the database. */
    public List<AuditCheckpoint> stored() {
        return jdbc.sql("select last_id, last_hash, keyed_from, signed_at, key_id, signature from audit_checkpoint order by id")
                .query((rs, n) -> new AuditCheckpoint(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6)))
                .list();
    }

    /** Checkpoints naming a record in {@code [firstId, lastId]}: those an export of that range carries. */
    public List<AuditCheckpoint> naming(long firstId, long lastId) {
        return stored().stream().filter(c -> c.lastId() >= firstId && c.lastId() <= lastId).toList();
    }

    /** The copies in the operator's file (none when unset or not yet written); unreadable lines are reported, not skipped. */
    public List<AuditCheckpoint> external() {
        Path file = settings.checkpointFile().orElse(null);
        List<AuditCheckpoint> out = new ArrayList<>();
        if (file == null || !Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(fromLine(JSON.readTree(line)));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The audit checkpoint file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    public static Map<String, Object> toLine(AuditCheckpoint c) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "checkpoint");
        line.put("lastId", c.lastId());
        line.put("lastHash", c.lastHash());
        line.put("keyedFrom", c.keyedFrom());
        line.put("signedAt", c.signedAt().toString());
        line.put("keyId", c.keyId());
        line.put("signature", c.signature());
        return line;
    }

    public static AuditCheckpoint fromLine(JsonNode n) {
        return new AuditCheckpoint(n.get("lastId").asLong(), n.get("lastHash").asString(), n.get("keyedFrom").asLong(),
                Instant.parse(n.get("signedAt").asString()), n.get("keyId").asString(), n.get("signature").asString());
    }
}
