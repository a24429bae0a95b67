package cn.govcloud.guard.hazards.intake.syslog;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code govguard.syslog.*} (issue 21 point 3): the receiver's listening sockets. Off unless a port is set — a
 * listening socket cannot be changed safely while the node runs, so the ports are settings; the mapping rules and the
 * allowed senders are in the database, edited by the security administrator. Port 0 takes a free port (tests).
 *
 * @param udpPort            RFC 5426 (one message per datagram); null: off
 * @param tcpPort            RFC 6587 (octet-counting or LF framing, told apart per message); null: off
 * @param tlsPort            RFC 5425 (TLS, octet-counting or LF framing); null: off; needs {@code tlsKeystore}
 * @param tlsKeystore        PKCS12 (or JKS) file with the server's key and certificate
 * @param bindAddress        the address the sockets bind to; empty: every interface
 * @param node               this node's name in the statistics; empty: the host name
 * @param queueCapacity      lines waiting for the writer; a line arriving when it is full is counted as overflow
 * @param batchSize          lines per intake write (one transaction)
 * @param maxLineBytes       a longer line is cut there (and a TCP frame claiming more is read and cut)
 * @param unmappedKept       the last unmapped lines kept for the page
 * @param zone               the zone of RFC 3164 timestamps, which carry none
 */
@ConfigurationProperties("govguard.syslog")
public record SyslogSettings(Integer udpPort, Integer tcpPort, Integer tlsPort, String tlsKeystore, String tlsKeystorePassword,
                             String tlsKeystoreType, String bindAddress, String node, int queueCapacity, int batchSize, int maxLineBytes,
                             int unmappedKept, ZoneId zone) {

    public SyslogSettings {
        tlsKeystoreType = tlsKeystoreType == null || tlsKeystoreType.isBlank() ? "PKCS12" : tlsKeystoreType;
        bindAddress = bindAddress == null ? "" : bindAddress.strip();
        node = node == null || node.isBlank() ? defaultNode() : node.strip();
        queueCapacity = queueCapacity <= 0 ? 20_000 : queueCapacity;
        batchSize = batchSize <= 0 ? 500 : batchSize;
        maxLineBytes = maxLineBytes <= 0 ? 16_384 : maxLineBytes;
        unmappedKept = unmappedKept <= 0 ? 200 : unmappedKept;
        zone = zone == null ? cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE : zone;
    }

    public boolean enabled() {
        return udpPort != null || tcpPort != null || tlsPort != null;
    }

    private static String defaultNode() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        String name = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at >= 0 ? name.substring(at + 1) : name;
    }
}
