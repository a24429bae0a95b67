package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.Channels.NewChannel;
import cn.govcloud.guard.access.PlatformRemoteOperationRequested;
import cn.govcloud.guard.access.RemoteAccessRequested;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A unit's user requests a channel to one of its systems (system, purpose, operations, accounts, the operator's
 * real name, a window no longer than the catalog allows, A9.2/A9.3); the provider asks for the exceptional remote
 * operation of the platform (A5.3).
 */
@Service
public class ChannelRequests {
    public static final Set<String> TYPES = Set.of("VPN", "ZERO_TRUST");
    /** Catalog parameters (issue 17 point 16): the Measures say 限时 but name no limit, so a district sets them. */
    static final String MAX_WINDOW = "A9.2-channel-max-window";
    static final String LONG_TERM_MAX = "A9.3-long-term-channel-max";

    private final ChannelStore store;
    private final Systems systems;
    private final RuleCatalog catalog;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    ChannelRequests(ChannelStore store, Systems systems, RuleCatalog catalog, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.store = store;
        this.systems = systems;
        this.catalog = catalog;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** A9.2: the longest window of an ordinary (temporary) channel, from the catalog in force. */
    public Duration maxWindow() {
        return catalog.parameter(MAX_WINDOW).duration();
    }

    /** A9.3: the longest window of a long-term channel (with the regulator's approval), from the catalog in force. */
    public Duration longTermMax() {
        return catalog.parameter(LONG_TERM_MAX).duration();
    }

    @Transactional
    public long request(NewChannel c) {
        Actor actor = Actor.require();
        boolean platform = c.systemId() == null;
        SystemRef system = null;
        if (platform) {
            // A5.3: only the provider asks to operate the platform remotely, and only as an exception
            if (actor.orgKind() != OrgKind.PROVIDER) {
                throw new InvalidInput("access.channel.error.invalid", Map.of("systemId", "access.channel.error.system"));
            }
        } else {
            if (actor.orgKind() != OrgKind.UNIT) {
                throw new AccessDeniedException("a unit requests a channel to its own system");
            }
            system = systems.find(c.systemId()).filter(s -> s.orgId() == actor.orgId())
                    .orElseThrow(() -> new InvalidInput("access.channel.error.invalid", Map.of("systemId", "access.channel.error.system")));
        }
        Instant now = clock.instant();
        checkFields(c, now);
        checkWindow(c, platform);
        long id = store.insert(c, actor, now);
        if (platform) {
            events.publishEvent(new PlatformRemoteOperationRequested(id, AccessSubjects.platform(actor.orgId(), actor.orgName()), now));
        } else {
            events.publishEvent(new RemoteAccessRequested(id, AccessSubjects.system(system), now));
        }
        audit.record(AuditEvent.success("access.channel.request", Channel.reference(id), (platform ? "platform (A5.3)" : "system " + c.systemId())
                + " " + c.channelType() + " " + c.startsAt() + "–" + c.endsAt() + (c.longTerm() ? " long-term" : "") + " operator "
                + c.operatorName().strip()));
        return id;
    }

    private static void checkFields(NewChannel c, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        check(errors, "purpose", c.purpose(), 500);
        check(errors, "operations", c.operations(), 2000);
        check(errors, "accounts", c.accounts(), 500);
        check(errors, "operatorName", c.operatorName(), 100);
        if (c.channelType() == null || !TYPES.contains(c.channelType())) {
            errors.put("channelType", "access.channel.error.channelType");
        }
        if (c.startsAt() == null) {
            errors.put("startsAt", "access.channel.error.startsAt");
        }
        if (c.endsAt() == null || (c.startsAt() != null && !c.endsAt().isAfter(c.startsAt())) || !c.endsAt().isAfter(now)) {
            errors.put("endsAt", "access.channel.error.endsAt");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.channel.error.invalid", errors);
        }
    }

    /** A9.2 限时开通: a temporary channel is open at most the configured maximum; longer needs A9.3's regulator approval. */
    private void checkWindow(NewChannel c, boolean platform) {
        Duration window = Duration.between(c.startsAt(), c.endsAt());
        if (c.longTerm() && platform) {
            throw new RuleViolation("A5.3", "access.channel.error.platformLongTerm");
        }
        if (!c.longTerm() && window.compareTo(maxWindow()) > 0) {
            throw new RuleViolation("A9.2", "access.channel.error.windowTooLong");
        }
        if (c.longTerm() && window.compareTo(longTermMax()) > 0) {
            throw new RuleViolation("A9.3", "access.channel.error.longTermTooLong");
        }
    }

    private static void check(Map<String, String> errors, String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            errors.put(field, "access.channel.error." + field);
        }
    }
}
