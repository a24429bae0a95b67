package cn.govcloud.guard.identity.web;

import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese first with {@code ?lang=en} / {@code ?lang=zh-CN}, for the login page and the account
 * pages, only while the application defines no {@code localeResolver} of its own: an
 * auto-configuration, so it backs off as soon as the web module's language settings exist.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnMissingBean(name = "localeResolver")
class DefaultLanguage implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("govguard-lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE); // not the browser's Accept-Language
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                return value.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
            }
        };
        change.setParamName("lang");
        registry.addInterceptor(change);
    }
}
