package cn.govcloud.guard.hazards.intake.parse;

/** The scan report formats, recognised from the root element, never from the file name. */
public enum ScanFormat {
    /** OpenVAS / Greenbone XML: root {@code report} or {@code get_reports_response}. */
    OPENVAS,
    /** Nessus v2: root {@code NessusClientData_v2}. */
    NESSUS
}
