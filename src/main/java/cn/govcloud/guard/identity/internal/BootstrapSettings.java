package cn.govcloud.guard.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first start of a production platform ({@link ProductionBootstrap}).
 *
 * @param initialAdminPassword {@code govguard.initial-admin-password}: set once, creates sysadmin, secadmin and auditor
 * @param supervisorName       {@code govguard.supervisor-name}: the supervising organisation those administrators belong to
 */
@ConfigurationProperties("govguard")
record BootstrapSettings(@DefaultValue("") String initialAdminPassword, @DefaultValue("市大数据中心") String supervisorName) {
}
