package cn.govcloud.guard.supervision.notices;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.supervision.scheduling.Body;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Notices (通报) over the API (A11.3): the supervisor issues, units read their own and acknowledge. */
@RestController
@RequestMapping("/api/v1/supervision/notices")
@AllowOversightAndUnits
class NoticeApi {
    private final Notices notices;
    private final NoticeDraft draft;

    NoticeApi(Notices notices, NoticeDraft draft) {
        this.notices = notices;
        this.draft = draft;
    }

    /** {@code {"kind","title","body","unitIds":[…]}} → 201; every unit gets it in its inbox and on its channels. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowOversight
    Map<String, Object> issue(@RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        Notices.NewNotice n = new Notices.NewNotice(b.string("kind"), b.string("title"), b.string("body"), b.numbers("unitIds"));
        b.check();
        return view(notices.issue(n).id(), Actor.require());
    }

    /** The body of a 逾期未整改隐患通报 drafted from the overdue rectifications, with the units it names. */
    @GetMapping("/draft")
    @AllowSupervisor
    NoticeDraft.Draft draft() {
        return draft.overdueRectifications(Actor.require());
    }

    @GetMapping
    List<Notices.IssuedNotice> list() {
        return notices.list(Actor.require());
    }

    /** Oversight: the notice with every unit's tracking; a unit: the notice and its own acknowledgement. */
    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return view(id, Actor.require());
    }

    /** {@code {"reply"?}}: the unit confirms receipt (确认收悉); 409 when it already did. */
    @PostMapping("/{id}/acknowledgement")
    @AllowUnitPeople
    Map<String, Object> acknowledge(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        String reply = b.string("reply");
        b.check();
        Actor actor = Actor.require();
        notices.visible(id, actor);
        notices.acknowledge(id, reply);
        return view(id, actor);
    }

    private Map<String, Object> view(long id, Actor actor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("notice", notices.visible(id, actor));
        if (Notices.oversees(actor)) {
            out.put("recipients", notices.tracking(id).stream().map(t -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("orgId", t.recipient().orgId());
                r.put("orgName", t.recipient().orgName());
                r.put("deliveredAt", t.recipient().deliveredAt());
                r.put("deliveries", t.deliveries().stream().map(d -> Map.of("channel", d.channel().name(), "state", d.state().name())).toList());
                r.put("acknowledgedAt", t.recipient().acknowledgedAt());
                r.put("acknowledgedBy", t.recipient().acknowledgedByName());
                r.put("reply", t.recipient().reply());
                r.put("dutyId", t.recipient().dutyId());
                r.put("dutyState", t.duty() == null ? null : t.duty().state().name());
                return r;
            }).toList());
        } else {
            out.put("recipient", notices.recipientOf(id, actor).orElse(null));
        }
        return out;
    }
}
