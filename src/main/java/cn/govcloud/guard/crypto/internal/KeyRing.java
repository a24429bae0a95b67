package cn.govcloud.guard.crypto.internal;

import java.util.Optional;

/**
 * The current master key and, during a rotation, the previous one: keys found wrapped under the
 * previous key are re-wrapped under the current one at start (no data is re-encrypted).
 */
record KeyRing(MasterKey current, MasterKey previous) {

    Optional<MasterKey> previousKey() {
        return Optional.ofNullable(previous);
    }

    /** The master key a stored key names, or a start-stopping error when it is neither of ours. */
    MasterKey named(String masterKeyId, String what) {
        if (current.id().equals(masterKeyId)) {
            return current;
        }
        if (previous != null && previous.id().equals(masterKeyId)) {
            return previous;
        }
        throw new IllegalStateException(what + " is wrapped under master key " + masterKeyId + ", but the configured master key is "
                + current.id() + (previous == null ? "" : " and the previous one " + previous.id())
                + ": set govguard.crypto.previous-master-key to the old key to rotate.");
    }
}
