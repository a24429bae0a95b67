package cn.govcloud.guard.hazards.intake.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A10.1: the scan report readers on realistic reports of both OpenVAS layouts and Nessus, and on hostile files. */
class ScanReportsUnitTests {
    static final long LIMIT = 200L * 1024 * 1024;

    static byte[] sample(String name) {
        try (InputStream in = ScanReportsUnitTests.class.getResourceAsStream("/intake/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing sample " + name, e);
        }
    }

    static List<ScanResult> read(byte[] bytes, ScanFormat expected) {
        List<ScanResult> results = new ArrayList<>();
        assertThat(ScanReports.parse(new ByteArrayInputStream(bytes), LIMIT, results::add)).isEqualTo(expected.name());
        return results;
    }

    @Test
    void openVasGmpLayout_refsAsCves_hostnames_generalPort_A10_1() {
        List<ScanResult> results = read(sample("openvas-gmp.xml"), ScanFormat.OPENVAS);
        assertThat(results).hasSize(4);
        ScanResult first = results.get(0);
        assertThat(first.scanner()).isEqualTo("OPENVAS");
        assertThat(first.pluginId()).isEqualTo("1.3.6.1.4.1.25623.1.0.108031");
        assertThat(first.host()).isEqualTo("10.31.1.10");
        assertThat(first.hostname()).isEqualTo("zs.jyj.baotou.gov.cn");
        assertThat(first.port()).isEqualTo("443/tcp");
        assertThat(first.name()).isEqualTo("SSL/TLS: Report Vulnerable Cipher Suites for HTTPS");
        assertThat(first.severity()).isEqualTo(Severity.HIGH);
        assertThat(first.score()).isEqualTo(7.5);
        assertThat(first.cves()).containsExactly("CVE-2016-2183", "CVE-2016-6329", "CVE-2020-12872");
        assertThat(first.text()).contains("SWEET32");
        assertThat(results.get(2).port()).isEqualTo("general/tcp");
        assertThat(results.get(2).severity()).isEqualTo(Severity.LOW);
        assertThat(results.get(2).cves()).isEmpty();
        assertThat(results.get(3).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(results.get(3).hostname()).isNull();
    }

    /** A GVM report as Greenbone writes overridden and failed results (severity −1.0 and −3.0), with its text indented by the XML. */
    static final String GVM_SPECIAL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <report id="r1"><report id="r1"><results>
              <result id="a"><name>Apache HTTP Server
                    Multiple Vulnerabilities</name><host>10.31.1.10</host><port>80/tcp</port>
                <nvt oid="1.3.6.1.4.1.25623.1.0.900001"><name>Apache HTTP Server
                    Multiple Vulnerabilities</name></nvt><threat>High</threat><severity>7.5</severity>
                <description>
                    Summary:   The host runs an old Apache.


                    Solution:	Update to 2.4.62.
                </description></result>
              <result id="b"><name>Weak cipher (overridden)</name><host>10.31.1.10</host><port>443/tcp</port>
                <nvt oid="1.3.6.1.4.1.25623.1.0.900002"/><threat>False Positive</threat><severity>-1.0</severity></result>
              <result id="c"><name>Check failed</name><host>10.31.1.11</host><port>22/tcp</port>
                <nvt oid="1.3.6.1.4.1.25623.1.0.900003"/><threat>Error</threat><severity>-3.0</severity></result>
            </results></report></report>""";

    @Test
    void gvmFalsePositivesAndErrorsAreNotFindingsAndTextIsNormalised_A10_1() {
        List<ScanResult> results = read(GVM_SPECIAL.strip().getBytes(StandardCharsets.UTF_8), ScanFormat.OPENVAS);
        assertThat(results).extracting(ScanResult::pluginId).containsExactly("1.3.6.1.4.1.25623.1.0.900001");
        ScanResult apache = results.get(0);
        assertThat(apache.name()).isEqualTo("Apache HTTP Server Multiple Vulnerabilities");
        assertThat(apache.text()).isEqualTo("Summary: The host runs an old Apache.\n\nSolution: Update to 2.4.62.");
    }

    @Test
    void aWebApplicationScannersUrlHostIsTheHostName_A10_1() {
        String was = """
                <?xml version="1.0" ?>
                <NessusClientData_v2><Report name="WAS">
                <ReportHost name="https://ZS.jyj.baotou.gov.cn:8443/portal/"><HostProperties><tag name="HOST_START">x</tag></HostProperties>
                <ReportItem port="8443" svc_name="www" protocol="tcp" severity="3" pluginID="98115" pluginName="Cross-Site Scripting (XSS)">
                <synopsis>Reflected XSS.</synopsis></ReportItem>
                </ReportHost></Report></NessusClientData_v2>""";
        List<ScanResult> results = read(was.strip().getBytes(StandardCharsets.UTF_8), ScanFormat.NESSUS);
        assertThat(results).singleElement().satisfies(r -> assertThat(r.host()).isEqualTo("zs.jyj.baotou.gov.cn"));
        assertThat(ScanReports.hostOf("10.31.1.10")).isEqualTo("10.31.1.10");
        assertThat(ScanReports.hostOf("http://[2001:db8::1]/")).isEqualTo("2001:db8::1");
    }

    @Test
    void openVasOldLayout_cveElementListsAndNocve_reportRoot() {
        List<ScanResult> results = read(sample("openvas-report-old.xml"), ScanFormat.OPENVAS);
        assertThat(results).hasSize(3);
        assertThat(results.get(0).cves()).containsExactly("CVE-2017-0143", "CVE-2017-0144", "CVE-2017-0145", "CVE-2017-0146",
                "CVE-2017-0147", "CVE-2017-0148");
        assertThat(results.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(results.get(1).cves()).containsExactly("CVE-2016-0800", "CVE-2014-3566");
        assertThat(results.get(2).cves()).isEmpty();
        assertThat(results.get(2).severity()).isEqualTo(Severity.INFO);
        assertThat(results.get(2).host()).isEqualTo("10.32.1.23");
    }

    @Test
    void nessus_hostIpTagOverName_severity0To4_everyCveKept() {
        List<ScanResult> results = read(sample("sample.nessus"), ScanFormat.NESSUS);
        assertThat(results).hasSize(5);
        ScanResult info = results.get(0);
        assertThat(info.host()).as("host-ip tag preferred over the ReportHost name").isEqualTo("10.31.1.12");
        assertThat(info.hostname()).isEqualTo("zs.jyj.baotou.gov.cn");
        assertThat(info.port()).isEqualTo("general/tcp");
        assertThat(info.severity()).isEqualTo(Severity.INFO);
        ScanResult apache = results.get(2);
        assertThat(apache.pluginId()).isEqualTo("201198");
        assertThat(apache.name()).isEqualTo("Apache 2.4.x < 2.4.60 Multiple Vulnerabilities");
        assertThat(apache.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(apache.score()).isEqualTo(9.1);
        assertThat(apache.cves()).hasSize(8).startsWith("CVE-2024-36387").endsWith("CVE-2024-39573");
        assertThat(results.get(1).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(results.get(1).score()).as("CVSS v3 before v2").isEqualTo(6.5);
        ScanResult mysql = results.get(3);
        assertThat(mysql.host()).as("no host-ip tag: the name").isEqualTo("gh.wjw.baotou.gov.cn");
        assertThat(mysql.severity()).isEqualTo(Severity.HIGH);
        assertThat(results.get(4).port()).isEqualTo("161/udp");
        assertThat(results.get(4).severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void nessusItemsBeforeHostPropertiesWaitForTheHostIp() {
        String xml = "<NessusClientData_v2><Report name='r'><ReportHost name='web01'>"
                + "<ReportItem port='443' protocol='tcp' severity='3' pluginID='1' pluginName='x'/>"
                + "<HostProperties><tag name='host-ip'>10.1.2.3</tag></HostProperties></ReportHost></Report></NessusClientData_v2>";
        assertThat(read(xml.getBytes(StandardCharsets.UTF_8), ScanFormat.NESSUS)).singleElement()
                .satisfies(r -> assertThat(r.host()).isEqualTo("10.1.2.3"));
    }

    @Test
    void theFormatComesFromTheContentNotTheName() {
        // a Nessus report and an OpenVAS report read the same whatever they were called; only bytes are given
        assertThat(read(sample("sample.nessus"), ScanFormat.NESSUS)).isNotEmpty();
        assertThat(read(sample("openvas-report-old.xml"), ScanFormat.OPENVAS)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "xxe.xml|DOCTYPE",
            "xxe-parameter.xml|DOCTYPE",
            "billion-laughs.xml|DOCTYPE",
            "truncated.xml|truncated",
            "wrong-root.xml|root element is <bom>",
            "utf16-declared-latin1.xml|encoding",
            "invalid-utf8.xml|encoding"})
    void hostileAndBrokenFilesAreRefusedWithAClearMessage(String file, String message) {
        List<ScanResult> seen = new ArrayList<>();
        assertThatThrownBy(() -> ScanReports.parse(new ByteArrayInputStream(sample(file)), LIMIT, seen::add))
                .isInstanceOf(MalformedInput.class).hasMessageContaining(message);
    }

    @Test
    void overTheSizeLimitIsRefused() {
        byte[] report = sample("openvas-gmp.xml");
        assertThatThrownBy(() -> ScanReports.parse(new ByteArrayInputStream(report), 1024, r -> { }))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("larger than the limit of 1024 bytes");
    }

    @Test
    void emptyAndNonXmlInputIsRefused() {
        assertThatThrownBy(() -> ScanReports.parse(new ByteArrayInputStream(new byte[0]), LIMIT, r -> { })).isInstanceOf(MalformedInput.class);
        assertThatThrownBy(() -> ScanReports.parse(new ByteArrayInputStream("%PDF-1.4".getBytes(StandardCharsets.US_ASCII)), LIMIT, r -> { }))
                .isInstanceOf(MalformedInput.class);
    }

    @Test
    void aResultWithoutOidOrWithBadSeverityIsRefused() {
        String noOid = "<report><report><results><result><host>1.2.3.4</host><port>80/tcp</port><severity>5</severity></result></results></report></report>";
        assertThatThrownBy(() -> read(noOid.getBytes(StandardCharsets.UTF_8), ScanFormat.OPENVAS)).isInstanceOf(MalformedInput.class)
                .hasMessageContaining("no NVT oid");
        String badNessus = "<NessusClientData_v2><Report><ReportHost name='a'><HostProperties/><ReportItem port='80' severity='7' pluginID='1'/>"
                + "</ReportHost></Report></NessusClientData_v2>";
        assertThatThrownBy(() -> read(badNessus.getBytes(StandardCharsets.UTF_8), ScanFormat.NESSUS)).isInstanceOf(MalformedInput.class)
                .hasMessageContaining("not 0–4");
    }

    /** Issue 24 point 10: Greenbone's CSV results through the importer seam — the same identities as its XML. */
    @Test
    void A10_1_greenboneCsvResults_quotedFields_falsePositivesLeftOut() {
        List<ScanResult> results = new ArrayList<>();
        assertThat(ScanReports.parse(new ByteArrayInputStream(sample("greenbone-results.csv")), LIMIT, results::add)).isEqualTo("GREENBONE_CSV");
        assertThat(results).hasSize(4);
        ScanResult tls = results.get(0);
        assertThat(tls.scanner()).isEqualTo("OPENVAS");
        assertThat(tls.pluginId()).isEqualTo("1.3.6.1.4.1.25623.1.0.108031");
        assertThat(tls.host()).isEqualTo("10.31.1.10");
        assertThat(tls.hostname()).isEqualTo("zsks.jyj.baotou.gov.cn");
        assertThat(tls.port()).isEqualTo("443/tcp");
        assertThat(tls.severity()).isEqualTo(Severity.HIGH);
        assertThat(tls.score()).isEqualTo(7.5);
        assertThat(tls.cves()).containsExactly("CVE-2016-2183", "CVE-2016-6329", "CVE-2020-12872");
        assertThat(tls.text()).contains("SWEET32").contains("HTTPS services.");
        assertThat(results.get(2).port()).isEqualTo("general/tcp");
        assertThat(results.get(3).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(results).noneMatch(r -> r.pluginId().endsWith(".11213")); // the False Positive
        // the same results as the XML export of that scan: same scanner, plugin, host and port
        List<ScanResult> xml = read(sample("openvas-gmp.xml"), ScanFormat.OPENVAS);
        assertThat(results.stream().map(r -> r.scanner() + r.pluginId() + r.host() + r.port()).toList())
                .containsExactlyInAnyOrderElementsOf(xml.stream().map(r -> r.scanner() + r.pluginId() + r.host() + r.port()).toList());
    }

    @Test
    void A10_1_aBrokenCsvIsRefusedWithWhereAndWhy() {
        String head = "IP,Hostname,Port,Port Protocol,CVSS,Severity,NVT Name,NVT OID\n";
        assertThatThrownBy(() -> ScanReports.count(new ByteArrayInputStream((head + "10.1.1.1,,80,tcp,5.0,Medium,\"x,1.2.3\n").getBytes(StandardCharsets.UTF_8)), LIMIT))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("line 2").hasMessageContaining("never closed");
        assertThatThrownBy(() -> ScanReports.count(new ByteArrayInputStream((head + "10.1.1.1,,80,tcp,banana,Medium,x,1.2.3\n").getBytes(StandardCharsets.UTF_8)), LIMIT))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("row 1").hasMessageContaining("not a number");
        assertThatThrownBy(() -> ScanReports.count(new ByteArrayInputStream((head + ",,80,tcp,5.0,Medium,x,1.2.3\n").getBytes(StandardCharsets.UTF_8)), LIMIT))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("has no host");
        assertThatThrownBy(() -> ScanReports.count(new ByteArrayInputStream("name,value\nA,1\n".getBytes(StandardCharsets.UTF_8)), LIMIT))
                .isInstanceOf(MalformedInput.class).hasMessageContaining("not a scan report in a known format");
        byte[] over = (head + "10.1.1.1,,80,tcp,5.0,Medium,x,1.2.3\n".repeat(100)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ScanReports.count(new ByteArrayInputStream(over), 1_000)).isInstanceOf(MalformedInput.class)
                .hasMessageContaining("larger than the limit");
    }
}
