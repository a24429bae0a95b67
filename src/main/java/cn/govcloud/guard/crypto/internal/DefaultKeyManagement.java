package cn.govcloud.guard.crypto.internal;

import cn.govcloud.guard.crypto.KeyManagement;
import org.springframework.stereotype.Component;

/** {@link KeyManagement} over the two key tables. */
@Component
class DefaultKeyManagement implements KeyManagement {
    private final DataKeys dataKeys;
    private final StoredSigningKeys signingKeys;

    DefaultKeyManagement(DataKeys dataKeys, StoredSigningKeys signingKeys) {
        this.dataKeys = dataKeys;
        this.signingKeys = signingKeys;
    }

    @Override
    public String rotateFieldKey() {
        return dataKeys.rotate(DataKeys.FIELD).id();
    }

    @Override
    public String rotateSigningKey() {
        return signingKeys.rotate();
    }
}
