package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.identity.SingleSignOn;
import cn.govcloud.guard.identity.SingleSignOn.Configuration;
import cn.govcloud.guard.identity.SingleSignOn.Protocol;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 统一身份认证 settings over the API (issue 21 point 1), as the security administrator's page has them: read each
 * protocol's configuration (the client secret never, only whether one is stored) and change it. The same validation
 * (a 400 naming each field) and the same audit record as the page.
 */
@RestController
@RequestMapping("/api/v1/sso")
class SsoApiController {
    private final SingleSignOn sso;

    SsoApiController(SingleSignOn sso) {
        this.sso = sso;
    }

    @GetMapping
    @Allow(Role.SECURITY_ADMIN)
    List<Configuration> list() {
        return Arrays.stream(Protocol.values()).map(sso::configuration).toList();
    }

    @GetMapping("/{protocol}")
    @Allow(Role.SECURITY_ADMIN)
    Configuration get(@PathVariable String protocol) {
        return sso.configuration(protocol(protocol));
    }

    /**
     * The settings as sent: {@code enabled} and {@code clearSecret} default to false when left out; a blank or absent
     * {@code clientSecret} keeps the stored one, {@code clearSecret: true} removes it.
     */
    record SsoChange(Boolean enabled, String displayName, String serverUrl, String clientId, String clientSecret,
                     Boolean clearSecret, String scopes, String claim) {
    }

    @PutMapping("/{protocol}")
    @Allow(Role.SECURITY_ADMIN)
    Configuration update(@PathVariable String protocol, @RequestBody SsoChange body) {
        Protocol p = protocol(protocol);
        sso.update(p, new SingleSignOn.Change(Boolean.TRUE.equals(body.enabled()), body.displayName(), body.serverUrl(),
                body.clientId(), body.clientSecret(), Boolean.TRUE.equals(body.clearSecret()), body.scopes(), body.claim()));
        return sso.configuration(p);
    }

    private static Protocol protocol(String name) {
        try {
            return Protocol.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFound("no single sign-on protocol " + name + " (oidc, cas)");
        }
    }
}
