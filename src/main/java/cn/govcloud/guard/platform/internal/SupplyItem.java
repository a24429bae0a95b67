package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A5.5: one subcontract, supplier or component of the provider's supply chain. It is proposed (PENDING), decided by
 * a risk assessment (APPROVED, CONDITIONAL or REJECTED) and only then, with a signed agreement where one is owed, put
 * into use; the guards below refuse any other order naming A5.5.
 */
public record SupplyItem(long id, long providerOrgId, Kind kind, String source, String name, String version, String purl,
                         String supplier, String licenses, State state, boolean inUse, Instant removedAt, String riskLevel,
                         String conclusion, String conditions, String assessor, Instant assessedAt, String counterparty,
                         LocalDate signedOn, LocalDate agreementValidUntil, Instant createdAt, List<String> advisories) {

    public enum Kind { SUBCONTRACT, THIRD_PARTY, OPEN_SOURCE }

    public enum State { PENDING, APPROVED, CONDITIONAL, REJECTED }

    /** The catalog's conclusions (A5.5-supply-chain-risk-assessment) and the state each leads to. */
    public static final Map<String, State> CONCLUSIONS = Map.of("可以使用", State.APPROVED, "整改后使用", State.CONDITIONAL,
            "不得使用", State.REJECTED);
    public static final List<String> CONCLUSION_ORDER = List.of("可以使用", "整改后使用", "不得使用");
    public static final List<String> RISK_LEVELS = List.of("低", "中", "高");

    public boolean needsAgreement() {
        return kind != Kind.OPEN_SOURCE;
    }

    public boolean agreementMissing(LocalDate today) {
        return needsAgreement() && (signedOn == null || (agreementValidUntil != null && agreementValidUntil.isBefore(today)));
    }

    /** Proposed → decided: the state the assessment's conclusion leads to. */
    static State decidedBy(String conclusion) {
        return CONCLUSIONS.get(conclusion);
    }

    /** A signed agreement is owed by everything with a counterparty; open source has none. */
    void requireAgreementOwed() {
        if (!needsAgreement()) {
            throw new RuleViolation("A5.5", "platform.supply.error.agreementOpenSource");
        }
    }

    /** Decided → in use: only after an approving assessment and, when owed, a valid agreement. */
    void requireUsable(LocalDate today) {
        if (state != State.APPROVED && state != State.CONDITIONAL) {
            throw new RuleViolation("A5.5", "platform.supply.error.notApproved");
        }
        if (agreementMissing(today)) {
            throw new RuleViolation("A5.5", "platform.supply.error.noAgreement");
        }
    }

    /** Whether the item's own proposal duty is done: decided, and its agreement signed when owed. */
    boolean proposalSettled() {
        return state != State.PENDING && (!needsAgreement() || signedOn != null);
    }

    /** The key one item has in the register: a subcontract by its name, anything else by name and version. */
    static String key(Kind kind, String name, String version) {
        return kind == Kind.SUBCONTRACT ? "sub:" + name.toLowerCase(Locale.ROOT)
                : "nv:" + name.toLowerCase(Locale.ROOT) + "@" + (version == null ? "" : version);
    }

    /** The catalog's {@code itemType} condition value. */
    static String itemType(Kind kind) {
        return kind == Kind.SUBCONTRACT ? "subcontract" : kind == Kind.OPEN_SOURCE ? "open-source" : "third-party";
    }
}
