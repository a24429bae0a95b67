package cn.govcloud.guard.platform;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;

/**
 * What other modules (the demo city) may ask of the provider's platform registers. Every call acts
 * as the signed-in actor with the same checks as the pages and the API: only the provider writes.
 */
public interface PlatformRegisters {

    record SbomCounts(int components, int added, int removed) {
    }

    /** A5.5: a CycloneDX SBOM (JSON or XML) as the current component list of its subject. */
    SbomCounts importSbom(String filename, InputStream content) throws IOException;

    /** A5.5: the risk assessment of an imported component, found by its purl. */
    void assessComponent(String purl, String riskLevel, String conclusion, String conditions, String assessor);

    /** A6.1: an external line; returns its id. {@code lineType}: INTERNET, GOV_EXTRANET or DEPARTMENT_PRIVATE. */
    long registerLine(String name, String lineType, String carrier, String bandwidth, String userOrg, boolean firewall,
                      boolean intrusionPrevention);

    /** A6.3: an external interface with its manager, optionally with one review. */
    void registerInterface(Long lineId, String name, String endpoint, String purpose, String manager, String managerContact,
                           LocalDate reviewedOn, String reviewer);

    /** A5.1: devices of one type, vendor and model. {@code type}: SERVER, NETWORK, SECURITY, STORAGE or CRYPTO. */
    void registerDevices(String type, String vendor, String model, String role, String location, int quantity, boolean compliant,
                         String basis);

    /** A5.1: the BC/DR plan ({@code PLAN}) or a DR test ({@code DR_TEST}) with its evidence file. */
    void recordContinuity(String kind, String title, LocalDate onDate, String result, Integer rtoMinutes, Integer rpoMinutes,
                          String filename, InputStream file);
}
