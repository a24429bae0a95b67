package cn.govcloud.guard.siem.internal;

import cn.govcloud.guard.siem.Category;
import cn.govcloud.guard.siem.Kind;
import java.util.Set;

/** A destination opened for sending: its target and secret unsealed. */
record Endpoint(long id, Kind kind, String target, Set<Category> categories, boolean ndjson, String secret, String caPem, long cursor) {

    String host() {
        return Targets.host(target);
    }

    int port() {
        return Targets.port(kind, target);
    }
}
