package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.UserSearch;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.Masking;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.identity.SecurityPolicy;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organisations, users, roles and the security policy, with the separation of administrators enforced here. */
@Service
class IdentityService implements IdentityManagement, OrganisationDirectory, UserSearch {
    static final String MOBILE_CONTEXT = "identity_user.mobile";
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9._-]{2,63}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final FieldEncryption fields;
    private final AuditLog audit;
    private final Clock clock;

    IdentityService(UserAccounts accounts, PasswordEncoder encoder, FieldEncryption fields, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public long createOrganisation(String name, OrgKind kind) {
        requireRole(Role.SYSTEM_ADMIN);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new InvalidInput("organisation name is required (at most 200 characters)", Map.of("name", "required, at most 200 characters"));
        }
        if (kind == null) {
            throw new InvalidInput("organisation kind is required", Map.of("kind", "required"));
        }
        if (accounts.organisationNameTaken(trimmed)) {
            throw new InvalidInput("an organisation with this name exists", Map.of("name", "already exists"));
        }
        long id = accounts.insertOrganisation(trimmed, kind, clock.instant());
        audit.record(AuditEvent.success("identity.organisation.create", "organisation:" + id, kind + " " + trimmed));
        return id;
    }

    @Override
    @Transactional
    public long createUser(NewUser user) {
        requireRole(Role.SYSTEM_ADMIN);
        Map<String, String> errors = new LinkedHashMap<>();
        if (user.username() == null || !USERNAME.matcher(user.username()).matches()) {
            errors.put("username", "3–64 letters, digits, '.', '_' or '-', starting with a letter");
        } else if (accounts.usernameTaken(user.username())) {
            errors.put("username", "already taken");
        }
        String displayName = user.displayName() == null ? "" : user.displayName().strip();
        if (displayName.isEmpty() || displayName.length() > 100) {
            errors.put("displayName", "required, at most 100 characters");
        }
        if (accounts.organisationKind(user.orgId()).isEmpty()) {
            errors.put("orgId", "no such organisation");
        }
        String mobile = user.mobile() == null || user.mobile().isBlank() ? null : user.mobile().strip();
        if (mobile != null && !MOBILE.matcher(mobile).matches()) {
            errors.put("mobile", "an 11-digit mainland mobile number");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("the user cannot be created", errors);
        }
        PasswordRules.check(accounts.policy(), user.username(), user.initialPassword(), List.of(), encoder);
        // The initial password is set by an administrator, so it counts as expired: the person
        // chooses their own at first login (password_changed_at null).
        long id = accounts.insertUser(user.username(), displayName, user.orgId(),
                mobile == null ? null : fields.seal(MOBILE_CONTEXT, mobile), mobile == null ? null : Masking.mobile(mobile),
                encoder.encode(user.initialPassword()), null, clock.instant());
        audit.record(AuditEvent.success("identity.user.create", "user:" + id, user.username() + " in organisation " + user.orgId()));
        return id;
    }

    @Override
    @Transactional
    public void assignRoles(long userId, Set<Role> roles) {
        requireRole(Role.SECURITY_ADMIN);
        UserView user = accounts.user(userId, OrgScope.of(Actor.require())).orElseThrow(() -> new NotFound("user " + userId));
        for (Role role : roles) {
            if (!role.allowedFor(user.orgKind())) {
                throw new RuleViolation("A3", "role " + role + " cannot be held by a user of a " + user.orgKind() + " organisation");
            }
        }
        // 三权分立 (GB/T 22239 §8.1.4, issue 20 point 8): an administrator role is held alone, never beside another role
        if (roles.size() > 1 && roles.stream().anyMatch(Role::isSeparatedAdministrator)) {
            throw new RuleViolation("三权分立", "the system, security and audit administrator roles are each held alone: "
                    + "no administrator role can be combined with any other role");
        }
        if (userId == Actor.require().userId() && !roles.contains(Role.SECURITY_ADMIN)) {
            throw new RuleViolation("三权分立", "a security administrator cannot remove their own role");
        }
        for (Role held : user.roles()) {
            if (held.isSeparatedAdministrator() && !roles.contains(held) && user.enabled() && accounts.activeHolders(held) <= 1) {
                throw new RuleViolation("三权分立", "user " + user.username() + " is the last active " + held
                        + "; appoint another one first");
            }
        }
        accounts.replaceRoles(userId, roles);
        audit.record(AuditEvent.success("identity.user.roles", "user:" + userId, "roles " + user.roles() + " -> " + roles));
    }

    @Override
    @Transactional
    public void setEnabled(long userId, boolean enabled) {
        requireRole(Role.SYSTEM_ADMIN);
        accounts.user(userId, OrgScope.of(Actor.require())).orElseThrow(() -> new NotFound("user " + userId));
        if (userId == Actor.require().userId()) {
            throw new InvalidInput("you cannot disable your own account");
        }
        if (!enabled) {
            UserView user = accounts.user(userId, OrgScope.of(Actor.require())).orElseThrow();
            for (Role held : user.roles()) {
                if (held.isSeparatedAdministrator() && user.enabled() && accounts.activeHolders(held) <= 1) {
                    throw new RuleViolation("三权分立", "user " + user.username() + " is the last active " + held
                            + "; the platform would be left without one");
                }
            }
        }
        accounts.setEnabled(userId, enabled);
        audit.record(AuditEvent.success(enabled ? "identity.user.enable" : "identity.user.disable", "user:" + userId, null));
    }

    @Override
    public String revealMobile(long userId) {
        requireRole(Role.SYSTEM_ADMIN);
        accounts.user(userId, OrgScope.of(Actor.require())).orElseThrow(() -> new NotFound("user " + userId));
        String mobile = accounts.mobileSealed(userId).map(s -> fields.open(MOBILE_CONTEXT, s)).orElse(null);
        audit.record(AuditEvent.success("identity.user.mobile.view", "user:" + userId, "full mobile number shown"));
        return mobile;
    }

    @Override
    public SecurityPolicy policy() {
        return accounts.policy();
    }

    @Override
    @Transactional
    public void updatePolicy(SecurityPolicy policy) {
        requireRole(Role.SECURITY_ADMIN);
        SecurityPolicy before = accounts.policy();
        accounts.updatePolicy(policy.validated(), Actor.require().username(), clock.instant());
        audit.record(AuditEvent.success("identity.policy.update", "security-policy", before + " -> " + policy));
    }

    @Override
    public List<OrganisationView> organisations() {
        return accounts.organisations(OrgScope.current());
    }

    @Override
    public List<OrganisationView> all() {
        return accounts.organisations(new OrgScope(true, 0));
    }

    @Override
    public int holders(long orgId, cn.govcloud.guard.shared.Role role, long exceptUserId) {
        return accounts.holders(orgId, role.name(), exceptUserId);
    }

    @Override
    public Optional<OrganisationView> organisation(long id) {
        return organisations().stream().filter(o -> o.id() == id).findFirst();
    }

    @Override
    public List<UserView> users() {
        return accounts.users(OrgScope.current());
    }

    @Override
    @Transactional(readOnly = true)
    public Page<UserView> users(ListFilter filter) {
        return accounts.search(OrgScope.current(), filter, clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public Page<OrganisationView> organisations(ListFilter filter, OrgKind kind) {
        return accounts.searchOrganisations(OrgScope.current(), filter, kind);
    }

    @Override
    public Optional<UserView> user(long id) {
        return accounts.user(id, OrgScope.current());
    }

    private static void requireRole(Role role) {
        if (!Actor.require().has(role)) {
            throw new AccessDeniedException("requires " + role);
        }
    }
}
