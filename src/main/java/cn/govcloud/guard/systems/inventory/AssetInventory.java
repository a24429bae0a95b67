package cn.govcloud.guard.systems.inventory;

import java.util.List;

/**
 * What the intake reads of the asset and exposure inventory (A7.1, A10.1). Unscoped: the caller decides who sees what it
 * derives from it.
 */
public interface AssetInventory {

    /**
     * One address of a system's inventory, with a port when the inventory lists one there: a NAT mapping gives its public
     * ip:port and its private ip:port, an open port its ip:port, a host its private IP and a domain its name (both without
     * port). {@code protocol} is TCP or UDP (null without port); {@code kind} the inventory row's kind (HOST, NAT, PORT,
     * DOMAIN, MIDDLEWARE).
     */
    record Endpoint(long systemId, long orgId, String kind, String address, Integer port, String protocol) {
    }

    /** Every endpoint of every system not yet exited, in one query (an importer reads it once per import). */
    List<Endpoint> endpoints();

    /**
     * One row as a unit adds it (e.g. the demo city): {@code kind} HOST, NAT, PORT, DOMAIN or MIDDLEWARE, the fields as on
     * the page; checked as the form's.
     */
    record NewAsset(String kind, String name, String product, String version, String address, Integer port, String publicAddress,
                    Integer publicPort, String protocol, String service, String icpNumber, String remarks) {
    }

    /** Adds a row to a system of the signed-in unit (audited); returns its id. */
    long add(long systemId, NewAsset asset);
}
