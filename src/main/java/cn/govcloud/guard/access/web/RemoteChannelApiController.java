package cn.govcloud.guard.access.web;

import org.springdoc.core.annotations.ParameterObject;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.access.Channels.NewChannel;
import cn.govcloud.guard.access.internal.Channel;
import cn.govcloud.guard.access.internal.Channel.Approver;
import cn.govcloud.guard.access.internal.ChannelDecisions;
import cn.govcloud.guard.access.internal.ChannelGateway;
import cn.govcloud.guard.access.internal.ChannelGateway.Verification;
import cn.govcloud.guard.access.internal.ChannelQueries;
import cn.govcloud.guard.access.internal.ChannelRequests;
import cn.govcloud.guard.access.internal.ChannelUse;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.access.web.ChannelDto.Allowed;
import cn.govcloud.guard.access.web.ChannelDto.ChannelView;
import cn.govcloud.guard.access.web.ChannelDto.ChannelWithApprover;
import cn.govcloud.guard.access.web.ChannelDto.Credential;
import cn.govcloud.guard.access.web.ChannelDto.CredentialBody;
import cn.govcloud.guard.access.web.ChannelDto.Decision;
import cn.govcloud.guard.access.web.ChannelDto.GatewayAnswer;
import cn.govcloud.guard.access.web.ChannelDto.NewChannelBody;
import cn.govcloud.guard.access.web.ChannelDto.Refused;
import jakarta.validation.Valid;
import cn.govcloud.guard.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Remote channels over the API (A9.2, A9.3, A5.3). {@code POST /api/v1/channels/verify} is API.md's
 * stable contract for the VPN / zero-trust gateway. The whole flow, in order: {@code POST /api/v1/channels}
 * (unit staff) → {@code POST /{id}/approval} (the unit's security officer, not the requester) →
 * {@code POST /{id}/regulator-decision} (long-term only, the regulator) → {@code POST /{id}/opening}
 * (the provider) → {@code POST /{id}/credential} (the requester, once) → {@code POST /verify}
 * (the gateway, once) → {@code POST /{id}/closure}.
 */
@RestController
@RequestMapping("/api/v1/channels")
@io.swagger.v3.oas.annotations.security.SecurityScheme(name = "bearer", type = io.swagger.v3.oas.annotations.enums.SecuritySchemeType.HTTP,
        scheme = "bearer", description = "A session token from POST /api/v1/auth/login, or an API token (the gateway's carries scope "
        + "`channels:verify`) issued by the security administrator")
@Tag(name = "Remote channels (A9.2, A9.3, A5.3)", description = "Request → unit approval → (long-term: regulator) → provider opens → "
        + "requester sees the single-use credential once → the gateway verifies it once (一次一用、单次有效) → closure.")
@AllowParties
class RemoteChannelApiController {
    private final ChannelQueries channels;
    private final ChannelRequests requests;
    private final ChannelDecisions decisions;
    private final ChannelUse use;
    private final ChannelGateway gateway;

    RemoteChannelApiController(ChannelQueries channels, ChannelRequests requests, ChannelDecisions decisions, ChannelUse use,
                               ChannelGateway gateway) {
        this.channels = channels;
        this.requests = requests;
        this.decisions = decisions;
        this.use = use;
        this.gateway = gateway;
    }

    @PostMapping("/verify")
    @Allow(scopes = "channels:verify")
    @Operation(summary = "The gateway verifies a credential (API.md, stable)", description = """
            Token scope `channels:verify`. Body `{"credential": "ggc_…"}`. The first call inside the channel's window answers \
            `200 {"allow": true, "channelId", "user", "operator", "systemId", "accounts", "startsAt", "endsAt"}` and consumes the \
            credential atomically: of any number of concurrent calls, on any number of platform nodes, exactly one is allowed. \
            Every later call with the same credential, any call outside the window, after closing or with an unknown credential \
            answers `403 {"allow": false, "reason", "rule": "A9.3"}` (一次一用、单次有效). Every answer is audited with the caller's address.""")
    @SecurityRequirement(name = "bearer", scopes = "channels:verify")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The credential the requester typed into the VPN / zero-trust client",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "credential",
                    value = "{\"credential\": \"ggc_3q2-7hV0yQm9cJ4wZp1sX8aLr6tKe5uNbDfGhIjKlMn\"}")))
    @ApiResponse(responseCode = "200", description = "Allowed: the first verification inside the window; the credential is now consumed",
            content = @Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ChannelDto.Allowed.class),
                    examples = @ExampleObject(name = "allowed", value = """
                    {"allow": true, "channelId": 42, "user": "unit1staff", "operator": "杨洋", "systemId": 7, "channelType": "ZERO_TRUST", \
                    "accounts": "appadmin", "startsAt": "2026-11-27T09:00:00+08:00", "endsAt": "2026-11-27T11:00:00+08:00"}""")))
    @ApiResponse(responseCode = "403", description = "Refused (A9.3 一次一用、单次有效): already used, outside the window, closed, or unknown",
            content = @Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ChannelDto.Refused.class),
                    examples = @ExampleObject(name = "refused", value = """
                    {"allow": false, "reason": "凭据已使用，一次一用、单次有效（A9.3） / credential already used", "rule": "A9.3"}""")))
    @ApiResponse(responseCode = "401", description = "No valid gateway token (scope `channels:verify`)")
    ResponseEntity<GatewayAnswer> verify(@RequestBody(required = false) @Valid CredentialBody body, HttpServletRequest request) {
        Verification v = gateway.verify(body == null ? null : body.credential(), request.getRemoteAddr());
        if (v.allow()) {
            Channel c = v.channel();
            return ResponseEntity.ok(new Allowed(true, c.id(), c.requestedBy(), c.operatorName(), c.systemId(), c.channelType(), c.accounts(),
                    c.startsAt(), c.endsAt()));
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new Refused(false, v.reason(), "A9.3"));
    }

    @GetMapping
    @Operation(summary = "Channels the caller may see (the provider: every approved channel; a unit: its own)")
    List<ChannelWithApprover> list(@ParameterObject ListParams params) {
        Actor actor = Actor.require();
        List<Channel> all = Lists.answer(params, params.filter(ChannelQueries.STATES), f -> channels.search(actor, f));
        Map<Long, Approver> approvers = channels.approvers(all);
        return all.stream().map(c -> withApprover(c, approvers.get(c.id()), actor)).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProviderAndUnits
    @Operation(summary = "Request a channel (A9.2); systemId null: the provider's remote operation of the platform (A5.3)", description = """
            `{"systemId", "purpose", "operations", "accounts", "channelType": "VPN"|"ZERO_TRUST", "operatorName", "startsAt", "endsAt", \
            "longTerm": false}`. A window longer than the maximum (8 hours by default) → 409 `A9.2` unless `longTerm` is true, which \
            then needs the network-security regulator's approval (A9.3).""")
    ChannelView create(@RequestBody(required = false) @Valid NewChannelBody body) {
        NewChannelBody b = body == null ? new NewChannelBody(null, null, null, null, null, null, null, null, null) : body;
        long id = requests.request(new NewChannel(b.systemId(), b.purpose(), b.operations(), b.accounts(), b.channelType(), b.operatorName(),
                instant(b.startsAt()), instant(b.endsAt()), Boolean.TRUE.equals(b.longTerm())));
        return view(id);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One channel with its state (REQUESTED, AWAITING_REGULATOR, READY, OPEN, USED, CLOSED, REFUSED, EXPIRED)",
            description = "The credential itself is never part of it; `credentialIssued` and `consumedAt` tell whether it was shown and used.")
    ChannelWithApprover get(@PathVariable long id) {
        Actor actor = Actor.require();
        Channel c = channels.visible(id, actor);
        return withApprover(c, "REQUESTED".equals(c.status()) ? channels.approver(c) : null, actor);
    }

    private ChannelWithApprover withApprover(Channel c, Approver approver, Actor actor) {
        return new ChannelWithApprover(ChannelView.of(c), approver, channels.mayDecide(c, actor, approver));
    }

    @PostMapping("/{id}/approval")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.SUPERVISOR})
    @Operation(summary = "The unit's security officer (A9.2, not the requester) or, for the platform, the supervisor (A5.3) decides",
            description = "`{\"approve\": true|false, \"note\"}`; a refusal needs a note.")
    ChannelView approval(@PathVariable long id, @RequestBody(required = false) @Valid Decision body) {
        Decision b = body == null ? new Decision(null, null, null) : body;
        if (b.approved()) {
            decisions.approve(id, b.note());
        } else {
            decisions.refuse(id, b.note());
        }
        return view(id);
    }

    @PostMapping("/{id}/regulator-decision")
    @Allow(Role.REGULATOR)
    @Operation(summary = "The network-security regulator decides on a long-term channel (A9.3)", description = "`{\"approve\", \"reason\"}`")
    ChannelView regulator(@PathVariable long id, @RequestBody(required = false) @Valid Decision body) {
        Decision b = body == null ? new Decision(null, null, null) : body;
        decisions.regulatorDecide(id, b.approved(), b.reason());
        return view(id);
    }

    @PostMapping("/{id}/opening")
    @AllowProvider
    @Operation(summary = "The provider opens an approved channel (A9.2; long-term after the regulator, A9.3; the platform's after the supervisor, A5.3)")
    ChannelView open(@PathVariable long id) {
        use.open(id);
        return view(id);
    }

    @PostMapping("/{id}/credential")
    @AllowProviderAndUnits
    @Operation(summary = "The requester receives the single-use credential — once (A9.3)", description = """
            `200 {"credential": "ggc_…", "endsAt"}` the first time (256 random bits; the platform keeps only its HMAC-SM3); \
            every later call → 409 `A9.3`. Hand it to the gateway client; it works for one verification inside the window.""")
    Credential credential(@PathVariable long id) {
        String secret = use.revealCredential(id);
        Channel c = channels.visible(id, Actor.require());
        return new Credential(id, secret, c.startsAt(), c.endsAt());
    }

    /** Why a channel is closed (issue 23 point 8). */
    record Closure(String reason) {
    }

    @PostMapping("/{id}/closure")
    @AllowProviderAndUnits
    @Operation(summary = "Close a channel (the provider or the requesting organisation); the credential stops working",
            description = "`{\"reason\"}` — required (issue 23 point 8): 400 naming `reason` without it")
    ChannelView close(@PathVariable long id, @org.springframework.web.bind.annotation.RequestBody(required = false) Closure body) {
        use.close(id, body == null ? null : body.reason());
        return view(id);
    }

    private ChannelView view(long id) {
        return ChannelView.of(channels.visible(id, Actor.require()));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
