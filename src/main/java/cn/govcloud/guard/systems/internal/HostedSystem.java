package cn.govcloud.guard.systems.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The hosted-system aggregate as read from the register (A7, A11): its registration, addresses, lifecycle state and the
 * two switches. It guards its own transitions: each guard throws a 409 naming the rule and the current state
 * ({@link Lifecycle.StateRefused}); the use-case services call a guard before they change anything.
 */
public record HostedSystem(long id, long orgId, String orgName, String name, String purpose, int mlpsLevel, String filingNumber,
                           String responsibleName, String mobileMasked, Set<Exposure> exposure, List<Asset> assets,
                           SystemState state, boolean internetAccess, boolean externalExchange, LocalDate exitDeadline,
                           String stateReason, String dataDisposition, Instant createdAt, String createdBy, Instant updatedAt,
                           boolean exitOverdue) {

    public enum Exposure { INTERNET, GOV_EXTRANET, DEPARTMENT_PRIVATE }

    /** The two gates of A11.2 the supervisor opens separately after admission. */
    public enum Switch { INTERNET_ACCESS, EXTERNAL_EXCHANGE }

    public record Asset(Addresses.Kind kind, String address) {
    }

    /** The state {@code action} leads to from here, or a 409 naming its rule and the current state. */
    SystemState check(Lifecycle action) {
        return action.check(state);
    }

    /** The registration is edited only as a draft (A7). */
    void requireDraft() {
        if (state != SystemState.DRAFT) {
            throw new Lifecycle.StateRefused(Lifecycle.SUBMIT, state);
        }
    }

    /** The agreement is recorded before the admission request (A11.1). */
    void requireAgreementOpen() {
        if (state != SystemState.DRAFT && state != SystemState.AWAITING_AGREEMENT) {
            throw new Lifecycle.StateRefused(Lifecycle.REQUEST_ADMISSION, state);
        }
    }

    /** Verification items are uploaded until the supervisor admits (A11.2). */
    void requireItemsOpen() {
        if (!EnumSet.of(SystemState.DRAFT, SystemState.AWAITING_AGREEMENT, SystemState.AWAITING_VERIFICATION).contains(state)) {
            throw new Lifecycle.StateRefused(Lifecycle.ADMIT, state);
        }
    }

    /** An exited system takes no more declarations or contractors. */
    void requireNotExited() {
        if (state == SystemState.EXITED) {
            throw new Lifecycle.StateRefused(Lifecycle.COMPLETE_EXIT, state);
        }
    }

    boolean isOn(Switch which) {
        return which == Switch.INTERNET_ACCESS ? internetAccess : externalExchange;
    }

    HostedSystem withAssets(List<Asset> assets) {
        return new HostedSystem(id, orgId, orgName, name, purpose, mlpsLevel, filingNumber, responsibleName, mobileMasked, exposure,
                List.copyOf(assets), state, internetAccess, externalExchange, exitDeadline, stateReason, dataDisposition, createdAt,
                createdBy, updatedAt, exitOverdue);
    }

    String reference() {
        return "system:" + id;
    }
}
