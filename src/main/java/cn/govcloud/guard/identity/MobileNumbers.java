package cn.govcloud.guard.identity;

import cn.govcloud.guard.shared.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * People's mobile numbers (sealed in {@code identity_user.mobile_sealed}, shown masked as {@code 138****1234}): kept
 * by the system administrator and by each person for themselves, and read by the platform's own senders (SMS,
 * 政务微信 / 政务钉钉 application messages, A10.1) to address a notice to a person.
 */
public interface MobileNumbers {

    /**
     * The enabled people of an organisation who hold one of {@code roles} (every one when empty) and have a
     * mobile number — whom a notice to that organisation and those roles reaches, as the inbox decides it.
     * Unscoped: for the platform's own sending, never for showing.
     */
    List<Reachable> reachable(long orgId, Set<Role> roles);

    /** The full number of an enabled person, for sending; empty without one (or when disabled). Not audited: the delivery record is the trace. */
    Optional<String> mobileOf(long userId);

    /** The system administrator sets ({@code mobile} blank: removes) a person's number. Audited. @return the masked number or null */
    String change(long userId, String mobile);

    /** The signed-in person sets (blank: removes) their own number. Audited. @return the masked number or null */
    String changeOwn(String mobile);

    /** Someone a notice can reach by mobile; the number itself is only {@link #mobileOf opened} when sending. */
    record Reachable(long userId, String displayName, String mobileMasked) {
    }
}
