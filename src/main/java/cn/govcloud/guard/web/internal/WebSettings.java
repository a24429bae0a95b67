package cn.govcloud.guard.web.internal;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The UI speaks Chinese unless the person chose English with {@code ?lang=en}; the choice lives in
 * a cookie, not the session, so it survives signing out and works on any node.
 */
@Configuration(proxyBeanMethods = false)
class WebSettings implements WebMvcConfigurer {

    static final String LANG_PARAM = "lang";
    static final String LANG_COOKIE = "govguard-lang";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANG_COOKIE);
        // a fixed default, not the browser's Accept-Language: the platform is Chinese first
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SupportedLocaleChangeInterceptor());
    }

    /** Only the two languages we have bundles for; anything else falls back to Chinese. */
    static final class SupportedLocaleChangeInterceptor extends LocaleChangeInterceptor {
        SupportedLocaleChangeInterceptor() {
            setParamName(LANG_PARAM);
        }

        @Override
        protected Locale parseLocaleValue(String value) {
            return value.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        }
    }
}
