package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.identity.internal.UserAccounts.Credentials;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.DemoSettings;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's own account: changing the password and enrolling the second factor; and the bootstrap of an empty platform. */
@Service
class AccountService implements IdentityBootstrap {
    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final FieldEncryption fields;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean demoMode;

    AccountService(UserAccounts accounts, PasswordEncoder encoder, FieldEncryption fields, AuditLog audit, Clock clock,
                   DemoSettings demo) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
        this.demoMode = demo.enabled();
    }

    @Transactional
    void changePassword(long userId, String current, String next) {
        Credentials user = accounts.credentials(userId).orElseThrow();
        if (current == null || !encoder.matches(current, user.passwordHash())) {
            audit.record(AuditEvent.of("identity.password.change", "user:" + userId, cn.govcloud.guard.audit.AuditResult.FAILURE, "current password wrong"));
            throw new InvalidInput("the current password is wrong", Map.of("current", "wrong"));
        }
        PasswordRules.check(accounts.policy(), user.username(), next, accounts.passwordHistory(userId), encoder);
        accounts.changePassword(userId, encoder.encode(next), clock.instant());
        audit.record(AuditEvent.success("identity.password.change", "user:" + userId, null));
    }

    /** A fresh secret for enrolment; it only takes effect once a code from it is confirmed. */
    String newTotpSecret() {
        return Totp.newSecret();
    }

    String qrSvg(String username, String secret) {
        return QrCodes.svg(Totp.otpauthUri("govcloud-guard", username, secret));
    }

    @Transactional
    void confirmTotp(long userId, String secret, String code) {
        long step = Totp.matchingStep(secret, code, clock.instant());
        if (step < 0) {
            audit.record(AuditEvent.of("identity.totp.enrol", "user:" + userId, cn.govcloud.guard.audit.AuditResult.FAILURE, "wrong code"));
            throw new InvalidInput("the code does not match; check the phone's clock and try the next code", Map.of("code", "does not match"));
        }
        accounts.setTotp(userId, fields.seal(LoginService.TOTP_CONTEXT, secret), true);
        accounts.consumeTotpStep(userId, step);
        audit.record(AuditEvent.success("identity.totp.enrol", "user:" + userId, null));
    }

    Set<Role> rolesOf(long userId) {
        return accounts.rolesOf(userId);
    }

    boolean hasSecondFactor(long userId) {
        return accounts.credentials(userId).orElseThrow().totpEnabled();
    }

    Actor actorWithoutRoles(long userId) {
        return LoginService.actorOf(accounts.credentials(userId).orElseThrow(), Set.of());
    }

    Actor actorAfterPendingStep(long userId) {
        return LoginService.actorOf(accounts.credentials(userId).orElseThrow(), accounts.rolesOf(userId));
    }

    @Override
    public boolean hasUsers() {
        return accounts.countAllUsers() > 0;
    }

    @Override
    @Transactional
    public void createSeparatedAdministrators(String supervisorName, String password, boolean passwordFinal) {
        if (hasUsers()) {
            throw new IllegalStateException("the platform already has users; bootstrap runs on an empty platform only");
        }
        Instant now = clock.instant();
        long org = accounts.insertOrganisation(supervisorName, OrgKind.SUPERVISOR, now);
        PasswordRules.check(accounts.policy(), null, password, java.util.List.of(), encoder);
        String[][] admins = {{"sysadmin", "系统管理员", "SYSTEM_ADMIN"}, {"secadmin", "安全管理员", "SECURITY_ADMIN"},
                {"auditor", "审计管理员", "AUDIT_ADMIN"}};
        for (String[] a : admins) {
            long id = accounts.insertUser(a[0], a[1], org, null, null, encoder.encode(password), passwordFinal ? now : null, now);
            accounts.replaceRoles(id, Set.of(Role.valueOf(a[2])));
            audit.record(AuditEvent.success("identity.bootstrap.admin", "user:" + id, a[0] + " " + a[2]).by("system", supervisorName));
        }
    }

    @Override
    public void runAs(String username, Runnable work) {
        Credentials user = accounts.credentials(username).orElseThrow(() -> new IllegalArgumentException("no user " + username));
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext();
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(FormLogin.authenticated(LoginService.actorOf(user, accounts.rolesOf(user.id())),
                LoginService.PendingStep.NONE, null));
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContext(previous);
        }
    }

    @Override
    @Transactional
    public void setDemoPassword(String username, String password) {
        if (!demoMode) {
            throw new IllegalStateException("demo passwords exist in demo mode only");
        }
        Credentials user = accounts.credentials(username).orElseThrow();
        if (!encoder.matches(password, user.passwordHash()) || user.passwordChangedAt() == null) {
            accounts.changePassword(user.id(), encoder.encode(password), clock.instant());
            audit.record(AuditEvent.success("identity.demo.password", "user:" + user.id(), null).by("system", null));
        }
    }
}
