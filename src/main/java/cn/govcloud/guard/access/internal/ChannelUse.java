package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.PlatformRemoteOperationEnded;
import cn.govcloud.guard.access.RemoteChannelEnded;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.crypto.KeyedHash;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An approved channel in use: the provider opens it (A9.2), the requester looks at the credential once (generated
 * at that moment: 256 random bits, stored only as HMAC-SM3, A9.3), and closing ends it.
 */
@Service
public class ChannelUse {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelStore store;
    private final AccessSubjects subjects;
    private final KeyedHash hash;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    ChannelUse(ChannelStore store, AccessSubjects subjects, KeyedHash hash, Duties duties, ApplicationEventPublisher events, AuditLog audit,
               Clock clock) {
        this.store = store;
        this.subjects = subjects;
        this.hash = hash;
        this.duties = duties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** The provider opens an approved channel (A9.2); a long-term one only after the regulator (A9.3), the platform's only after the supervisor (A5.3). */
    @Transactional
    public void open(long id) {
        Actor actor = Actor.require();
        if (!actor.has(Role.PROVIDER_OPERATOR)) {
            throw new AccessDeniedException("the provider opens channels");
        }
        Channel c = store.locked(id, actor);
        c.requireOpenable();
        store.opened(id, actor.username(), clock.instant());
        duties.fulfil(c.reference() + ":open", "opened by " + actor.username());
        audit.record(AuditEvent.success("access.channel.open", c.reference(), c.channelType() + " " + c.startsAt() + "–" + c.endsAt()));
    }

    /**
     * The requester looks at the credential: it is generated now (256 bits from SecureRandom), only
     * its keyed hash is stored, and it is never shown again — a second look is refused (A9.3).
     */
    @Transactional
    public String revealCredential(long id) {
        Actor actor = Actor.require();
        Channel c = store.visible(id, actor);
        c.requireCredentialFor(actor);
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        String secret = "ggc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        if (!store.issueCredential(id, hash.hash(secret), clock.instant())) {
            audit.record(AuditEvent.of("access.channel.credential", c.reference(), AuditResult.FAILURE, "A9.3 credential already shown"));
            throw new RuleViolation("A9.3", "access.channel.error.credentialShown");
        }
        audit.record(AuditEvent.success("access.channel.credential", c.reference(), "single-use credential issued and shown once"));
        return secret;
    }

    /** Closing ends the channel (the provider, or the requesting unit); A9.3's closure confirmation becomes the provider's duty. */
    @Transactional
    public void close(long id, String reason) {
        Actor actor = Actor.require();
        Channel c = store.visible(id, actor);
        boolean provider = actor.has(Role.PROVIDER_OPERATOR);
        boolean owner = actor.orgId() == c.orgId() && (Role.UNIT_ROLES.stream().anyMatch(actor::has) || provider);
        if (!provider && !owner) {
            throw new AccessDeniedException("the provider or the requesting organisation closes a channel");
        }
        c.requireOpenToClose();
        // issue 23 point 8: closing revokes the channel's credential for good — its reason is required and audited
        if (reason == null || reason.isBlank()) {
            throw new cn.govcloud.guard.shared.InvalidInput("access.channel.error.invalid", java.util.Map.of("reason", "access.channel.error.closeReason"));
        }
        Instant now = clock.instant();
        store.closed(id, actor.username(), now);
        for (String reference : new String[] {c.reference(), c.reference() + ":open", c.reference() + ":regulator"}) {
            duties.fulfil(reference, "closed by " + actor.username());
        }
        if (c.openedAt() != null) {
            if (c.platform()) {
                events.publishEvent(new PlatformRemoteOperationEnded(id, AccessSubjects.platform(c.orgId(), actor.orgName()), now));
            } else {
                events.publishEvent(new RemoteChannelEnded(id, subjects.system(c.systemId()), now));
            }
        }
        audit.record(AuditEvent.success("access.channel.close", c.reference(), "closed" + (c.consumedAt() != null ? " after its single use" : "") + "; reason: " + reason.strip()));
    }
}
