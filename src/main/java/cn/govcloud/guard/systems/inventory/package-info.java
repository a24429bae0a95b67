/**
 * The asset and exposure inventory of each hosted system (资产与暴露面, A7.1, A10.1, issue 22 point 1): hosts and VMs,
 * NAT mappings, open ports and services, domains with their ICP 备案 number, middleware — kept by the system's unit, by
 * hand or imported from Excel. Exposed to other modules as the named interface {@code inventory}
 * ({@link cn.govcloud.guard.systems.inventory.AssetInventory}): the intake matches alerts and scan findings on the
 * inventory's addresses and ports and raises exposure drift for a scanned port the inventory does not list.
 */
@org.springframework.modulith.NamedInterface("inventory")
package cn.govcloud.guard.systems.inventory;
