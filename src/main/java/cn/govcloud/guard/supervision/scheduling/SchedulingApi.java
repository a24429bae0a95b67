package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowSupervisor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The monthly scheduling over the API (A11.3): open the month, edit the agenda, record the meeting, assign actions, close. */
@RestController
@RequestMapping("/api/v1/supervision/scheduling/sessions")
@AllowSupervisor
class SchedulingApi {
    private final Sessions sessions;
    private final Actions actions;
    private final Closing closing;

    SchedulingApi(Sessions sessions, Actions actions, Closing closing) {
        this.sessions = sessions;
        this.actions = actions;
        this.closing = closing;
    }

    /** {@code {"month":"2026-11"?}} → 201 the session with its drafted agenda; 409 when the month has one. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> open(@RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        String month = b.string("month");
        b.check();
        return view(sessions.open(sessions.month(month)).id());
    }

    @GetMapping
    @AllowOversight
    Object list() {
        return sessions.list();
    }

    @GetMapping("/{id}")
    @AllowOversight
    Map<String, Object> get(@PathVariable long id) {
        return view(id);
    }

    @PostMapping("/{id}/agenda")
    @ResponseStatus(HttpStatus.CREATED)
    Sessions.AgendaItem addItem(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        String title = b.string("title");
        String details = b.string("details");
        b.check();
        return sessions.addItem(id, title, details);
    }

    /** {@code {"meetingDate":"2026-11-20","participants":"…"}}. */
    @PostMapping("/{id}/meeting")
    Map<String, Object> meeting(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        var date = b.date("meetingDate");
        String participants = b.string("participants");
        b.check();
        sessions.recordMeeting(id, date, participants);
        return view(id);
    }

    @PostMapping("/{id}/decisions")
    @ResponseStatus(HttpStatus.CREATED)
    Sessions.Decision decision(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        String text = b.string("text");
        b.check();
        return sessions.addDecision(id, text);
    }

    /** {@code {"kind":"DUTY","title","description"?,"orgId","dueDate"}} or {@code {"kind":"HAZARD","title","description"?,"systemId","severity"}} → 201. */
    @PostMapping("/{id}/actions")
    @ResponseStatus(HttpStatus.CREATED)
    Actions.Action action(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        Actions.NewAction a = new Actions.NewAction(b.string("kind"), b.string("title"), b.string("description"), b.number("orgId"),
                b.number("systemId"), b.date("dueDate"), b.string("severity"));
        b.check();
        return actions.assign(id, a);
    }

    /** Renders the minutes and files the month's duty; 400 until the meeting's date and participants are recorded. */
    @PostMapping("/{id}/close")
    Map<String, Object> close(@PathVariable long id) {
        closing.close(id);
        return view(id);
    }

    private Map<String, Object> view(long id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", sessions.require(id));
        out.put("agenda", sessions.agenda(id));
        out.put("decisions", sessions.decisions(id));
        out.put("actions", actions.ofSession(id));
        return out;
    }
}
