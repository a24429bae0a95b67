package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The one place a hazard notice leaves this module (A10.1 "确保相关信息准确送达"): to the in-app inbox
 * and the receiving organisation's e-mail and DingTalk / WeCom / Feishu channels, each delivery
 * tracked with retries. Idempotent on the notice key, so a retried transaction does not notify twice.
 */
@Component
class HazardDelivery {
    private final Notifier notifier;
    private final OrganisationDirectory organisations;

    HazardDelivery(Notifier notifier, OrganisationDirectory organisations) {
        this.notifier = notifier;
        this.organisations = organisations;
    }

    boolean deliver(Notice notice) {
        return notifier.dispatch(notice);
    }

    /** How the notices about one hazard went out by e-mail and robots (channel, target, state, attempts), for its page. */
    List<DeliveryStatus> statusOf(long hazardId) {
        return notifier.statusOfAll("hazard:" + hazardId + ":");
    }

    /** The owning unit's people. */
    void tellUnit(HazardView h, String occasion, String messageKey, List<String> args, Notice.Severity severity, Instant now) {
        deliver(new Notice("hazard:" + h.id() + ":" + occasion + ":" + h.orgId(), h.orgId(), HazardNotice.UNIT_PEOPLE, messageKey, args,
                "/hazards/" + h.id(), severity, now));
    }

    /** Every supervisor organisation: it is copied on the loop and follows it up (A11.3). */
    void tellSupervisors(HazardView h, String occasion, String messageKey, List<String> args, Notice.Severity severity, Instant now) {
        for (OrganisationView org : organisations.ofKind(OrgKind.SUPERVISOR)) {
            deliver(new Notice("hazard:" + h.id() + ":" + occasion + ":" + org.id(), org.id(), Set.of(Role.SUPERVISOR), messageKey,
                    args, "/hazards/" + h.id(), severity, now));
        }
    }

    /** The warning department; when it is the supervisor itself, {@link #tellSupervisors} already covers the copy. */
    void tellWarner(HazardNotice notice, String occasion, String messageKey, List<String> args, Notice.Severity severity, Instant now) {
        HazardView h = notice.view();
        Set<Role> roles = switch (notice.warnerKind()) {
            case PROVIDER -> Set.of(Role.PROVIDER_OPERATOR);
            case REGULATOR -> Set.of(Role.REGULATOR);
            case UNIT -> HazardNotice.UNIT_PEOPLE;
            default -> Set.of(Role.SUPERVISOR);
        };
        deliver(new Notice("hazard:" + h.id() + ":" + occasion + ":" + h.warnerOrgId() + ":warner", h.warnerOrgId(), roles,
                messageKey, args, "/hazards/" + h.id(), severity, now));
    }
}
