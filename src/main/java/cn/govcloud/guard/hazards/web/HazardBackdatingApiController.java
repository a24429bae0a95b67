package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.hazards.internal.BackdatedNotices;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.web.HazardDto.BackdatingAnswer;
import cn.govcloud.guard.hazards.web.HazardDto.BackdatingDecision;
import cn.govcloud.guard.hazards.web.HazardDto.BackdatingJson;
import cn.govcloud.guard.hazards.web.HazardDto.NotBackdated;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A hazard recorded after the fact (issue 17 point 3, A10.2, A11.3): {@code POST /api/v1/hazards} with a
 * {@code notifiedAt} before the record keeps that date as {@code statedNotifiedAt} and runs the clock from
 * the record; the warner attaches the paper notice here and the supervisor confirms the date (the clock
 * then runs from it) or rejects it.
 */
@RestController
@RequestMapping("/api/v1/hazards/{id}")
@AllowParties
class HazardBackdatingApiController {
    private final HazardQueries hazards;
    private final BackdatedNotices backdated;

    HazardBackdatingApiController(HazardQueries hazards, BackdatedNotices backdated) {
        this.hazards = hazards;
        this.backdated = backdated;
    }

    /** {@code {"backdated": false}} for a hazard recorded as notified, else {@code {"backdated": true, "statedNotifiedAt", "status", …}}. */
    @GetMapping("/backdating")
    BackdatingAnswer show(@PathVariable long id) {
        hazards.visible(id, Actor.require());
        return backdated.of(id).<BackdatingAnswer>map(BackdatingJson::of).orElseGet(() -> new NotBackdated(false));
    }

    /** Multipart, the paper notice in field {@code file}; by the department that warned. */
    @PostMapping("/notice-document")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowParties
    BackdatingJson attach(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        // who may (A4, the warner) is checked before what was sent: another unit's user gets 404 either way
        boolean present = file != null && !file.isEmpty();
        return BackdatingJson.of(backdated.attach(id, present ? file.getOriginalFilename() : null, present ? file.getInputStream() : null,
                Actor.require()));
    }

    /** {@code {"confirm": true|false, "reason"?}}; a rejection needs a reason. By the supervisor. */
    @PostMapping("/backdating")
    @AllowSupervisor
    BackdatingJson decide(@PathVariable long id, @RequestBody(required = false) BackdatingDecision body) {
        if (body == null || body.confirm() == null) {
            throw new InvalidInput("hazards.error.invalid", Map.of("confirm", "hazards.backdating.error.confirm"));
        }
        return BackdatingJson.of(backdated.decide(id, body.confirm(), body.reason(), Actor.require()));
    }
}
