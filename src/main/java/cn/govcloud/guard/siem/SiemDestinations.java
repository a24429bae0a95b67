package cn.govcloud.guard.siem;

import cn.govcloud.guard.shared.Actor;
import java.util.List;

/**
 * Configuring where the operation log is streamed (issue 21 point 2): the security administrator's
 * (SECURITY_ADMIN) alone; every change is audited, secrets are sealed and never shown again.
 */
public interface SiemDestinations {

    /**
     * A new destination. {@code target}: {@code host:port} for syslog (port 6514 for TLS and 514 otherwise when
     * left out), the http(s) URL for a webhook. {@code categories} null or empty: all. {@code startAfter}: the
     * record id to send after (0 replays the whole log); null starts with the records written from now on.
     */
    record NewDestination(String name, String kind, String target, List<String> categories, String format, String secret,
                          String caCertificate, Boolean enabled, Long startAfter) {
    }

    /**
     * A change: null keeps the value; a blank secret or CA certificate keeps it too, {@code clearSecret} /
     * {@code clearCaCertificate} remove it. {@code startAfter} moves the cursor (back to replay, on to skip).
     */
    record DestinationChange(String name, String target, List<String> categories, String format, String secret, Boolean clearSecret,
                             String caCertificate, Boolean clearCaCertificate, Boolean enabled, Long startAfter) {
    }

    /** What a test message did: sent (acknowledged by the peer as far as the protocol allows) or the error. */
    record TestResult(boolean sent, String error) {
    }

    List<Destination> list(Actor actor);

    Destination get(Actor actor, long id);

    Destination create(Actor actor, NewDestination d);

    Destination update(Actor actor, long id, DestinationChange change);

    void delete(Actor actor, long id);

    /** Sends one test message now (outside the stream: the cursor does not move). */
    TestResult test(Actor actor, long id);
}
