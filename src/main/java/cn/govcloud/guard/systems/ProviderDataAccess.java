package cn.govcloud.guard.systems;

/**
 * A8.1: the provider reads a unit's system only under the unit's grant. The access module
 * implements this (systems does not depend on it); without an implementation the provider reads nothing.
 */
public interface ProviderDataAccess {

    /**
     * Whether the provider organisation may view the system's data now; an allowed read is recorded
     * under the grant by the implementation.
     */
    boolean authoriseView(long providerOrgId, String username, long systemId);
}
