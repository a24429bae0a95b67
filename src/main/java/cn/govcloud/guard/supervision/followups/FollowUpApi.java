package cn.govcloud.guard.supervision.followups;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.supervision.followups.InspectionFollowUps.FollowUp;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import cn.govcloud.guard.supervision.scheduling.ListParams;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Issue 17 point 11: the daily inspection's hazard and incident drafts, and the supervisor's follow-up. */
@RestController
@RequestMapping("/api/v1/supervision/inspection-follow-ups")
@AllowOversightAndProvider
class FollowUpApi {
    private final InspectionFollowUps followUps;

    FollowUpApi(InspectionFollowUps followUps) {
        this.followUps = followUps;
    }

    /**
     * {@code open=true}: only those waiting (state {@code OPEN}). Issue 23 point 11: optional {@code q} (the inspection's
     * words, the note, the day), {@code state}, {@code page}/{@code size}; a bad value is a 400 naming it.
     */
    @GetMapping
    @ListParams
    @Parameter(name = "open", in = ParameterIn.QUERY, description = "true: only those waiting (state OPEN)")
    List<FollowUp> list(@Parameter(hidden = true) @RequestParam Map<String, String> params) {
        Actor actor = Actor.require();
        ListParameters read = ListParameters.of(params);
        Boolean open = read.flag("open");
        read.check();
        Map<String, String> query = new LinkedHashMap<>(params);
        query.remove("open");
        if (Boolean.TRUE.equals(open)) {
            if (query.get("state") != null && !"OPEN".equalsIgnoreCase(query.get("state").strip())) {
                throw new InvalidInput("list.error.invalid", Map.of("state", "list.error.state"));
            }
            query.put("state", "OPEN");
        }
        return ListPages.answer(query, InspectionFollowUps.STATES, FollowUpPages.OFFERS, f -> followUps.search(actor, f));
    }

    /** {@code {"systemId", "severity": "CRITICAL"|"HIGH"|"MEDIUM"|"LOW", "title"?}}: raises the hazard notice (A11.3). */
    @PostMapping("/{id}/hazard")
    @AllowSupervisor
    FollowUp hazard(@PathVariable long id, @RequestBody(required = false) @Valid HazardBody body) {
        HazardBody b = body == null ? new HazardBody(null, null, null) : body;
        return followUps.raiseHazard(id, b.systemId(), b.severity(), b.title());
    }

    /** {@code {"note"?}}: asks the provider for the incident report (A10.4). */
    @PostMapping("/{id}/incident-request")
    @AllowSupervisor
    FollowUp incident(@PathVariable long id, @RequestBody(required = false) @Valid NoteBody body) {
        return followUps.requestIncident(id, body == null ? null : body.note());
    }

    /** {@code {"reason"}}. */
    @PostMapping("/{id}/dismissal")
    @AllowSupervisor
    FollowUp dismiss(@PathVariable long id, @RequestBody(required = false) @Valid ReasonBody body) {
        return followUps.dismiss(id, body == null ? null : body.reason());
    }

    /** A title over 200 characters is cut, not refused. */
    record HazardBody(Long systemId, String severity, String title) {
    }

    record NoteBody(@Size(max = 2000, message = "{followups.error.note}") String note) {
    }

    record ReasonBody(@Size(max = 2000, message = "{followups.error.reason}") String reason) {
    }
}
