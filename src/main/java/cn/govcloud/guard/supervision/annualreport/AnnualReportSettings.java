package cn.govcloud.guard.supervision.annualreport;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The annual report's settings ({@code govguard.annual-report.*}). The Measures do not say which assessment conclusions
 * count as passed: {@code failingConclusions} lists those that do not (GB/T 28448 等保 差 below 70 points, 密评 不符合, a
 * penetration test 不通过); every other stated conclusion passes, and a filing without a conclusion counts as assessed
 * but not passed. {@code firstYear} is the earliest year a report may be asked for (a year without records gives zeros).
 */
@ConfigurationProperties("govguard.annual-report")
public record AnnualReportSettings(List<String> failingConclusions, Integer firstYear) {
    public AnnualReportSettings {
        failingConclusions = failingConclusions == null ? List.of("差", "不符合", "不通过") : List.copyOf(failingConclusions);
        firstYear = firstYear == null ? 2000 : firstYear;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AnnualReportSettings.class)
    static class Enable {
    }
}
