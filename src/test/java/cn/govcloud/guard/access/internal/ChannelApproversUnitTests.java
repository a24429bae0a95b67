package cn.govcloud.guard.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.access.internal.Channel.Approver;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A9.2: who checks each pending channel of a list is asked of the directory once per unit and requester, not once per channel. */
class ChannelApproversUnitTests {

    @Test
    void aListAsksTheDirectoryOncePerUnitAndRequester_A9_2() {
        List<String> asked = new ArrayList<>();
        OrganisationDirectory directory = new OrganisationDirectory() {
            @Override
            public List<OrganisationView> all() {
                return List.of();
            }

            @Override
            public int holders(long orgId, Role role, long exceptUserId) {
                asked.add(orgId + ":" + exceptUserId);
                return orgId == 1 ? 1 : 0;
            }
        };
        List<Channel> channels = List.of(channel(1, "SYSTEM", 1, 10, "REQUESTED"), channel(2, "SYSTEM", 1, 10, "REQUESTED"),
                channel(3, "SYSTEM", 2, 20, "REQUESTED"), channel(4, "SYSTEM", 2, 20, "REQUESTED"), channel(5, "PLATFORM", 9, 90, "REQUESTED"),
                channel(6, "SYSTEM", 1, 10, "OPEN"));

        Map<Long, Approver> approvers = new ChannelApprovers(directory).ofPending(channels);

        assertThat(asked).containsExactly("1:10", "2:20");
        assertThat(approvers).containsEntry(1L, Approver.UNIT_OFFICER).containsEntry(2L, Approver.UNIT_OFFICER)
                .containsEntry(3L, Approver.SUPERVISOR_FOR_SOLE_OFFICER).containsEntry(4L, Approver.SUPERVISOR_FOR_SOLE_OFFICER)
                .containsEntry(5L, Approver.SUPERVISOR).doesNotContainKey(6L);
    }

    private static Channel channel(long id, String kind, long orgId, long requester, String status) {
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        return new Channel(id, kind, orgId, "PLATFORM".equals(kind) ? null : 100L + orgId, "维护", "重启", "appadmin", "VPN", "杨洋", now,
                now.plusSeconds(3600), false, status, "user" + requester, requester, now, null, null, null, null, null, null, null, false, null,
                null, null, null, null, false);
    }
}
