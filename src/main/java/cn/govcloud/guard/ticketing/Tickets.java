package cn.govcloud.guard.ticketing;

import cn.govcloud.guard.shared.Actor;
import java.util.List;

/** Tickets of a hazard (issue 21 point 5), for whoever may see the hazard (A4). */
public interface Tickets {

    /** A desk a ticket may be opened in by this actor for this hazard. */
    record Choice(long deskId, String deskName, String ownerName) {
    }

    /** The hazard's tickets; 404 when the actor may not see the hazard. */
    List<Ticket> ofHazard(Actor actor, long hazardId);

    /** The enabled desks without a ticket for this hazard that the actor may open one in (empty for regulators). */
    List<Choice> choices(Actor actor, long hazardId);

    /**
     * Opens a ticket for the hazard in the desk (「开工单」): queued in the outbox and sent by the scheduler, never
     * while the user waits. A second request for the same desk and hazard returns the ticket already there. Audited.
     */
    Ticket open(Actor actor, long hazardId, long deskId);
}
