package cn.govcloud.guard.platform.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code govguard.supply-chain.*} (A5.5): {@code max-sbom-size}, the largest SBOM or advisory file read (counted while
 * reading; GOVGUARD_SBOM_MAX_SIZE in application.yml, 20MB when unset).
 */
@ConfigurationProperties("govguard.supply-chain")
record SupplyChainSettings(@DefaultValue("20MB") DataSize maxSbomSize) {
}
