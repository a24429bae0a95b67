package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.internal.Channel.Approver;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Who checks a request: the platform's (A5.3) the supervisor; a unit's (A9.2 内部审批) a security officer of the
 * unit other than the requester — and when the requester is the unit's only security officer, nobody in the unit
 * can, so the supervisor makes the second person's check (catalog note of {@code A9.2-remote-operation-approval}).
 * Worked out when asked, so a second officer appointed later takes the decision back to the unit.
 */
@Component
class ChannelApprovers {
    private final OrganisationDirectory directory;

    ChannelApprovers(OrganisationDirectory directory) {
        this.directory = directory;
    }

    Approver of(Channel c) {
        if (c.platform()) {
            return Approver.SUPERVISOR;
        }
        return directory.holders(c.orgId(), Role.UNIT_SECURITY_OFFICER, c.requestedById()) > 0 ? Approver.UNIT_OFFICER
                : Approver.SUPERVISOR_FOR_SOLE_OFFICER;
    }

    /**
     * The approver of each channel still waiting for a decision, by channel id (a list): the directory is asked once per
     * unit and requester, not once per channel.
     */
    Map<Long, Approver> ofPending(List<Channel> channels) {
        Map<String, Approver> asked = new HashMap<>();
        Map<Long, Approver> approvers = new HashMap<>();
        for (Channel c : channels) {
            if ("REQUESTED".equals(c.status())) {
                approvers.put(c.id(), c.platform() ? Approver.SUPERVISOR
                        : asked.computeIfAbsent(c.orgId() + ":" + c.requestedById(), k -> of(c)));
            }
        }
        return approvers;
    }
}
