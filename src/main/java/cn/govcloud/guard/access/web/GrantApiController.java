package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import static cn.govcloud.guard.access.web.RemoteChannelApiController.instant;
import static cn.govcloud.guard.access.web.RemoteChannelApiController.longValue;
import static cn.govcloud.guard.access.web.RemoteChannelApiController.string;

import cn.govcloud.guard.access.Grants.Purpose;
import cn.govcloud.guard.access.internal.DataAccessGrants;
import cn.govcloud.guard.access.internal.DataAccessGrants.Access;
import cn.govcloud.guard.access.internal.DataAccessGrants.Grant;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A8.1: the provider's data-access requests, the unit's grants, and the accesses recorded under them. */
@RestController
@RequestMapping("/api/v1/data-access")
@Tag(name = "Data-access grants (A8.1)")
@AllowParties
class GrantApiController {
    private final DataAccessGrants grants;

    GrantApiController(DataAccessGrants grants) {
        this.grants = grants;
    }

    @GetMapping("/grants")
    List<Map<String, Object>> list() {
        return grants.list(Actor.require()).stream().map(GrantApiController::json).toList();
    }

    @PostMapping("/grants")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    @Operation(summary = "The provider asks for access to a system's data",
            description = "`{\"systemId\", \"purpose\", \"scope\": [\"VIEW\"|\"COPY\"|\"MODIFY\"|\"MOVE\"], \"startsAt\", \"endsAt\"}` (at most 90 days)")
    Map<String, Object> request(@RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = longValue(b, "systemId", errors);
        Instant starts = instant(b, "startsAt", errors);
        Instant ends = instant(b, "endsAt", errors);
        Set<Purpose> scope = purposes(b.get("scope"), errors);
        if (systemId == null) {
            errors.put("systemId", "access.grant.error.system");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.grant.error.invalid", errors);
        }
        long id = grants.request(systemId, string(b, "purpose"), scope, starts, ends);
        return json(grants.visible(id, Actor.require()));
    }

    @GetMapping("/grants/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return json(grants.visible(id, Actor.require()));
    }

    @PostMapping("/grants/{id}/decision")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    @Operation(summary = "The owning unit grants or refuses", description = "`{\"grant\": true|false, \"reason\"}`")
    Map<String, Object> decide(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        grants.decide(id, !"false".equals(string(b, "grant")), string(b, "reason"));
        return json(grants.visible(id, Actor.require()));
    }

    @PostMapping("/grants/{id}/revocation")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    Map<String, Object> revoke(@PathVariable long id) {
        grants.revoke(id);
        return json(grants.visible(id, Actor.require()));
    }

    @GetMapping("/accesses")
    @Operation(summary = "Accesses recorded under grants; `violation` true: without an active grant")
    List<Map<String, Object>> accesses() {
        return grants.accesses(Actor.require()).stream().map(GrantApiController::json).toList();
    }

    @PostMapping("/accesses")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    @Operation(summary = "The provider records an access to a unit's system data",
            description = "`{\"systemId\", \"purpose\": \"VIEW\"|\"COPY\"|\"MODIFY\"|\"MOVE\", \"detail\"}`; without an active grant it is stored "
                    + "as a violation and the supervisor is told at once (A8.1)")
    Map<String, Object> record(@RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = longValue(b, "systemId", errors);
        Set<Purpose> purpose = purposes(b.get("purpose"), errors);
        if (systemId == null) {
            errors.put("systemId", "access.grant.error.system");
        }
        if (purpose.size() != 1) {
            errors.put("purpose", "access.grant.error.scope");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.grant.error.invalid", errors);
        }
        return json(grants.recordAccess(systemId, purpose.iterator().next(), string(b, "detail")));
    }

    static Set<Purpose> purposes(Object value, Map<String, String> errors) {
        Set<Purpose> result = EnumSet.noneOf(Purpose.class);
        if (value == null) {
            return result;
        }
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(String.valueOf(value).split(","));
        for (Object item : items) {
            try {
                result.add(Purpose.valueOf(String.valueOf(item).strip()));
            } catch (IllegalArgumentException e) {
                errors.put("scope", "access.grant.error.scope");
            }
        }
        return result;
    }

    static Map<String, Object> json(Grant g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("rule", "A8.1");
        m.put("orgId", g.orgId());
        m.put("systemId", g.systemId());
        m.put("providerOrgId", g.providerOrgId());
        m.put("purpose", g.purpose());
        m.put("scope", g.scope());
        m.put("startsAt", g.startsAt());
        m.put("endsAt", g.endsAt());
        m.put("status", g.status());
        m.put("active", g.active());
        m.put("requestedBy", g.requestedBy());
        m.put("requestedAt", g.requestedAt());
        m.put("decidedBy", g.decidedBy());
        m.put("decidedAt", g.decidedAt());
        m.put("decisionReason", g.decisionReason());
        return m;
    }

    static Map<String, Object> json(Access a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("grantId", a.grantId());
        m.put("systemId", a.systemId());
        m.put("orgId", a.orgId());
        m.put("purpose", a.purpose());
        m.put("actor", a.actor());
        m.put("detail", a.detail());
        m.put("source", a.source());
        m.put("accessedAt", a.accessedAt());
        m.put("violation", a.violation());
        return m;
    }
}
