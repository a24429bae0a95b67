package cn.govcloud.guard.platform;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/**
 * A5.2: a certification report of the platform was issued ({@code kind} cloud-assessment, mlps or crypto, as the
 * catalog's condition tests it); its filing with the supervisor counts from the issue date.
 */
public record CertificationIssued(long certificationId, Subject platform, Instant issuedAt, String kind) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("certification.issued", platform, issuedAt, "certification:" + certificationId, Map.of("kind", kind));
    }
}
