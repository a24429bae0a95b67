package cn.govcloud.guard;

import cn.govcloud.guard.audit.OfflineAuditVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * 政务云安全管理平台: one modular monolith; each direct sub-package is a module (see DESIGN.md).
 * {@code java -jar govcloud-guard.jar verify-audit FILE} checks an audit export offline, without
 * starting Spring or touching a database.
 */
@SpringBootApplication
@EnableScheduling
@Modulithic(sharedModules = "shared")
public class GovcloudGuardApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "verify-audit".equals(args[0])) {
            System.exit(OfflineAuditVerifier.run(args));
        }
        SpringApplication app = new SpringApplication(GovcloudGuardApplication.class);
        app.addListeners(new ProductionGuard());
        app.run(args);
    }
}
