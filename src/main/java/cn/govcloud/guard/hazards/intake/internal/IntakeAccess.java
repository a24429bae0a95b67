package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what in the intake (A4, A10.1). The supervisor and the regulators see everything; the
 * provider sees all intake too, because these are the platform's own 7×24 monitoring and scan
 * results, which it runs and must triage (A10.1) — not a unit's business data; a unit sees only the
 * findings and alerts matched to its own systems (the rows carry the system's {@code org_id}).
 */
final class IntakeAccess {
    private IntakeAccess() {
    }

    /** The intake's read scope: {@link OrgScope} widened to everything for the provider (see the class comment). */
    static OrgScope scope(Actor actor) {
        return actor.orgKind() == OrgKind.PROVIDER ? new OrgScope(true, 0) : OrgScope.of(actor);
    }

    static void requireImporter(Actor actor, String scope) {
        if (!(actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.SUPERVISOR) || actor.scopes().contains(scope))) {
            throw new AccessDeniedException("only the provider, the supervisor or a token with " + scope + " feeds the intake");
        }
    }

    static void requireAlertWriter(Actor actor) {
        if (!(actor.has(Role.PROVIDER_OPERATOR) || actor.scopes().contains("alerts:write"))) {
            throw new AccessDeniedException("only the provider's monitoring (or a token with alerts:write) pushes alerts");
        }
    }

    static void requireTriager(Actor actor) {
        if (!mayTriage(actor)) {
            throw new AccessDeniedException("only the provider or the supervisor triages and raises hazards");
        }
    }

    static boolean mayTriage(Actor actor) {
        return actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.SUPERVISOR);
    }

    /** Imports are the provider's and the supervisor's work records; regulators read them too. */
    static void requireImportReader(Actor actor) {
        if (!(actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR || actor.orgKind() == OrgKind.PROVIDER)) {
            throw new AccessDeniedException("imports are the provider's and the supervisor's records");
        }
    }
}
