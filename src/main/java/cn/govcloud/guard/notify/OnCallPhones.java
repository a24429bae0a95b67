package cn.govcloud.guard.notify;

import java.util.Optional;

/**
 * A unit's 7×24 on-call phone (值班电话), for the SMS escalation of A10.1 (issue 22 point 2: "escalations and the SMS
 * path use the roster"). Defined here and implemented by the module that keeps the units' security-responsibility
 * roster, so notify reaches the roster without depending on it. Unscoped: for the platform's own sending, never for
 * showing.
 */
public interface OnCallPhones {

    /** The on-call phone of an organisation, empty when it has none on record. */
    Optional<OnCall> onCallOf(long orgId);

    /** @param phone the full number (sent to); {@code shown} the masked one the delivery record shows */
    record OnCall(String phone, String shown) {
    }
}
