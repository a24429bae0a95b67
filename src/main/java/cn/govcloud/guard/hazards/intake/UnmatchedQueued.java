package cn.govcloud.guard.hazards.intake;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/**
 * An import (or one alert pushed alone) left findings or alerts that matched no system in the triage queue
 * (A10.1); the catalog's {@code intake.unmatched} duty ({@code A10.1-triage}, the provider's) hangs on it.
 *
 * @param ref the triage entry, e.g. {@code triage:import:12} or {@code triage:alert:40}
 */
public record UnmatchedQueued(String ref, Subject platform, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("intake.unmatched", platform, at, ref);
    }
}
