package cn.govcloud.guard.hazards.intake.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code govguard.intake.*}: the limits and windows of the intake (A10.1). The burst window and the
 * immediate-notice threshold are rule catalog settings ({@code A10.1-*}), not here.
 *
 * @param maxScanBytes    a scan report (OpenVAS / Nessus) up to this size (the multipart limit must not be smaller)
 * @param maxEveBytes     one POST of Suricata EVE lines up to this size
 * @param alertWindow     Suricata alerts of one flow and signature within this window make one alert
 * @param replayRetention EVE event identities (replay detection, issue 24 point 6) are kept this long after their import
 */
@ConfigurationProperties("govguard.intake")
public record IntakeSettings(long maxScanBytes, long maxEveBytes, Duration alertWindow, Duration replayRetention) {

    public IntakeSettings {
        maxScanBytes = maxScanBytes <= 0 ? 209_715_200L : maxScanBytes;
        maxEveBytes = maxEveBytes <= 0 ? 52_428_800L : maxEveBytes;
        alertWindow = alertWindow == null ? Duration.ofMinutes(10) : alertWindow;
        replayRetention = replayRetention == null ? Duration.ofDays(90) : replayRetention;
    }
}
