package cn.govcloud.guard.audit;

/** Verifies an audit export without the server or the database: {@code java -jar govcloud-guard.jar verify-audit FILE}. */
public final class OfflineAuditVerifier {
    private OfflineAuditVerifier() {
    }

    /** @return the process exit code: 0 valid, 1 invalid, 2 usage or I/O error */
    public static int run(String[] args) {
        System.err.println("verify-audit: not implemented yet");
        return 2;
    }
}
