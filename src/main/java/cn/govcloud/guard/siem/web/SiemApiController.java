package cn.govcloud.guard.siem.web;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.siem.Destination;
import cn.govcloud.guard.siem.SiemDestinations;
import cn.govcloud.guard.siem.SiemDestinations.DestinationChange;
import cn.govcloud.guard.siem.SiemDestinations.NewDestination;
import cn.govcloud.guard.siem.SiemDestinations.TestResult;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * SIEM destinations over the API (issue 21 point 2), the security administrator's only. Targets are shown up to
 * their host and HMAC keys never; each answer carries the destination's state, cursor and lag.
 */
@RestController
@RequestMapping("/api/v1/siem/destinations")
@Allow(Role.SECURITY_ADMIN)
class SiemApiController {
    private final SiemDestinations destinations;

    SiemApiController(SiemDestinations destinations) {
        this.destinations = destinations;
    }

    @GetMapping
    List<Destination> list() {
        return destinations.list(Actor.require());
    }

    @GetMapping("/{id}")
    Destination get(@PathVariable long id) {
        return destinations.get(Actor.require(), id);
    }

    /**
     * {@code {"name", "kind": "SYSLOG_TLS|SYSLOG_TCP|SYSLOG_UDP|WEBHOOK", "target": "host:port" or URL, "categories"?: [...],
     * "format"?: "NDJSON|JSON", "secret"?, "caCertificate"?: PEM, "enabled"?, "startAfter"?}}
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Destination create(@RequestBody NewDestination body) {
        return destinations.create(Actor.require(), body);
    }

    /** Fields left out keep their value; {@code startAfter} moves the cursor (replay or skip). */
    @PutMapping("/{id}")
    Destination update(@PathVariable long id, @RequestBody DestinationChange body) {
        return destinations.update(Actor.require(), id, body);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        destinations.delete(Actor.require(), id);
    }

    /** Sends one test message now, outside the stream; {@code {"sent": false, "error"}} when the peer did not take it. */
    @PostMapping("/{id}/test")
    TestResult test(@PathVariable long id) {
        return destinations.test(Actor.require(), id);
    }
}
