package cn.govcloud.guard.access.web;

import cn.govcloud.guard.access.internal.Channel;
import cn.govcloud.guard.access.internal.Channel.Approver;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;

/** The request and response records of the remote-channel API (the JSON names are API.md's and the tests'). */
final class ChannelDto {

    private ChannelDto() {
    }

    /** A request: {@code systemId} null asks for the provider's remote operation of the platform (A5.3). */
    record NewChannelBody(Long systemId, @Size(max = 500) String purpose, @Size(max = 2000) String operations, @Size(max = 500) String accounts,
                          String channelType, @Size(max = 100) String operatorName, OffsetDateTime startsAt, OffsetDateTime endsAt,
                          Boolean longTerm) {
    }

    /** A decision; {@code approve} absent counts as an approval, a refusal needs the note (or reason). */
    record Decision(Boolean approve, @Size(max = 2000) String note, @Size(max = 2000) String reason) {

        boolean approved() {
            return !Boolean.FALSE.equals(approve);
        }
    }

    record CredentialBody(@Size(max = 1000) String credential) {
    }

    /** One channel with its state; the credential itself is never part of it. */
    record ChannelView(long id, String kind, String rule, long orgId, Long systemId, String purpose, String operations, String accounts,
                       String channelType, String operatorName, Instant startsAt, Instant endsAt, boolean longTerm, String status,
                       String requestedBy, Instant requestedAt, String approvedBy, Instant approvedAt, String regulatorBy, Instant regulatorAt,
                       String decisionReason, String openedBy, Instant openedAt, boolean credentialIssued, Instant consumedAt,
                       String consumedFrom, String closedBy, Instant closedAt) {

        static ChannelView of(Channel c) {
            return new ChannelView(c.id(), c.kind(), c.platform() ? "A5.3" : c.longTerm() ? "A9.3" : "A9.2", c.orgId(), c.systemId(), c.purpose(),
                    c.operations(), c.accounts(), c.channelType(), c.operatorName(), c.startsAt(), c.endsAt(), c.longTerm(), c.effectiveStatus(),
                    c.requestedBy(), c.requestedAt(), c.approvedBy(), c.approvedAt(), c.regulatorBy(), c.regulatorAt(), c.decisionReason(),
                    c.openedBy(), c.openedAt(), c.credentialIssued(), c.consumedAt(), c.consumedFrom(), c.closedBy(), c.closedAt());
        }
    }

    /** The channel plus, while it waits for a decision, who is to make it and whether the caller may. */
    record ChannelWithApprover(@JsonUnwrapped ChannelView channel, Approver approver, boolean mayDecide) {
    }

    /** The single-use credential, shown this once (A9.3). */
    record Credential(long channelId, String credential, Instant startsAt, Instant endsAt) {
    }

    /** The gateway's answer (API.md): allowed once inside the window, refused otherwise. */
    sealed interface GatewayAnswer permits Allowed, Refused {
    }

    record Allowed(boolean allow, long channelId, String user, String operator, Long systemId, String channelType, String accounts,
                   Instant startsAt, Instant endsAt) implements GatewayAnswer {
    }

    record Refused(boolean allow, String reason, String rule) implements GatewayAnswer {
    }
}
