package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowUnitPeople;
import static cn.govcloud.guard.access.web.RemoteChannelApiController.longValue;
import static cn.govcloud.guard.access.web.RemoteChannelApiController.string;

import cn.govcloud.guard.access.internal.Visits;
import cn.govcloud.guard.access.internal.Visits.NewVisitor;
import cn.govcloud.guard.access.internal.Visits.Visit;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

    @GetMapping
    List<Map<String, Object>> list() {
        return visits.list(Actor.require()).stream().map(VisitApiController::json).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    @Operation(summary = "The owning unit issues the authorisation letter", description = "`{\"systemId\", \"purpose\", \"letterNumber\", "
            + "\"validFrom\", \"validUntil\", \"visitors\": [{\"realName\", \"idNumber\", \"mobile\"}]}`; ID numbers are stored SM4-encrypted and shown masked")
    Map<String, Object> authorise(@RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = longValue(b, "systemId", errors);
        LocalDate from = date(b, "validFrom", errors);
        LocalDate until = date(b, "validUntil", errors);
        List<NewVisitor> visitors = new ArrayList<>();
        if (b.get("visitors") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    visitors.add(new NewVisitor(str(m.get("realName")), str(m.get("idNumber")), str(m.get("mobile"))));
                } else {
                    visitors.add(null);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.visit.error.invalid", errors);
        }
        long id = visits.authorise(systemId, string(b, "purpose"), string(b, "letterNumber"), from, until, visitors);
        return json(visits.visible(id, Actor.require()));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return json(visits.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/escort")
    @AllowProvider
    Map<String, Object> escort(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        visits.assignEscort(id, body == null ? null : string(body, "escort"));
        return json(visits.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/sign-in")
    @AllowProvider
    @Operation(summary = "Sign-in: refused (409 A9.1) without a letter valid today or without an escort")
    Map<String, Object> signIn(@PathVariable long id) {
        visits.signIn(id);
        return json(visits.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/sign-out")
    @AllowProvider
    Map<String, Object> signOut(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        visits.signOut(id, body == null ? null : string(body, "workDone"));
        return json(visits.visible(id, Actor.require()));
    }

    static Map<String, Object> json(Visit v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("rule", "A9.1");
        m.put("orgId", v.orgId());
        m.put("systemId", v.systemId());
        m.put("purpose", v.purpose());
        m.put("letterNumber", v.letterNumber());
        m.put("validFrom", v.validFrom());
        m.put("validUntil", v.validUntil());
        m.put("letterValidToday", v.letterValidToday());
        m.put("escort", v.escort());
        m.put("status", v.status());
        m.put("signedInAt", v.signedInAt());
        m.put("signedOutAt", v.signedOutAt());
        m.put("workDone", v.workDone());
        m.put("visitors", v.visitors().stream().map(p -> Map.of("realName", p.realName(), "idNumber", p.idNumberMasked(),
                "mobile", p.mobileMasked())).toList());
        m.put("recordedBy", v.recordedBy());
        return m;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    static LocalDate date(Map<String, Object> body, String field, Map<String, String> errors) {
        String v = string(body, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "access.error.date");
            return null;
        }
    }
}
