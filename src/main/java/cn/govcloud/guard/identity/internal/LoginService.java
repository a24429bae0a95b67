package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.identity.SecurityPolicy;
import cn.govcloud.guard.identity.internal.UserAccounts.Credentials;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.DemoSettings;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Password, lockout and second-factor checks shared by the form login and the API login, so both
 * answer alike: the same failure for an unknown user and a wrong password, a lock after the
 * policy's number of failures, and every attempt audited with the username tried.
 */
@Service
class LoginService {
    static final String TOTP_CONTEXT = "identity_user.totp";
    // Compared against when the username is unknown, so both failures cost the same time.
    private final String dummyHash;

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final FieldEncryption fields;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean demoMode;
    private final LoginThrottle throttle;

    LoginService(UserAccounts accounts, PasswordEncoder encoder, FieldEncryption fields, AuditLog audit, Clock clock,
                 DemoSettings demo, LoginThrottle throttle) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.encoder = encoder;
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
        this.demoMode = demo.enabled();
        this.dummyHash = encoder.encode("dummy-password-for-timing");
    }

    sealed interface Outcome {
    }

    /** Signed in; {@code pending} names a step the person must take before anything else, if any. */
    record Success(Actor actor, PendingStep pending, Duration sessionTimeout) implements Outcome {
    }

    record Invalid() implements Outcome {
    }

    record Locked(Instant until) implements Outcome {
    }

    /** Too many failures from this source address, whatever the usernames: try again after {@code until}. */
    record Throttled(Instant until) implements Outcome {
    }

    /** Password right, but the account has a second factor and no valid code came with it. */
    record SecondFactorRequired() implements Outcome {
    }

    enum PendingStep { NONE, CHANGE_PASSWORD, ENROL_SECOND_FACTOR }

    /** Why a 统一身份认证 sign-in was refused; the login page says it in words ({@code /login?sso=…}). */
    enum SsoRefusal {
        /** No account has the mapped value as its username (accounts are never created by a sign-in). */
        UNKNOWN,
        /** The three separated administrators sign in locally only, with their second factor. */
        ADMINISTRATOR,
        /** The account is disabled or locked by an administrator. */
        DISABLED,
        /** Too many failed logins from this source address. */
        THROTTLED,
        /** The identity provider did not confirm the sign-in (ticket or code refused, state lost, cancelled …). */
        FAILED,
        /** The identity provider cannot be reached or its configuration cannot be read. */
        UNAVAILABLE
    }

    /** 统一身份认证 refused the sign-in; nothing was signed in. */
    record SsoRefused(SsoRefusal reason) implements Outcome {
    }

    boolean secondFactorRequired() {
        return !demoMode;
    }

    /**
     * Unknown and known usernames go through the same steps and the same counters (issue 20 point 9),
     * so no answer — 401, or 423 after the policy's failures — tells whether an account exists.
     */
    Outcome login(String username, String password, String otp, String source) {
        Instant now = clock.instant();
        String tried = username == null ? "" : username.strip();
        String from = source == null ? "" : source;
        Instant sourceBlocked = throttle.sourceBlockedUntil(from);
        if (sourceBlocked != null) {
            return fail(tried, source, "too many failed logins from " + from + " until " + sourceBlocked, new Throttled(sourceBlocked));
        }
        SecurityPolicy policy = accounts.policy();
        Instant locked = throttle.accountBlockedUntil(tried, from, policy.maxFailures(), policy.lockoutMinutes());
        if (locked != null) {
            return fail(tried, source, "locked from " + from + " until " + locked, new Locked(locked));
        }
        Optional<Credentials> found = tried.isEmpty() || tried.length() > 64 ? Optional.empty() : accounts.credentials(tried);
        if (found.isEmpty()) {
            encoder.matches(password == null ? "" : password, dummyHash);
            return failed(tried, null, from, policy, "unknown user");
        }
        Credentials user = found.get();
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            // an administrator's lock (not the failure count): the same answer as any lock
            return fail(tried, source, "account locked until " + user.lockedUntil(), new Locked(user.lockedUntil()));
        }
        if (password == null || !encoder.matches(password, user.passwordHash()) || !user.enabled()) {
            return failed(tried, user, from, policy, user.enabled() ? "wrong password" : "account disabled");
        }
        if (user.totpEnabled()) {
            String secret = fields.open(TOTP_CONTEXT, user.totpSecretSealed());
            long step = Totp.matchingStep(secret, otp, now);
            if (step < 0 || !accounts.consumeTotpStep(user.id(), step)) {
                // the right password alone counts as a failure too, and is audited: it tells someone holds the password
                Outcome outcome = failed(tried, user, from, policy, otp != null && !otp.isBlank() ? "wrong second-factor code"
                        : "correct password without the second factor");
                return outcome instanceof Locked ? outcome : new SecondFactorRequired();
            }
        }
        throttle.succeeded(tried, from);
        accounts.recordSuccess(user.id(), now);
        PendingStep pending = PendingStep.NONE;
        if (passwordExpired(user, policy, now)) {
            pending = PendingStep.CHANGE_PASSWORD;
        } else if (!user.totpEnabled() && secondFactorRequired()) {
            pending = PendingStep.ENROL_SECOND_FACTOR;
        }
        audit.record(AuditEvent.of("auth.login", "user:" + user.id(), AuditResult.SUCCESS,
                pending == PendingStep.NONE ? null : "pending: " + pending).by(user.username(), user.orgName()).from(source));
        Set<Role> roles = pending == PendingStep.NONE ? accounts.rolesOf(user.id()) : Set.of();
        return new Success(actorOf(user, roles), pending, Duration.ofMinutes(policy.sessionTimeoutMinutes()));
    }

    /**
     * A sign-in through 统一身份认证 (issue 21 point 1): the identity provider has authenticated the person and
     * {@code value} is the configured claim (OIDC) or attribute (CAS) it sent; it must equal an existing account's
     * username. No account is ever created, no separated administrator signs in this way (they keep the local login
     * with their second factor), a disabled or locked account is refused. The local password and second factor are
     * not asked for (the city's identity platform did the authentication), so no pending step either. Audited like a
     * local login — who, through which provider, which claim value — and every refusal too.
     *
     * @param via   the provider, e.g. {@code OIDC https://idp.example.gov.cn}
     * @param claim the claim or attribute the value came from
     */
    Outcome ssoLogin(String via, String claim, String value, String source) {
        Instant now = clock.instant();
        String from = source == null ? "" : source;
        String claimed = value == null ? "" : value.strip();
        String how = "统一身份认证 " + via + ", " + claim + "=" + claimed;
        Instant sourceBlocked = throttle.sourceBlockedUntil(from);
        if (sourceBlocked != null) {
            return fail(claimed, source, how + ": too many failed logins from " + from + " until " + sourceBlocked,
                    new SsoRefused(SsoRefusal.THROTTLED));
        }
        Optional<Credentials> found = claimed.isEmpty() || claimed.length() > 64 ? Optional.empty() : accounts.credentials(claimed);
        if (found.isEmpty()) {
            return fail(claimed, source, how + ": no account has this username", new SsoRefused(SsoRefusal.UNKNOWN));
        }
        Credentials user = found.get();
        Set<Role> roles = accounts.rolesOf(user.id());
        if (roles.stream().anyMatch(Role::isSeparatedAdministrator)) {
            return fail(user.username(), source, how + ": administrators sign in locally only",
                    new SsoRefused(SsoRefusal.ADMINISTRATOR));
        }
        if (!user.enabled()) {
            return fail(user.username(), source, how + ": account disabled", new SsoRefused(SsoRefusal.DISABLED));
        }
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            return fail(user.username(), source, how + ": account locked until " + user.lockedUntil(),
                    new SsoRefused(SsoRefusal.DISABLED));
        }
        accounts.recordSuccess(user.id(), now);
        audit.record(AuditEvent.of("auth.login", "user:" + user.id(), AuditResult.SUCCESS, how)
                .by(user.username(), user.orgName()).from(source));
        return new Success(actorOf(user, roles), PendingStep.NONE, Duration.ofMinutes(accounts.policy().sessionTimeoutMinutes()));
    }

    /** A 统一身份认证 sign-in that went wrong before any account was looked at: audited, nobody signed in. */
    Outcome ssoFailed(String via, String why, SsoRefusal reason, String source) {
        return fail("", source, "统一身份认证 " + via + ": " + why, new SsoRefused(reason));
    }

    static Actor actorOf(Credentials user, Set<Role> roles) {
        return new Actor(user.id(), user.username(), user.displayName(), user.orgId(), user.orgName(), user.orgKind(),
                roles, Set.of(), false);
    }

    private boolean passwordExpired(Credentials user, SecurityPolicy policy, Instant now) {
        if (user.passwordChangedAt() == null) {
            return true; // set by an administrator: the person chooses their own first
        }
        return policy.expiryDays() > 0 && user.passwordChangedAt().plus(Duration.ofDays(policy.expiryDays())).isBefore(now);
    }

    /** Counts a failure for the name from this source and audits it; the policy's count-th locks the name from there. */
    private Outcome failed(String tried, Credentials user, String from, SecurityPolicy policy, String why) {
        Instant lockedUntil = throttle.failed(tried, from, policy.maxFailures(), policy.lockoutMinutes());
        if (lockedUntil != null) {
            audit.record(AuditEvent.of("auth.lockout", "user:" + (user == null ? tried : user.id()), AuditResult.FAILURE,
                    why + "; locked from " + from + " after " + policy.maxFailures() + " failures until " + lockedUntil)
                    .by(tried, user == null ? null : user.orgName()).from(from));
            return new Locked(lockedUntil);
        }
        return fail(tried, from, why, new Invalid());
    }

    private Outcome fail(String tried, String source, String why, Outcome outcome) {
        audit.record(AuditEvent.of("auth.login", "user:" + tried, AuditResult.FAILURE, why).by(tried, null).from(source));
        return outcome;
    }
}
