package cn.govcloud.guard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A request before the start-up runners are done (e.g. the demo city's seeding) gets "starting up", not a half-made platform. */
class StartingUpAnswersUnitTests {
    private final AtomicReference<ReadinessState> readiness = new AtomicReference<>(ReadinessState.REFUSING_TRAFFIC);
    private final StartingUpAnswers filter = filter();

    private StartingUpAnswers filter() {
        ApplicationAvailability availability = new ApplicationAvailability() {
            @Override
            public <S extends AvailabilityState> S getState(Class<S> type, S defaultState) {
                return getState(type);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <S extends AvailabilityState> S getState(Class<S> type) {
                return type == ReadinessState.class ? (S) readiness.get() : (S) LivenessState.CORRECT;
            }

            @Override
            public <S extends AvailabilityState> org.springframework.boot.availability.AvailabilityChangeEvent<S> getLastChangeEvent(Class<S> type) {
                return null;
            }
        };
        var beans = new StaticListableBeanFactory();
        beans.addBean("availability", availability);
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/web");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new StartingUpAnswers(beans.getBeanProvider(ApplicationAvailability.class), messages);
    }

    private MockHttpServletResponse get(String path, MockFilterChain chain) throws Exception {
        var response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", path), response, chain);
        return response;
    }

    @Test
    void beforeTheRunnersAreDoneAPageSaysStartingUpInChineseAndReloadsItself() throws Exception {
        var chain = new MockFilterChain();
        var response = get("/login", chain);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("3");
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("平台正在启动").contains("http-equiv=\"refresh\"").doesNotContain("web.starting");
        assertThat(chain.getRequest()).as("nothing behind the gate ran").isNull();
    }

    @Test
    void beforeTheRunnersAreDoneTheApiAnswersAProblemAndTheHealthProbesStayOpen() throws Exception {
        var api = get("/api/v1/systems", new MockFilterChain());
        assertThat(api.getStatus()).isEqualTo(503);
        assertThat(api.getContentType()).startsWith("application/problem+json");
        var probe = new MockFilterChain();
        get("/actuator/health/readiness", probe);
        assertThat(probe.getRequest()).isNotNull();
    }

    @Test
    void onceReadyEveryRequestPassesEvenIfReadinessChangesLater() throws Exception {
        readiness.set(ReadinessState.ACCEPTING_TRAFFIC);
        var first = new MockFilterChain();
        get("/login", first);
        assertThat(first.getRequest()).isNotNull();
        readiness.set(ReadinessState.REFUSING_TRAFFIC); // e.g. the database went away: UnavailableAnswers says so, not this gate
        var later = new MockFilterChain();
        get("/systems", later);
        assertThat(later.getRequest()).isNotNull();
    }
}
