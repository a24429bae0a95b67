package cn.govcloud.guard.web.home;

import cn.govcloud.guard.shared.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * What each role's home shows. Oversight roles (supervisor, regulator, the audit administrator) get
 * the platform's figures as a chart; the others get the figures of their own work only.
 */
record RoleHome(Set<Figure> figures, boolean chart) {

    static RoleHome of(Role role) {
        return switch (role) {
            case SYSTEM_ADMIN -> new RoleHome(EnumSet.of(Figure.ORGANISATIONS, Figure.USERS), false);
            case SECURITY_ADMIN -> new RoleHome(EnumSet.of(Figure.USERS), false);
            case AUDIT_ADMIN, SUPERVISOR, REGULATOR -> new RoleHome(EnumSet.allOf(Figure.class), true);
            // issue 23 point 7: a unit's (and the provider's) home shows its own work (systems, duties, hazards), not a count of users
            case PROVIDER_OPERATOR, UNIT_SECURITY_OFFICER, UNIT_STAFF -> new RoleHome(EnumSet.noneOf(Figure.class), false);
            // issue 22 point 3: the 保密 reviewer reads the classification flags only, no platform figures
            case SECRECY_REVIEWER -> new RoleHome(EnumSet.noneOf(Figure.class), false);
        };
    }
}
