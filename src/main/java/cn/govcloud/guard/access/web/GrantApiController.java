package cn.govcloud.guard.access.web;

import org.springdoc.core.annotations.ParameterObject;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;

import cn.govcloud.guard.access.Grants.Purpose;
import cn.govcloud.guard.access.internal.DataAccessGrants;
import cn.govcloud.guard.access.internal.GrantQueries;
import cn.govcloud.guard.access.internal.DataAccessGrants.Access;
import cn.govcloud.guard.access.internal.DataAccessGrants.Grant;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
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
    private final GrantQueries queries;

    GrantApiController(DataAccessGrants grants, GrantQueries queries) {
        this.queries = queries;
        this.grants = grants;
    }

    /** A request for access; {@code scope} a list of purposes (or one text "VIEW,COPY"). */
    record GrantRequest(Long systemId, @Size(max = 500) String purpose,
                        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> scope, OffsetDateTime startsAt,
                        OffsetDateTime endsAt) {
    }

    /** The unit's decision; {@code grant} absent counts as granted, a refusal needs the reason. */
    record GrantDecision(Boolean grant, @Size(max = 2000) String reason) {
    }

    /** An access the provider reports: one purpose. */
    record AccessReport(Long systemId, @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> purpose,
                        @Size(max = 1000) String detail) {
    }

    record GrantView(long id, String rule, long orgId, long systemId, long providerOrgId, String purpose, Set<Purpose> scope, Instant startsAt,
                     Instant endsAt, String status, boolean active, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
                     String decisionReason) {

        static GrantView of(Grant g) {
            return new GrantView(g.id(), "A8.1", g.orgId(), g.systemId(), g.providerOrgId(), g.purpose(), g.scope(), g.startsAt(), g.endsAt(),
                    g.status(), g.active(), g.requestedBy(), g.requestedAt(), g.decidedBy(), g.decidedAt(), g.decisionReason());
        }
    }

    record AccessView(long id, Long grantId, long systemId, long orgId, String purpose, String actor, String detail, String source,
                      Instant accessedAt, boolean violation) {

        static AccessView of(Access a) {
            return new AccessView(a.id(), a.grantId(), a.systemId(), a.orgId(), a.purpose(), a.actor(), a.detail(), a.source(), a.accessedAt(),
                    a.violation());
        }
    }

    @GetMapping("/grants")
    List<GrantView> list(@ParameterObject ListParams params) {
        Actor actor = Actor.require();
        return Lists.answer(params, params.filter(GrantQueries.STATES), f -> queries.search(actor, f)).stream().map(GrantView::of).toList();
    }

    @PostMapping("/grants")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    @Operation(summary = "The provider asks for access to a system's data",
            description = "`{\"systemId\", \"purpose\", \"scope\": [\"VIEW\"|\"COPY\"|\"MODIFY\"|\"MOVE\"], \"startsAt\", \"endsAt\"}` (at most 90 days)")
    GrantView request(@RequestBody(required = false) @Valid GrantRequest body) {
        GrantRequest b = body == null ? new GrantRequest(null, null, null, null, null) : body;
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Purpose> scope = purposes(b.scope(), errors);
        if (b.systemId() == null) {
            errors.put("systemId", "access.grant.error.system");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.grant.error.invalid", errors);
        }
        long id = grants.request(b.systemId(), b.purpose(), scope, instant(b.startsAt()), instant(b.endsAt()));
        return GrantView.of(queries.visible(id, Actor.require()));
    }

    @GetMapping("/grants/{id}")
    GrantView get(@PathVariable long id) {
        return GrantView.of(queries.visible(id, Actor.require()));
    }

    @PostMapping("/grants/{id}/decision")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    @Operation(summary = "The owning unit grants or refuses", description = "`{\"grant\": true|false, \"reason\"}`")
    GrantView decide(@PathVariable long id, @RequestBody(required = false) @Valid GrantDecision body) {
        GrantDecision b = body == null ? new GrantDecision(null, null) : body;
        grants.decide(id, !Boolean.FALSE.equals(b.grant()), b.reason());
        return GrantView.of(queries.visible(id, Actor.require()));
    }

    /** Why a grant is revoked (issue 23 point 8). */
    record Revocation(String reason) {
    }

    @PostMapping("/grants/{id}/revocation")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    @Operation(summary = "The owning unit revokes a grant", description = "`{\"reason\"}` — required (issue 23 point 8): 400 naming `reason` without it")
    GrantView revoke(@PathVariable long id, @RequestBody(required = false) @Valid Revocation body) {
        grants.revoke(id, body == null ? null : body.reason());
        return GrantView.of(queries.visible(id, Actor.require()));
    }

    @GetMapping("/accesses")
    @Operation(summary = "Accesses recorded under grants; `violation` true: without an active grant")
    List<AccessView> accesses() {
        return queries.accesses(Actor.require()).stream().map(AccessView::of).toList();
    }

    @PostMapping("/accesses")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    @Operation(summary = "The provider records an access to a unit's system data",
            description = "`{\"systemId\", \"purpose\": \"VIEW\"|\"COPY\"|\"MODIFY\"|\"MOVE\", \"detail\"}`; without an active grant it is stored "
                    + "as a violation and the supervisor is told at once (A8.1)")
    AccessView record(@RequestBody(required = false) @Valid AccessReport body) {
        AccessReport b = body == null ? new AccessReport(null, null, null) : body;
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Purpose> purpose = purposes(b.purpose(), errors);
        if (b.systemId() == null) {
            errors.put("systemId", "access.grant.error.system");
        }
        if (purpose.size() != 1) {
            errors.put("purpose", "access.grant.error.scope");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.grant.error.invalid", errors);
        }
        return AccessView.of(grants.recordAccess(b.systemId(), purpose.iterator().next(), b.detail()));
    }

    /** Purposes by name, each item possibly "VIEW,COPY"; an unknown one names the scope. */
    static Set<Purpose> purposes(List<String> values, Map<String, String> errors) {
        Set<Purpose> result = EnumSet.noneOf(Purpose.class);
        if (values == null) {
            return result;
        }
        for (String value : values) {
            for (String item : String.valueOf(value).split(",")) {
                try {
                    result.add(Purpose.valueOf(item.strip()));
                } catch (IllegalArgumentException e) {
                    errors.put("scope", "access.grant.error.scope");
                }
            }
        }
        return result;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
