package cn.govcloud.guard.ticketing;

import cn.govcloud.guard.shared.Actor;
import java.util.List;

/**
 * Configuring the service desks (issue 21 point 5): the security administrator's alone, as the SIEM destinations are —
 * a desk receives hazard notices (security events) and its secret lets a machine act on hazards, like an API token.
 * Off by default; every change audited; the secret sealed and never shown again.
 */
public interface ServiceDesks {

    /** A new desk. {@code ownerOrgId}: the provider's organisation or a unit's. {@code secret}: 16–200 characters. */
    record NewDesk(String name, Long ownerOrgId, String url, String secret, Boolean enabled) {
    }

    /** A change: null (or a blank URL or secret) keeps the value. The owner cannot change: make a new desk. */
    record DeskChange(String name, String url, String secret, Boolean enabled) {
    }

    /** An organisation a desk may belong to (the provider and the units), for the form. */
    record Owner(long id, String name, String kind) {
    }

    List<Desk> list(Actor actor);

    Desk get(Actor actor, long id);

    Desk create(Actor actor, NewDesk desk);

    Desk update(Actor actor, long id, DeskChange change);

    void delete(Actor actor, long id);

    List<Owner> owners(Actor actor);
}
