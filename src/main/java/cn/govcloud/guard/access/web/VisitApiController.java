package cn.govcloud.guard.access.web;

import org.springdoc.core.annotations.ParameterObject;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowUnitPeople;

import cn.govcloud.guard.access.internal.Visits;
import cn.govcloud.guard.access.internal.Visits.NewVisitor;
import cn.govcloud.guard.access.internal.Visits.Visit;
import cn.govcloud.guard.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A9.1 on-site visits: letter (unit) → escort (provider) → sign-in → sign-out. */
@RestController
@RequestMapping("/api/v1/visits")
@Tag(name = "On-site visits (A9.1)")
@AllowParties
class VisitApiController {
    private final Visits visits;

    VisitApiController(Visits visits) {
        this.visits = visits;
    }

    /** The unit's authorisation letter with the visitors it names. */
    record LetterBody(Long systemId, @Size(max = 1000) String purpose, @Size(max = 100) String letterNumber, LocalDate validFrom,
                      LocalDate validUntil, List<@Valid VisitorBody> visitors) {
    }

    record VisitorBody(@Size(max = 100) String realName, @Size(max = 50) String idNumber, @Size(max = 50) String mobile) {
    }

    record EscortBody(@Size(max = 100) String escort) {
    }

    record SignOutBody(@Size(max = 2000) String workDone) {
    }

    /** A visitor as shown: the ID number and mobile masked. */
    record VisitorView(String realName, String idNumber, String mobile) {
    }

    record VisitView(long id, String rule, long orgId, long systemId, String purpose, String letterNumber, LocalDate validFrom,
                     LocalDate validUntil, boolean letterValidToday, String escort, String status, Instant signedInAt, Instant signedOutAt,
                     String workDone, List<VisitorView> visitors, String recordedBy) {

        static VisitView of(Visit v) {
            return new VisitView(v.id(), "A9.1", v.orgId(), v.systemId(), v.purpose(), v.letterNumber(), v.validFrom(), v.validUntil(),
                    v.letterValidToday(), v.escort(), v.status(), v.signedInAt(), v.signedOutAt(), v.workDone(),
                    v.visitors().stream().map(p -> new VisitorView(p.realName(), p.idNumberMasked(), p.mobileMasked())).toList(), v.recordedBy());
        }
    }

    @GetMapping
    List<VisitView> list(@ParameterObject ListParams params) {
        Actor actor = Actor.require();
        return Lists.answer(params, params.filter(Visits.STATES), f -> visits.search(actor, f)).stream().map(VisitView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    @Operation(summary = "The owning unit issues the authorisation letter", description = "`{\"systemId\", \"purpose\", \"letterNumber\", "
            + "\"validFrom\", \"validUntil\", \"visitors\": [{\"realName\", \"idNumber\", \"mobile\"}]}`; ID numbers are stored SM4-encrypted and shown masked")
    VisitView authorise(@RequestBody(required = false) @Valid LetterBody body) {
        LetterBody b = body == null ? new LetterBody(null, null, null, null, null, null) : body;
        List<NewVisitor> visitors = new ArrayList<>();
        if (b.visitors() != null) {
            b.visitors().forEach(v -> visitors.add(v == null ? null : new NewVisitor(v.realName(), v.idNumber(), v.mobile())));
        }
        long id = visits.authorise(b.systemId(), b.purpose(), b.letterNumber(), b.validFrom(), b.validUntil(), visitors);
        return VisitView.of(visits.visible(id, Actor.require()));
    }

    @GetMapping("/{id}")
    VisitView get(@PathVariable long id) {
        return VisitView.of(visits.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/escort")
    @AllowProvider
    VisitView escort(@PathVariable long id, @RequestBody(required = false) @Valid EscortBody body) {
        visits.assignEscort(id, body == null ? null : body.escort());
        return VisitView.of(visits.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/sign-in")
    @AllowProvider
    @Operation(summary = "Sign-in: refused (409 A9.1) without a letter valid today or without an escort")
    VisitView signIn(@PathVariable long id) {
        visits.signIn(id);
        return VisitView.of(visits.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/sign-out")
    @AllowProvider
    VisitView signOut(@PathVariable long id, @RequestBody(required = false) @Valid SignOutBody body) {
        visits.signOut(id, body == null ? null : body.workDone());
        return VisitView.of(visits.visible(id, Actor.require()));
    }
}
