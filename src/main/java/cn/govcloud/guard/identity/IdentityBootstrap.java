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

    /**
     * Runs start-up work (the demo city, a migration) as the named account, so it goes through the
     * same checks and the same audit as that person's own clicks. Never call it from a request.
     */
    void runAs(String username, Runnable work);

    /** Demo mode only: sets a demo account's password as chosen (not expired). */
    void setDemoPassword(String username, String password);
}
