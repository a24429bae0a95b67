package cn.govcloud.guard.ticketing.web;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.ticketing.Desk;
import cn.govcloud.guard.ticketing.ServiceDesks;
import cn.govcloud.guard.ticketing.ServiceDesks.DeskChange;
import cn.govcloud.guard.ticketing.ServiceDesks.NewDesk;
import cn.govcloud.guard.ticketing.Ticket;
import cn.govcloud.guard.ticketing.Tickets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ticketing over the API (issue 21 point 5): the service desks (the security administrator's; the secret never shown
 * back) and the tickets of a hazard (whoever may see the hazard, A4).
 */
@RestController
class TicketingApiController {
    private final ServiceDesks desks;
    private final Tickets tickets;

    TicketingApiController(ServiceDesks desks, Tickets tickets) {
        this.desks = desks;
        this.tickets = tickets;
    }

    /** A request to open a ticket (「开工单」) for a hazard or (with {@code alertId}) an alert. */
    record OpenTicket(Long hazardId, Long alertId, Long deskId) {
    }

    @GetMapping("/api/v1/ticketing/desks")
    @Allow(Role.SECURITY_ADMIN)
    List<Desk> list() {
        return desks.list(Actor.require());
    }

    @GetMapping("/api/v1/ticketing/desks/{id}")
    @Allow(Role.SECURITY_ADMIN)
    Desk get(@PathVariable long id) {
        return desks.get(Actor.require(), id);
    }

    /** {@code {"name", "ownerOrgId", "url", "secret", "enabled"?: false}} — a new desk is off unless {@code enabled} is true. */
    @PostMapping("/api/v1/ticketing/desks")
    @Allow(Role.SECURITY_ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    Desk create(@RequestBody NewDesk body) {
        return desks.create(Actor.require(), body);
    }

    /** Fields left out (or a blank URL or secret) keep their value. */
    @PutMapping("/api/v1/ticketing/desks/{id}")
    @Allow(Role.SECURITY_ADMIN)
    Desk update(@PathVariable long id, @RequestBody DeskChange body) {
        return desks.update(Actor.require(), id, body);
    }

    @DeleteMapping("/api/v1/ticketing/desks/{id}")
    @Allow(Role.SECURITY_ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        desks.delete(Actor.require(), id);
    }

    /** The tickets of a hazard ({@code ?hazard=}) or an alert ({@code ?alert=}): desk, the desk's own number, state, attempts, last error. */
    @GetMapping("/api/v1/ticketing/tickets")
    @AllowParties
    List<Ticket> of(@RequestParam(name = "hazard", required = false) Long hazardId, @RequestParam(name = "alert", required = false) Long alertId) {
        if ((hazardId == null) == (alertId == null)) {
            throw new InvalidInput("ticketing.error.invalid", Map.of("hazard", "ticketing.error.hazard"));
        }
        return hazardId != null ? tickets.of(Actor.require(), Tickets.Kind.HAZARD, hazardId) : tickets.of(Actor.require(), Tickets.Kind.ALERT, alertId);
    }

    /** 「开工单」: queued at once (201), delivered by the outbox; the same desk and hazard again answers the ticket already there. */
    @PostMapping("/api/v1/ticketing/tickets")
    @Allow({Role.SUPERVISOR, Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF})
    @ResponseStatus(HttpStatus.CREATED)
    Ticket open(@RequestBody OpenTicket body) {
        Map<String, String> errors = new LinkedHashMap<>();
        if ((body.hazardId() == null) == (body.alertId() == null)) {
            errors.put("hazardId", "ticketing.error.hazard");
        }
        if (body.deskId() == null) {
            errors.put("deskId", "ticketing.error.desk");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("ticketing.error.invalid", errors);
        }
        return body.hazardId() != null ? tickets.open(Actor.require(), Tickets.Kind.HAZARD, body.hazardId(), body.deskId())
                : tickets.open(Actor.require(), Tickets.Kind.ALERT, body.alertId(), body.deskId());
    }
}
