package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowSupervisor;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
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
    SessionView open(@RequestBody(required = false) @Valid MonthBody body) {
        return view(sessions.open(sessions.month(body == null ? null : body.month())).id());
    }

    /**
     * Issue 23 point 11: optional {@code q} (month, participants, agenda items, decisions), {@code state} (OPEN, CLOSED),
     * {@code page}/{@code size}; a bad value is a 400 naming it. Without page and size every matching session, as before.
     */
    @GetMapping
    @AllowOversight
    @ListParams
    List<Sessions.Session> list(@Parameter(hidden = true) @RequestParam Map<String, String> params) {
        return ListPages.answer(params, Sessions.STATES, SchedulingPages.OFFERS, sessions::search);
    }

    @GetMapping("/{id}")
    @AllowOversight
    SessionView get(@PathVariable long id) {
        return view(id);
    }

    @PostMapping("/{id}/agenda")
    @ResponseStatus(HttpStatus.CREATED)
    Sessions.AgendaItem addItem(@PathVariable long id, @RequestBody(required = false) @Valid AgendaItemBody body) {
        AgendaItemBody b = body == null ? new AgendaItemBody(null, null) : body;
        return sessions.addItem(id, b.title(), b.details());
    }

    /** {@code {"meetingDate":"2026-11-20","participants":"…"}}. */
    @PostMapping("/{id}/meeting")
    SessionView meeting(@PathVariable long id, @RequestBody(required = false) @Valid MeetingBody body) {
        MeetingBody b = body == null ? new MeetingBody(null, null) : body;
        sessions.recordMeeting(id, b.meetingDate(), b.participants());
        return view(id);
    }

    @PostMapping("/{id}/decisions")
    @ResponseStatus(HttpStatus.CREATED)
    Sessions.Decision decision(@PathVariable long id, @RequestBody(required = false) @Valid DecisionBody body) {
        return sessions.addDecision(id, body == null ? null : body.text());
    }

    /** {@code {"kind":"DUTY","title","description"?,"orgId","dueDate"}} or {@code {"kind":"HAZARD","title","description"?,"systemId","severity"}} → 201. */
    @PostMapping("/{id}/actions")
    @ResponseStatus(HttpStatus.CREATED)
    Actions.Action action(@PathVariable long id, @RequestBody(required = false) @Valid Actions.NewAction body) {
        return actions.assign(id, body == null ? new Actions.NewAction(null, null, null, null, null, null, null) : body);
    }

    /** Renders the minutes and files the month's duty; 400 until the meeting's date and participants are recorded. */
    /** Why the session is closed (issue 23 point 8: required, written to the audit record). */
    record Closure(String reason) {
    }

    @PostMapping("/{id}/close")
    SessionView close(@PathVariable long id, @RequestBody(required = false) Closure body) {
        closing.close(id, body == null ? null : body.reason());
        return view(id);
    }

    private SessionView view(long id) {
        return new SessionView(sessions.require(id), sessions.agenda(id), sessions.decisions(id), actions.ofSession(id));
    }

    /** A month's session with its agenda, decisions and the actions it assigned. */
    record SessionView(Sessions.Session session, List<Sessions.AgendaItem> agenda, List<Sessions.Decision> decisions,
                       List<Actions.Action> actions) {
    }

    /** {@code month} as {@code 2026-11}; absent: the current month. */
    record MonthBody(@Size(max = 20, message = "{scheduling.error.month}") String month) {
    }

    record AgendaItemBody(@Size(max = 500, message = "{scheduling.error.title}") String title, String details) {
    }

    record MeetingBody(LocalDate meetingDate, @Size(max = 4000, message = "{scheduling.error.participants}") String participants) {
    }

    /** The decision's text; refused under the field {@code decision} when blank or over 4000 characters. */
    record DecisionBody(String text) {
    }
}
