package cn.govcloud.guard.hazards.intake.syslog;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link SyslogSettings} ({@code govguard.syslog.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyslogSettings.class)
class SyslogConfiguration {
}
