package cn.govcloud.guard.systems.inventory.internal;

import java.time.Instant;

/** One row of a system's asset and exposure inventory (A7.1); which fields it uses depends on its {@link AssetKind}. */
public record Asset(long id, long systemId, AssetKind kind, String name, String product, String version, String address, Integer port,
                    String publicAddress, Integer publicPort, String protocol, String service, String icpNumber, String remarks,
                    Instant updatedAt, String updatedBy) {

    /** The row as one line for the audit log. */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind.name());
        append(sb, name);
        append(sb, product);
        append(sb, version);
        if (publicAddress != null) {
            sb.append(' ').append(publicAddress).append(publicPort == null ? "" : ":" + publicPort).append(kind == AssetKind.NAT ? " ->" : "");
        }
        if (address != null) {
            sb.append(' ').append(address).append(port == null ? "" : ":" + port);
        }
        append(sb, protocol);
        append(sb, service);
        append(sb, icpNumber);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (s != null) {
            sb.append(' ').append(s);
        }
    }
}
