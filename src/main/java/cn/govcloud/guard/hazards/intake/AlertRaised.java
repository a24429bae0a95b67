package cn.govcloud.guard.hazards.intake;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/**
 * A serious alert (or a burst of them) or serious vulnerabilities on a system were told at once to its unit
 * and the supervisor (A10.1); the catalog's {@code alert.raised} duty (the provider's notice,
 * {@code A10.1-alert-notification}) hangs on it.
 *
 * @param ref what was told, e.g. {@code alert:17} (a burst's first alert), {@code findings:4:9} (an import's
 *            findings on system 9) or {@code finding:31}; the duty's reference is {@code ref + ":notice"}
 */
public record AlertRaised(String ref, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("alert.raised", system, at, ref + ":notice");
    }
}
