package cn.govcloud.guard;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused production start into Spring Boot's short "APPLICATION FAILED TO START" report. */
class MisconfiguredProductionAnalyzer extends AbstractFailureAnalyzer<ProductionGuard.MisconfiguredProduction> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionGuard.MisconfiguredProduction cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the missing environment variable (see the settings table in docs/operations.md) and start again.", cause);
    }
}
