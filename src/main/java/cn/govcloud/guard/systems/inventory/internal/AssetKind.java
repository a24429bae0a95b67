package cn.govcloud.guard.systems.inventory.internal;

import java.util.Locale;
import java.util.Optional;

/** The kinds of inventory row (A7.1) and their Chinese names, as the Excel template writes them. */
public enum AssetKind {
    HOST("主机"), NAT("NAT映射"), PORT("开放端口"), DOMAIN("域名"), MIDDLEWARE("中间件");

    private final String label;

    AssetKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind named by its code (HOST …) or its Chinese name (主机 …, also 虚拟机 and 端口). */
    public static Optional<AssetKind> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String v = text.strip();
        for (AssetKind k : values()) {
            if (k.name().equalsIgnoreCase(v) || k.label.equalsIgnoreCase(v)) {
                return Optional.of(k);
            }
        }
        return switch (v.toUpperCase(Locale.ROOT)) {
            case "虚拟机", "主机/虚拟机", "VM" -> Optional.of(HOST);
            case "端口", "端口服务", "服务" -> Optional.of(PORT);
            case "NAT", "映射", "端口映射" -> Optional.of(NAT);
            default -> Optional.empty();
        };
    }
}
