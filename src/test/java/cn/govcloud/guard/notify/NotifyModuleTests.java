package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The notify module with the modules it uses (shared, crypto, audit, identity, rules; issue 18 point 2). It publishes no
 * application event and listens to none — producers call {@link Notifier} in their own transaction — so its test drives
 * that public API: a notice reaches the organisation's people in the in-app inbox, once per key (A10.1), narrowed by
 * role, and without any configured channel no external delivery is recorded.
 */
@ModuleTest
class NotifyModuleTests {
    private final Notifier notifier;
    private final Inbox inbox;
    private final IdentityManagement identity;

    NotifyModuleTests(Notifier notifier, Inbox inbox, IdentityManagement identity) {
        this.notifier = notifier;
        this.inbox = inbox;
        this.identity = identity;
    }

    @Test
    void a10_1_aNoticeReachesTheOrganisationsInboxOnceWhateverHowOftenItIsSent() {
        Actor officer = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        String key = "module-test:" + officer.username();
        Notice notice = new Notice(key, officer.orgId(), Set.of(), "notify.test.message", List.of(), "/inbox",
                Notice.Severity.WARNING, Instant.parse("2026-12-07T08:00:00Z"));

        assertThat(notifier.dispatch(notice)).isTrue();
        assertThat(notifier.dispatch(notice)).isFalse(); // idempotent on the key: a retried sender cannot double-notify
        assertThat(ModuleActors.as(officer, () -> inbox.unreadCount(officer.userId()))).isEqualTo(1);
        assertThat(notifier.statusOf(key)).isEmpty(); // the organisation configured no channel
    }

    @Test
    void a10_1_aNoticeForOtherRolesDoesNotReachThisPerson() {
        Actor officer = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        String key = "module-test-roles:" + officer.username();

        assertThat(inbox.deliver(new Notice(key, officer.orgId(), Set.of(Role.UNIT_STAFF), "notify.test.message", List.of(), "/inbox",
                Notice.Severity.INFO, Instant.parse("2026-12-07T08:00:00Z")))).isTrue();
        assertThat(ModuleActors.as(officer, () -> inbox.unreadCount(officer.userId()))).isZero();
    }
}
