package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Instant;

/**
 * A remote channel (A9.2, A9.3) or the provider's remote operation of the platform (A5.3), guarding
 * its own way: REQUESTED → (the unit's other officer, or the supervisor) READY, or for a long-term
 * channel AWAITING_REGULATOR → (the regulator) READY → (the provider) OPEN → the credential shown
 * once to the requester → used once by the gateway → CLOSED; REFUSED on the way. An illegal step
 * throws naming the rule that forbids it.
 */
public record Channel(long id, String kind, long orgId, Long systemId, String purpose, String operations, String accounts,
                      String channelType, String operatorName, Instant startsAt, Instant endsAt, boolean longTerm, String status,
                      String requestedBy, long requestedById, Instant requestedAt, String approvedBy, Instant approvedAt,
                      String regulatorBy, Instant regulatorAt, String decisionReason, String openedBy, Instant openedAt,
                      boolean credentialIssued, Instant credentialShownAt, Instant consumedAt, String consumedFrom, String closedBy,
                      Instant closedAt, boolean expired) {

    /** Who decides on a channel: the unit's other security officer, or the supervisor (see {@link ChannelApprovers}). */
    public enum Approver { UNIT_OFFICER, SUPERVISOR, SUPERVISOR_FOR_SOLE_OFFICER }

    /** What the pages show: the stored status, with an open channel past its window shown as expired. */
    public String effectiveStatus() {
        if ("OPEN".equals(status) && consumedAt != null) {
            return expired ? "EXPIRED" : "USED";
        }
        return "OPEN".equals(status) && expired ? "EXPIRED" : status;
    }

    public boolean platform() {
        return "PLATFORM".equals(kind);
    }

    /** The rule the channel's approval answers to: the platform's exception (A5.3) or a unit's channel (A9.2). */
    public String rule() {
        return platform() ? "A5.3" : "A9.2";
    }

    /** Whether the actor may approve or refuse the channel now — the pages offer the buttons only then. */
    boolean mayBeDecidedBy(Actor actor, Approver approver) {
        if (!"REQUESTED".equals(status) || requestedById == actor.userId()) {
            return false;
        }
        return switch (approver) {
            case SUPERVISOR, SUPERVISOR_FOR_SOLE_OFFICER -> actor.has(Role.SUPERVISOR);
            case UNIT_OFFICER -> actor.has(Role.UNIT_SECURITY_OFFICER) && actor.orgId() == orgId;
        };
    }

    /** A9.2 内部审批 / A5.3: the decision is somebody else's check of the request; returns the status it leads to. */
    String decide(Actor actor, Approver approver, boolean approve) {
        if (approver == Approver.SUPERVISOR) {
            if (!actor.has(Role.SUPERVISOR)) {
                throw new RuleViolation("A5.3", "access.channel.error.platformApprover");
            }
        } else if (requestedById == actor.userId() && !actor.machine()) {
            throw new RuleViolation("A9.2", "access.channel.error.selfApproval");
        } else if (approver == Approver.UNIT_OFFICER && (!actor.has(Role.UNIT_SECURITY_OFFICER) || actor.orgId() != orgId)) {
            throw new RuleViolation("A9.2", "access.channel.error.unitApprover");
        } else if (approver == Approver.SUPERVISOR_FOR_SOLE_OFFICER && !actor.has(Role.SUPERVISOR)) {
            throw new RuleViolation("A9.2", "access.channel.error.soleOfficerApprover");
        }
        if (!"REQUESTED".equals(status)) {
            throw new RuleViolation(rule(), "access.channel.error.notRequested");
        }
        return !approve ? "REFUSED" : longTerm ? "AWAITING_REGULATOR" : "READY";
    }

    /** A9.3: only a long-term channel the unit approved waits for the regulator; returns the status it leads to. */
    String regulatorDecides(boolean approve) {
        if (!"AWAITING_REGULATOR".equals(status)) {
            throw new RuleViolation("A9.3", "access.channel.error.notAwaitingRegulator");
        }
        return approve ? "READY" : "REFUSED";
    }

    /** The provider opens only an approved channel, inside its window (A9.2; A9.3 after the regulator; A5.3 after the supervisor). */
    void requireOpenable() {
        if (!"READY".equals(status)) {
            if (platform()) {
                throw new RuleViolation("A5.3", "access.channel.error.platformNotApproved");
            }
            if (longTerm && "AWAITING_REGULATOR".equals(status)) {
                throw new RuleViolation("A9.3", "access.channel.error.regulatorPending");
            }
            throw new RuleViolation("A9.2", "access.channel.error.notApproved");
        }
        if (expired) {
            throw new RuleViolation("A9.3", "access.channel.error.windowOver");
        }
    }

    /** A9.3: the credential is shown once, and only to the person who asked for the channel, while it is open. */
    void requireCredentialFor(Actor actor) {
        if (requestedById != actor.userId() || actor.machine()) {
            throw new RuleViolation("A9.3", "access.channel.error.notRequester");
        }
        if (!"OPEN".equals(status) || expired) {
            throw new RuleViolation("A9.3", "access.channel.error.notOpen");
        }
    }

    /** A channel ends once: a closed or refused one is not closed again. */
    void requireOpenToClose() {
        if ("CLOSED".equals(status) || "REFUSED".equals(status)) {
            throw new RuleViolation("A9.3", "access.channel.error.closed");
        }
    }

    /** Why the gateway was refused, for a channel whose credential was not consumed now (A9.3 一次一用、单次有效). */
    String refusalAt(Instant now) {
        if (consumedAt != null) {
            return "凭据已使用，一次一用、单次有效（A9.3） / credential already used";
        }
        if (!"OPEN".equals(status)) {
            return "通道已关闭（A9.3 一次一用、单次有效） / channel closed";
        }
        if (now.isBefore(startsAt)) {
            return "未到通道开通时段（A9.3 一次一用、单次有效） / before the channel's window";
        }
        return "通道时段已过（A9.3 一次一用、单次有效） / the channel's window is over";
    }

    String reference() {
        return reference(id);
    }

    static String reference(long id) {
        return "channel:" + id;
    }
}
