package cn.govcloud.guard.hazards.intake.parse;

import java.util.List;

/**
 * One result of a scan report.
 *
 * @param scanner   whose identities these are (OPENVAS for Greenbone XML and CSV alike, NESSUS): with plugin, host and port the identity
 * @param pluginId  the OpenVAS NVT oid or the Nessus pluginID: with scanner, host and port the finding's identity
 * @param host      the scanned address (an IP, or a name when the scanner had no IP)
 * @param hostname  the host's DNS name as the scanner reported it, or null
 * @param port      e.g. {@code 443/tcp}, {@code general/tcp}
 * @param score     the CVSS score when the report has one, else null
 * @param cves      every CVE named, in order, without duplicates
 * @param text      the description or plugin output, capped (never part of the identity: it is volatile)
 */
public record ScanResult(String scanner, String pluginId, String host, String hostname, String port, String name,
                         Severity severity, Double score, List<String> cves, String text) {
}
