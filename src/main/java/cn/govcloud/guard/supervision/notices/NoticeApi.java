package cn.govcloud.guard.supervision.notices;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import cn.govcloud.guard.supervision.scheduling.ListParams;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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
    NoticeView issue(@RequestBody(required = false) @Valid NewNoticeBody body) {
        NewNoticeBody b = body == null ? new NewNoticeBody(null, null, null, null) : body;
        Notices.NewNotice n = new Notices.NewNotice(b.kind(), b.title(), b.body(), b.unitIds() == null ? new java.util.ArrayList<>() : b.unitIds());
        return view(notices.issue(n).id(), Actor.require());
    }

    /** The body of a 逾期未整改隐患通报 drafted from the overdue rectifications, with the units it names. */
    @GetMapping("/draft")
    @AllowSupervisor
    NoticeDraft.Draft draft() {
        return draft.overdueRectifications(Actor.require());
    }

    /**
     * Issue 23 point 11: optional {@code q} (kind, title, body), {@code unit} (oversight: a recipient), {@code state}
     * ({@code OPEN}: not yet confirmed by every unit / by the reader's unit; {@code ACKNOWLEDGED}), {@code page}/{@code size};
     * a bad value is a 400 naming it. Without page and size every matching notice, as before.
     */
    @GetMapping
    @ListParams
    List<Notices.IssuedNotice> list(@Parameter(hidden = true) @RequestParam Map<String, String> params) {
        Actor actor = Actor.require();
        return ListPages.answer(params, Notices.STATES, NoticePages.OFFERS, f -> notices.search(actor, f));
    }

    /** Oversight: the notice with every unit's tracking; a unit: the notice and its own acknowledgement. */
    @GetMapping("/{id}")
    NoticeView get(@PathVariable long id) {
        return view(id, Actor.require());
    }

    /** {@code {"reply"?}}: the unit confirms receipt (确认收悉); 409 when it already did. */
    @PostMapping("/{id}/acknowledgement")
    @AllowUnitPeople
    NoticeView acknowledge(@PathVariable long id, @RequestBody(required = false) @Valid ReplyBody body) {
        String reply = body == null ? null : body.reply();
        Actor actor = Actor.require();
        notices.visible(id, actor);
        notices.acknowledge(id, reply);
        return view(id, actor);
    }

    private NoticeView view(long id, Actor actor) {
        Notices.IssuedNotice notice = notices.visible(id, actor);
        if (Notices.oversees(actor)) {
            return new TrackedNotice(notice, notices.tracking(id).stream().map(RecipientTracking::of).toList());
        }
        return new ReceivedNotice(notice, notices.recipientOf(id, actor).orElse(null));
    }

    /** Oversight sees every unit's tracking, a unit only its own acknowledgement. */
    sealed interface NoticeView permits TrackedNotice, ReceivedNotice {
    }

    record TrackedNotice(Notices.IssuedNotice notice, List<RecipientTracking> recipients) implements NoticeView {
    }

    record ReceivedNotice(Notices.IssuedNotice notice, Notices.Recipient recipient) implements NoticeView {
    }

    /** One receiving unit: delivery per channel, acknowledgement and the state of its acknowledgement duty. */
    record RecipientTracking(long orgId, String orgName, Instant deliveredAt, List<Delivery> deliveries, Instant acknowledgedAt,
                             String acknowledgedBy, String reply, Long dutyId, String dutyState) {

        static RecipientTracking of(Notices.Tracking t) {
            Notices.Recipient r = t.recipient();
            return new RecipientTracking(r.orgId(), r.orgName(), r.deliveredAt(),
                    t.deliveries().stream().map(d -> new Delivery(d.channel().name(), d.state().name())).toList(), r.acknowledgedAt(),
                    r.acknowledgedByName(), r.reply(), r.dutyId(), t.duty() == null ? null : t.duty().state().name());
        }
    }

    record Delivery(String channel, String state) {
    }

    record NewNoticeBody(@Size(max = 60, message = "{scheduling.error.noticeKind}") String kind,
                         @Size(max = 300, message = "{scheduling.error.title}") String title,
                         @Size(max = 20_000, message = "{scheduling.error.body}") String body, List<Long> unitIds) {
    }

    record ReplyBody(@Size(max = 4000, message = "{scheduling.error.reply}") String reply) {
    }
}
