package cn.govcloud.guard.hazards.intake.parse;

import java.util.List;

/** The scan report formats the platform reads (docs/intake.md); a new one is one line here. */
public final class ScanImporters {
    public static final List<ScanImporter> ALL = List.of(
            ScanReports.OPENVAS_XML,     // OpenVAS / Greenbone XML: <report>, <get_reports_response>
            ScanReports.NESSUS_XML,      // Nessus v2: <NessusClientData_v2>
            new GreenboneCsv());         // Greenbone "CSV Results"

    private ScanImporters() {
    }
}
