package cn.govcloud.guard.ticketing;

import cn.govcloud.guard.shared.Actor;
import java.util.List;

/** Tickets of a hazard or an alert (issue 21 point 5), for whoever may see it (A4). */
public interface Tickets {

    /** What a ticket is about. */
    enum Kind { HAZARD, ALERT }

    /** A desk a ticket may be opened in by this actor for this hazard or alert. */
    record Choice(long deskId, String deskName, String ownerName) {
    }

    /** The tickets of the hazard or alert; 404 when the actor may not see it. */
    List<Ticket> of(Actor actor, Kind kind, long id);

    /**
     * The enabled desks without a ticket for it that the actor may open one in: a unit's people their own unit's desks;
     * the supervisor and the provider the unit's desks and the provider's; nobody else (the regulators read).
     */
    List<Choice> choices(Actor actor, Kind kind, long id);

    /**
     * Opens a ticket (「开工单」): queued in the outbox and sent by the scheduler, never while the user waits. A second request
     * for the same desk and subject returns the ticket already there. Audited.
     */
    Ticket open(Actor actor, Kind kind, long id, long deskId);
}
