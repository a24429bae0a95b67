package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.identity.ApiTokens;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.IdentityManagement.NewUser;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.IdentityManagement.UserView;
import cn.govcloud.guard.identity.SecurityPolicy;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organisations, users, roles, the security policy and API tokens over the API. Who may do what
 * follows the separation of administrators: the system administrator manages organisations and
 * users, the security administrator roles, policy and tokens; reading is scoped by organisation (A4).
 */
@RestController
@RequestMapping("/api/v1")
class IdentityApiController {
    private final IdentityManagement identity;
    private final ApiTokens tokens;

    IdentityApiController(IdentityManagement identity, ApiTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    record NewOrganisation(@NotNull @Size(max = 200) String name, @NotNull OrgKind kind) {
    }

    @GetMapping("/organisations")
    @Allow({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
            Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF})
    List<OrganisationView> organisations() {
        return identity.organisations();
    }

    @GetMapping("/organisations/{id}")
    @Allow({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR,
            Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF})
    OrganisationView organisation(@PathVariable long id) {
        return identity.organisation(id).orElseThrow(() -> new NotFound("organisation " + id));
    }

    @PostMapping("/organisations")
    @ResponseStatus(HttpStatus.CREATED)
    @Allow(Role.SYSTEM_ADMIN)
    OrganisationView createOrganisation(@RequestBody @Valid NewOrganisation body) {
        long id = identity.createOrganisation(body.name(), body.kind());
        return identity.organisation(id).orElseThrow();
    }

    @GetMapping("/users")
    @Allow({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.SUPERVISOR, Role.UNIT_SECURITY_OFFICER})
    List<UserView> users() {
        return identity.users();
    }

    @GetMapping("/users/{id}")
    @Allow({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.SUPERVISOR, Role.UNIT_SECURITY_OFFICER})
    UserView user(@PathVariable long id) {
        return identity.user(id).orElseThrow(() -> new NotFound("user " + id));
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Allow(Role.SYSTEM_ADMIN)
    UserView createUser(@RequestBody @Valid NewUser body) {
        long id = identity.createUser(body);
        return identity.user(id).orElseThrow();
    }

    record Roles(@NotNull Set<Role> roles) {
    }

    @PutMapping("/users/{id}/roles")
    @Allow(Role.SECURITY_ADMIN)
    UserView assignRoles(@PathVariable long id, @RequestBody @Valid Roles body) {
        identity.assignRoles(id, body.roles());
        return identity.user(id).orElseThrow();
    }

    record Enabled(boolean enabled) {
    }

    @PutMapping("/users/{id}/enabled")
    @Allow(Role.SYSTEM_ADMIN)
    UserView setEnabled(@PathVariable long id, @RequestBody Enabled body) {
        identity.setEnabled(id, body.enabled());
        return identity.user(id).orElseThrow();
    }

    @PostMapping("/users/{id}/mobile/reveal")
    @Allow(Role.SYSTEM_ADMIN)
    RevealedMobile revealMobile(@PathVariable long id) {
        return new RevealedMobile(identity.revealMobile(id));
    }

    /** The whole mobile number, revealed on purpose and audited. */
    record RevealedMobile(String mobile) {
    }

    @GetMapping("/security-policy")
    @Allow({Role.SECURITY_ADMIN, Role.SYSTEM_ADMIN})
    SecurityPolicy policy() {
        return identity.policy();
    }

    @PutMapping("/security-policy")
    @Allow(Role.SECURITY_ADMIN)
    SecurityPolicy updatePolicy(@RequestBody @NotNull SecurityPolicy body) {
        identity.updatePolicy(body);
        return identity.policy();
    }

    record NewToken(@NotNull @Size(max = 100) String name, long orgId, @NotNull Set<String> scopes, @NotNull Instant expiresAt) {
    }

    /** The security administrator's tokens, and the audit administrator's audit:read tokens (三权分立). */
    @GetMapping("/api-tokens")
    @Allow({Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
    List<ApiTokens.View> apiTokens() {
        boolean auditAdmin = cn.govcloud.guard.shared.Actor.require().has(Role.AUDIT_ADMIN);
        return tokens.list().stream().filter(t -> t.scopes().stream().anyMatch(s -> s.startsWith("audit:")) == auditAdmin).toList();
    }

    @PostMapping("/api-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Allow({Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
    ApiTokens.Issued createApiToken(@RequestBody @Valid NewToken body) {
        return tokens.create(body.name(), body.orgId(), body.scopes(), body.expiresAt());
    }

    @DeleteMapping("/api-tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allow({Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
    void revokeApiToken(@PathVariable long id) {
        tokens.revoke(id);
    }
}
