package cn.govcloud.guard.identity;

/**
 * The first accounts of an empty platform. Only the three separated administrators can be
 * created this way, and only while no user exists; everything after goes through
 * {@link IdentityManagement} as the administrators themselves.
 */
public interface IdentityBootstrap {

    boolean hasUsers();

    /**
     * Creates the supervisor organisation and {@code sysadmin}, {@code secadmin}, {@code auditor}.
     * In production their password counts as expired, so each chooses their own at first login.
     */
    void createSeparatedAdministrators(String supervisorName, String password, boolean passwordFinal);

    /** Demo mode only: sets a demo account's password as chosen (not expired). */
    void setDemoPassword(String username, String password);
}
