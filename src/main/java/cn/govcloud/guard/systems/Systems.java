package cn.govcloud.guard.systems;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What other modules (the demo city, later the Excel import) may ask of the hosted-system register.
 * Every call acts as the signed-in actor with the same checks as the pages and the API: a unit's
 * people register and prove, the supervisor verifies and decides.
 */
public interface Systems {

    /** A registration; {@code exposure} holds INTERNET, GOV_EXTRANET, DEPARTMENT_PRIVATE. */
    record NewSystem(String name, String purpose, Integer mlpsLevel, String filingNumber, String responsibleName,
                     String responsibleMobile, List<String> exposure, List<String> addresses) {
    }

    /** Registers a draft for the actor's unit; returns its id. */
    long register(NewSystem system);

    /** A11.1: the signed agreement. */
    void uploadAgreement(long id, String agreementNumber, String unitSignatory, String providerSignatory, LocalDate signedOn, String filename, InputStream file);

    /** A11.2: one item (MLPS_CERTIFICATE with its certificate's details, CRYPTO_PLAN, SECURITY_TEST, PENETRATION_TEST). */
    void uploadItem(long id, String kind, String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil,
                    String filename, InputStream file);

    /** The same, with the protection level the 等保 certificate states (admission compares it with the system's, A11.2). */
    void uploadItem(long id, String kind, String certNumber, LocalDate certDate, String conclusion, LocalDate validUntil, Integer certLevel,
                    String filename, InputStream file);

    /** A7.1: the unit declares one protection measure (FIREWALL, IDS_IPS, ENDPOINT, CRYPTO, LOCAL_BACKUP, OFFSITE_BACKUP). */
    void declareProtection(long id, String measure, boolean present, String detail);

    /** Issue 17 point 4: the supervisor records that the protection department identified the system as 关基. */
    void identifyCriticalInfrastructure(long id, String protectionDepartment);

    /** A2 (issue 22 point 3): the unit declares that the system processes no state secrets, naming the declarant. */
    void declareNonClassified(long id, String declarant);

    void requestAdmission(long id);

    /** The supervisor accepts or returns an item (a return needs a reason). */
    void reviewItem(long id, String kind, boolean accept, String reason);

    void admit(long id);

    void setInternetAccess(long id, boolean on);

    void setExternalExchange(long id, boolean on);

    void suspend(long id, String reason);

    /** Issue 17 point 6: the ids of a system's work orders the provider has not yet confirmed, oldest first. */
    List<Long> openWorkOrders(long id);

    /** The provider confirms it executed a work order: who, when, what was changed (no evidence file). */
    void confirmWorkOrder(long workOrderId, String executedBy, java.time.Instant executedAt, String changes);

    // ---- reads for other modules (unscoped: the caller checks who may see what it shows) -------

    /** A hosted system as other modules refer to it; {@code state} is the lifecycle state's name, e.g. ADMITTED. */
    record SystemRef(long id, long orgId, String name, int mlpsLevel, String state) {
    }

    Optional<SystemRef> find(long id);

    /**
     * Whether the system is critical information infrastructure (关基) as the supervisor recorded it (issue 17
     * point 4); false for an unknown system. Catalog conditions read it as {@code cii}.
     */
    boolean criticalInfrastructure(long id);

    /** An organisation's systems not yet exited, by name (e.g. for a unit's request forms in other modules). */
    List<SystemRef> ofOrganisation(long orgId);

    /** Several systems in one query, in no particular order; unknown ids are left out. */
    List<SystemRef> find(Collection<Long> ids);

    /** Every system running on the platform (admitted, suspended or ordered to exit), e.g. those a provider exit must migrate (A5.6). */
    List<SystemRef> onPlatform();

    /** One registered address of a system: {@code kind} is IP, CIDR or DOMAIN (a domain may start with {@code *.}). */
    record Address(long systemId, long orgId, String kind, String address) {
    }

    /**
     * Every address of every system not yet exited, for matching alerts and scan findings to
     * systems (one query; an importer builds its matcher from it once per import).
     */
    List<Address> addresses();
}
