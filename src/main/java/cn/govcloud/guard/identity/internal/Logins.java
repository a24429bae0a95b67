package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.shared.Actor;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The API login's view of {@link LoginService} and {@link TokenService}: what {@code identity.web}
 * needs, without opening the services themselves.
 */
@Component
public class Logins {
    private final LoginService logins;
    private final TokenService tokens;
    private final AccountService account;

    Logins(LoginService logins, TokenService tokens, AccountService account) {
        this.logins = logins;
        this.tokens = tokens;
        this.account = account;
    }

    public sealed interface ApiLogin {
    }

    public record Token(String token, Instant expiresAt) implements ApiLogin {
    }

    public record Refused(int status, String detail, Instant unlocksAt, boolean otpRequired) implements ApiLogin {
    }

    public ApiLogin apiLogin(String username, String password, String otp, String source) {
        LoginService.Outcome outcome = logins.login(username, password, otp, source);
        if (outcome instanceof LoginService.Success s) {
            if (s.pending() == LoginService.PendingStep.NONE) {
                var t = tokens.issueSession(s.actor(), s.sessionTimeout());
                return new Token(t.secret(), t.expiresAt());
            }
            return new Refused(403, s.pending() == LoginService.PendingStep.CHANGE_PASSWORD
                    ? "The password has expired: sign in to the web UI and choose a new one first."
                    : "A second factor is required: sign in to the web UI and enrol it first.", null, false);
        }
        if (outcome instanceof LoginService.Locked l) {
            return new Refused(423, "The account is locked after repeated failures; it unlocks at " + l.until() + ".", l.until(), false);
        }
        if (outcome instanceof LoginService.Throttled t) {
            return new Refused(429, "Too many failed logins from this address; try again after " + t.until() + ".", t.until(), false);
        }
        if (outcome instanceof LoginService.SecondFactorRequired) {
            return new Refused(401, "Username, password or second-factor code is wrong.", null, true);
        }
        return new Refused(401, "Username or password is wrong.", null, false);
    }

    public void apiLogout(String token) {
        tokens.revokeSession(token);
    }

    public void changePassword(Actor actor, String current, String next) {
        account.changePassword(actor.userId(), current, next);
    }

    public String newTotpSecret() {
        return account.newTotpSecret();
    }

    public String qrSvg(Actor actor, String secret) {
        return account.qrSvg(actor.username(), secret);
    }

    public void confirmTotp(Actor actor, String secret, String code) {
        account.confirmTotp(actor.userId(), secret, code);
    }

    /**
     * After a pending step is done: the full authentication with the person's roles, unless the
     * second factor still has to be enrolled (a changed expired password must not skip it).
     */
    public org.springframework.security.core.Authentication refreshed(Actor actor) {
        if (logins.secondFactorRequired() && !account.hasSecondFactor(actor.userId())) {
            return FormLogin.authenticated(account.actorWithoutRoles(actor.userId()), LoginService.PendingStep.ENROL_SECOND_FACTOR, null);
        }
        return FormLogin.authenticated(account.actorAfterPendingStep(actor.userId()), LoginService.PendingStep.NONE, null);
    }

    /** Whether the session still waits for a step (expired password, second factor) before anything else. */
    public static boolean pending(org.springframework.security.core.Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().startsWith("PENDING_"));
    }

    public boolean secondFactorRequired() {
        return logins.secondFactorRequired();
    }
}
