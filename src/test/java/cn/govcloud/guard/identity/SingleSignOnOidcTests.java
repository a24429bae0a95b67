package cn.govcloud.guard.identity;

import static cn.govcloud.guard.TestActors.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.test.web.servlet.MockMvc;

/**
 * 统一身份认证 through OpenID Connect (issue 21 point 1) against a real OpenID provider: Spring Authorization Server
 * started in the test on a random port, with the platform registered as a client and people whose
 * {@code preferred_username} is a demo account. The whole authorization-code flow runs over HTTP between the two
 * servers (discovery, authorize, the provider's own login form, code exchange, ID token signature, user info).
 */
@AppTest
class SingleSignOnOidcTests {
    static final String CLIENT_SECRET = "client-secret-of-the-test-0123456789";
    static final String IDP_PASSWORD = "Idp-Passw0rd-2026";
    static ConfigurableApplicationContext idp;
    static int idpPort;

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    /** Started once the platform's port (its redirect URI) is known. */
    void startProvider() {
        Provider.redirectUri = app() + "/login/oauth2/code/oidc";
        idp = new SpringApplicationBuilder(Provider.class)
                .properties("server.port=0", "spring.config.name=sso-test-idp", "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false", "logging.level.root=WARN")
                .run();
        idpPort = ((WebServerApplicationContext) idp).getWebServer().getPort();
    }

    @AfterAll
    static void stopProvider() {
        if (idp != null) {
            idp.close();
            idp = null;
        }
    }

    /** The platform at 127.0.0.1 (the provider refuses "localhost" redirect URIs, as OAuth 2.1 advises), the provider at localhost. */
    String app() {
        return "http://127.0.0.1:" + port;
    }

    static String issuer() {
        return "http://localhost:" + idpPort;
    }

    @BeforeEach
    void configure() throws Exception {
        if (idp == null) {
            startProvider();
        }
        save(true, issuer(), CLIENT_SECRET, "preferred_username");
    }

    @AfterEach
    void switchOff() throws Exception {
        save(false, issuer(), "", "preferred_username");
    }

    private void save(boolean enabled, String issuer, String secret, String claim) throws Exception {
        var request = post("/admin/sso/oidc").with(authentication(secadmin())).with(csrf())
                .param("displayName", "统一身份认证登录").param("serverUrl", issuer).param("clientId", "govguard")
                .param("clientSecret", secret).param("scopes", "openid profile").param("claim", claim);
        if (enabled) {
            request.param("enabled", "on");
        }
        mvc.perform(request).andExpect(redirectedUrl("/admin/sso"));
    }

    static Authentication secadmin() {
        return TestActors.as(actor("secadmin", OrgKind.SUPERVISOR, 1, Role.SECURITY_ADMIN));
    }

    /** Clicks the button on the login page, signs in at the provider, and comes back. */
    SsoBrowser.Page signInAtProvider(SsoBrowser browser, String username) throws Exception {
        SsoBrowser.Page login = browser.get(app() + "/login");
        assertThat(login.body()).contains("id=\"sso-oidc\"").contains("统一身份认证登录");
        SsoBrowser.Page form = browser.get(app() + "/oauth2/authorization/oidc");
        assertThat(form.uri().toString()).startsWith(issuer() + "/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("the provider's login form has a CSRF token").isTrue();
        return browser.post(issuer() + "/login", Map.of("username", username, "password", IDP_PASSWORD, "_csrf", csrf.group(1)));
    }

    @Test
    void issue21_1_aMappedPersonSignsInThroughTheProviderAndLandsOnTheHomePageAsUnit1() throws Exception {
        SsoBrowser browser = new SsoBrowser();
        SsoBrowser.Page home = signInAtProvider(browser, "unit1");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.uri().toString()).isEqualTo(app() + "/");
        assertThat(browser.visited).anyMatch(u -> u.toString().startsWith(app() + "/login/oauth2/code/oidc?code="));
        assertThat(browser.visited).anyMatch(u -> u.toString().startsWith(issuer() + "/oauth2/authorize?")
                && u.getRawQuery().contains("code_challenge=") && u.getRawQuery().contains("nonce=") && u.getRawQuery().contains("state="));
        assertThat(browser.get(app() + "/account").body()).contains("刘芳").contains("包头市教育局");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'auth.login' and result = 'SUCCESS' and actor = 'unit1' "
                        + "and details = :d").param("d", "统一身份认证 OIDC " + issuer() + ", preferred_username=unit1")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void issue21_1_aClaimValueWithoutAnAccountIsRefusedWithAMessageAndNothingIsCreated() throws Exception {
        SsoBrowser browser = new SsoBrowser();
        SsoBrowser.Page page = signInAtProvider(browser, "stranger");

        assertThat(page.uri().toString()).isEqualTo(app() + "/login?sso=unknown");
        assertThat(page.body()).contains("平台中没有与您的统一身份对应的账号");
        assertThat(jdbc.sql("select count(*) from identity_user where username = 'stranger'").query(Long.class).single()).isZero();
        assertThat(browser.get(app() + "/").uri().toString()).isEqualTo(app() + "/login");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'auth.login' and result = 'FAILURE' "
                + "and details like '统一身份认证 OIDC %preferred_username=stranger: no account has this username'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void issue21_1_anAdministratorIsRefusedAndKeepsTheLocalLogin() throws Exception {
        SsoBrowser browser = new SsoBrowser();
        SsoBrowser.Page page = signInAtProvider(browser, "sysadmin");

        assertThat(page.uri().toString()).isEqualTo(app() + "/login?sso=admin");
        assertThat(page.body()).contains("不能通过统一身份认证登录");
        assertThat(browser.get(app() + "/admin/users").uri().toString()).isEqualTo(app() + "/login");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'auth.login' and result = 'FAILURE' and actor = 'sysadmin' "
                + "and details like '%administrators sign in locally only'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void issue21_1_aDisabledAccountIsRefused() throws Exception {
        jdbc.sql("update identity_user set enabled = false where username = 'unit2'").update();
        try {
            SsoBrowser browser = new SsoBrowser();
            SsoBrowser.Page page = signInAtProvider(browser, "unit2");

            assertThat(page.uri().toString()).isEqualTo(app() + "/login?sso=disabled");
            assertThat(page.body()).contains("已停用或被锁定");
            assertThat(browser.get(app() + "/").uri().toString()).isEqualTo(app() + "/login");
        } finally {
            jdbc.sql("update identity_user set enabled = true where username = 'unit2'").update();
        }
    }

    @Test
    void issue21_1_aProviderThatIsDownBlocksNobodyTheLoginPageSaysSoAndTheLocalLoginWorks() throws Exception {
        save(true, "http://127.0.0.1:1/realms/unreachable", CLIENT_SECRET, "preferred_username");
        SsoBrowser browser = new SsoBrowser();
        SsoBrowser.Page page = browser.get(app() + "/oauth2/authorization/oidc");

        assertThat(page.uri().toString()).isEqualTo(app() + "/login?sso=unavailable");
        assertThat(page.body()).contains("统一身份认证服务暂不可用");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        SsoBrowser.Page home = browser.post(app() + "/login", Map.of("username", "unit1",
                "password", cn.govcloud.guard.ApiClient.DEMO_PASSWORD, "_csrf", csrf.group(1)));
        assertThat(home.uri().toString()).isEqualTo(app() + "/");
    }

    @Test
    void issue21_1_switchedOffThereIsNoButtonAndTheEndpointsAnswer404() throws Exception {
        save(false, issuer(), "", "preferred_username");
        SsoBrowser browser = new SsoBrowser();
        assertThat(browser.get(app() + "/login").body()).doesNotContain("sso-oidc").doesNotContain("统一身份认证登录");
        assertThat(browser.get(app() + "/oauth2/authorization/oidc").status()).isEqualTo(404);
        assertThat(browser.get(app() + "/login/oauth2/code/oidc?code=abc&state=def").status()).isEqualTo(404);
        assertThat(browser.get(app() + "/sso/cas/login").status()).isEqualTo(404);
    }

    @Test
    void issue21_1_theConfigurationIsAuditedAndTheSecretNeverShownAgain() throws Exception {
        String page = mvc.perform(get("/admin/sso").with(authentication(secadmin()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(issuer()).contains("已保存（不再显示）").doesNotContain(CLIENT_SECRET)
                .contains(app().replace("127.0.0.1:" + port, "localhost") + "/login/oauth2/code/oidc");
        String sealed = jdbc.sql("select client_secret_sealed from identity_sso_provider where protocol = 'OIDC'").query(String.class).single();
        assertThat(sealed).isNotBlank().doesNotContain(CLIENT_SECRET);
        assertThat(jdbc.sql("select details from audit_record where action = 'identity.sso.update' and actor = 'secadmin' order by id desc")
                .query(String.class).list()).isNotEmpty().allSatisfy(d -> assertThat(d).doesNotContain(CLIENT_SECRET))
                .anySatisfy(d -> assertThat(d).contains("enabled=true").contains("issuer=" + issuer()));
        // a unit officer does not reach the page; the security administrator must fill what an enabled OIDC needs
        mvc.perform(get("/admin/sso").with(authentication(TestActors.unitOfficer(3)))).andExpect(status().isForbidden());
        String refused = mvc.perform(post("/admin/sso/oidc").with(authentication(secadmin())).with(csrf()).param("enabled", "on")
                        .param("displayName", "统一身份认证登录").param("serverUrl", "ftp://x").param("clientId", "")
                        .param("scopes", "profile").param("claim", "bad claim"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("请输入以 http:// 或 https:// 开头的地址").contains("须包含 openid").contains("必填，最多 256 个字符");
    }

    /** The OpenID provider: Spring Authorization Server with one registered client and four people. */
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class})
    static class Provider {
        static volatile String redirectUri;

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(as -> {
                        http.securityMatcher(as.getEndpointsMatcher());
                        as.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("unit1").password("{noop}" + IDP_PASSWORD).roles("USER").build(),
                    User.withUsername("unit2").password("{noop}" + IDP_PASSWORD).roles("USER").build(),
                    User.withUsername("sysadmin").password("{noop}" + IDP_PASSWORD).roles("USER").build(),
                    User.withUsername("stranger").password("{noop}" + IDP_PASSWORD).roles("USER").build());
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId("govguard").clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirectUri)
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build());
        }

        /** The city's platforms send the login name as preferred_username; here it is the provider's username. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> preferredUsername() {
            return context -> {
                if ("id_token".equals(context.getTokenType().getValue())) {
                    context.getClaims().claim("preferred_username", context.getPrincipal().getName());
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return NimbusJwtDecoder.withJwkSource(keys).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
