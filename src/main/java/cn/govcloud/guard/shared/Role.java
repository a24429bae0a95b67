package cn.govcloud.guard.shared;

import java.util.EnumSet;
import java.util.Set;

/**
 * Roles of the platform. The first three are the separated administrators a level-3 system
 * needs (三权分立); no user may hold two of them. Each role may only be held by users of the
 * organisation kinds listed.
 */
public enum Role {
    /** Organisations, users, settings. Cannot read the audit log nor grant roles. */
    SYSTEM_ADMIN(true, OrgKind.SUPERVISOR),
    /** Role assignments, security policy, API tokens. Cannot create users. */
    SECURITY_ADMIN(true, OrgKind.SUPERVISOR),
    /** Reads, searches, exports and verifies the audit log; nothing else. */
    AUDIT_ADMIN(true, OrgKind.SUPERVISOR),
    SUPERVISOR(false, OrgKind.SUPERVISOR),
    REGULATOR(false, OrgKind.REGULATOR),
    PROVIDER_OPERATOR(false, OrgKind.PROVIDER),
    UNIT_SECURITY_OFFICER(false, OrgKind.UNIT),
    UNIT_STAFF(false, OrgKind.UNIT),
    /**
     * 保密审查员 (issue 22 point 3, A2): reads every system's 非涉密 declaration and its 关基 / 非涉密 flags city-wide, and
     * nothing else. A business role (not one of the separated administrators), held at the big-data centre or a regulator
     * (e.g. 市委保密机要局).
     */
    SECRECY_REVIEWER(false, OrgKind.REGULATOR, OrgKind.SUPERVISOR);

    private final boolean separatedAdministrator;
    private final Set<OrgKind> allowedKinds;

    Role(boolean separatedAdministrator, OrgKind first, OrgKind... more) {
        this.separatedAdministrator = separatedAdministrator;
        this.allowedKinds = EnumSet.of(first, more);
    }

    public boolean isSeparatedAdministrator() {
        return separatedAdministrator;
    }

    public boolean allowedFor(OrgKind kind) {
        return allowedKinds.contains(kind);
    }

    /** The Spring Security authority name, e.g. {@code ROLE_AUDIT_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static final Set<Role> UNIT_ROLES = EnumSet.of(UNIT_SECURITY_OFFICER, UNIT_STAFF);
}
