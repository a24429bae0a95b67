package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

/**
 * Start-up (a bad catalog or overlay file stops it with every error listed) and how a node
 * notices an overlay another node activated, without a database: the store is a mock.
 */
class RuleCatalogServiceUnitTests {
    private final Overlays overlays = mock(Overlays.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T02:00:00Z"));

    @Test
    void aBadProductCatalogStopsTheStartWithEveryErrorListed() {
        new ApplicationContextRunner()
                .withPropertyValues("govguard.rules.catalog=classpath:rules/test/broken-catalog.yaml")
                .withBean(Overlays.class, () -> overlays).withBean(AuditLog.class, () -> audit).withBean(Clock.class, () -> clock)
                .withBean(RuleCatalogService.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (cause.getCause() != null && !(cause instanceof CatalogInvalid)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isInstanceOf(CatalogInvalid.class)
                            .hasMessageStartingWith("The rule catalog broken-catalog.yaml has 3 errors:")
                            .hasMessageContaining("broken-catalog.yaml:12: rules[0].due.workingDays: must be a positive integer")
                            .hasMessageContaining("broken-catalog.yaml:15: rules[1].id: duplicate rule id 'A10.2-rectify' (first at line 4)")
                            .hasMessageContaining("broken-catalog.yaml:20: rules[1].party: 'tenant' is not one of provider, unit, supervisor, regulator");
                });
    }

    @Test
    void aBadConfiguredOverlayStopsTheStartToo() {
        assertThatThrownBy(() -> service("classpath:rules/test/overlay-bad.yaml"))
                .isInstanceOf(CatalogInvalid.class)
                .hasMessageContaining("overlay-bad.yaml:3: rules[A10.2-rectify].party: may not be overridden");
        assertThatThrownBy(() -> service("/nonexistent/overlay.yaml"))
                .hasMessageContaining("govguard.rules.overlay points to");
    }

    @Test
    void theConfiguredOverlayIsStoredOnceAndThenReadFromTheDatabaseLikeAnyOther() {
        RuleCatalogService service = service("classpath:rules/test/overlay-good.yaml");
        String yaml = ProductCatalogs.resource("rules/test/overlay-good.yaml");
        when(overlays.find("测试区", "config-1")).thenReturn(Optional.empty());
        when(overlays.activate(any(), eq(yaml), eq("config:classpath:rules/test/overlay-good.yaml"), any())).thenReturn(5L);
        when(overlays.activeId()).thenReturn(Optional.of(5L));
        when(overlays.find(5L)).thenReturn(Optional.of(stored(5, "config-1", yaml)));

        service.afterSingletonsInstantiated();

        verify(audit).record(any(AuditEvent.class));
        assertThat(service.version().version()).isEqualTo("2025.12.16-r1+测试区@config-1");
        assertThat(service.rule("A10.2-rectify").orElseThrow().due().amount()).isEqualTo(4);

        // next start: already stored, not stored again (a supervisor may have replaced or removed it since)
        RuleCatalogService again = service("classpath:rules/test/overlay-good.yaml");
        when(overlays.find("测试区", "config-1")).thenReturn(Optional.of(stored(5, "config-1", yaml)));
        again.afterSingletonsInstantiated();
        verify(overlays, times(1)).activate(any(), anyString(), anyString(), any());
    }

    @Test
    void aNodeNoticesAnOverlayActivatedElsewhereWithinTheRefreshInterval() {
        RuleCatalogService service = service(null);
        when(overlays.activeId()).thenReturn(Optional.empty());
        service.afterSingletonsInstantiated();
        assertThat(service.rule("A10.2-rectify").orElseThrow().due().amount()).isEqualTo(5);

        // another node activates an overlay
        when(overlays.activeId()).thenReturn(Optional.of(9L));
        when(overlays.find(9L)).thenReturn(Optional.of(stored(9, "2026-1", OverlayUnitTests.KUNDULUN)));
        clock.move(Duration.ofSeconds(2));
        assertThat(service.rule("A10.2-rectify").orElseThrow().due().amount()).as("within the interval: cached").isEqualTo(5);
        clock.move(Duration.ofSeconds(4));
        assertThat(service.rule("A10.2-rectify").orElseThrow().due().amount()).isEqualTo(3);
        assertThat(service.rule("A10.2-rectify").orElseThrow().overridden()).contains("due.amount");
        assertThat(service.version().overlay()).isEqualTo("昆都仑区@2026-1");
        assertThat(service.triggeredBy("hazard.notified")).extracting(r -> r.id()).contains("A10.2-rectify", "A10.2-hazard-acknowledgement");

        // the same id again: the row is not read a second time
        clock.move(Duration.ofSeconds(6));
        service.rules();
        verify(overlays, times(1)).find(9L);

        // deactivated elsewhere
        when(overlays.activeId()).thenReturn(Optional.empty());
        clock.move(Duration.ofSeconds(6));
        assertThat(service.version().version()).isEqualTo("2025.12.16-r1");
        assertThat(service.version().overlay()).isNull();
    }

    @Test
    void aStoredOverlayThatNoLongerFitsIsSetAsideAndTheProductCatalogStays() {
        RuleCatalogService service = service(null);
        when(overlays.activeId()).thenReturn(Optional.of(3L));
        when(overlays.find(3L)).thenReturn(Optional.of(stored(3, "old", """
                overlay: {name: 昆都仑区, version: old, basedOn: 2024.01.01-r1}
                rules:
                  A10.2-removed-rule: {due: {workingDays: 3}}
                """)));
        service.afterSingletonsInstantiated();
        assertThat(service.version().version()).isEqualTo("2025.12.16-r1");
        assertThat(service.snapshot().notApplied()).isPresent();
        assertThat(service.snapshot().problems()).singleElement().asString().contains("no rule 'A10.2-removed-rule'");
    }

    /** The events other modules must publish for the catalog's event rules to arise; changing this list is a contract change. */
    @Test
    void theCatalogWaitsForTheseEvents() {
        RuleCatalogService service = service(null);
        when(overlays.activeId()).thenReturn(Optional.empty());
        assertThat(service.events()).containsExactly(
                "period.day", "hazard.notified", // issue 22 point 4: the 第四条（二） block comes first
                "certification.issued", "platform.remote-operation.requested", "platform.remote-operation.ended",
                "supply-chain.item-proposed", "exit.requested", "exit.decision-requested", "exit.service-ended",
                "network-line.connected", "system.registered", "system.contractor-engaged", "data-access.requested",
                "data-access.grant-ended", "data-export.registered", "visit.requested", "visit.signed-in",
                "remote-access.requested", "remote-access.approved", "remote-channel.ended", "long-term-channel.requested",
                "alert.raised", "alert.sent", "intake.unmatched", "hazard.returned", "incident.confirmed",
                "incident.reported", "incident.closed", "incident.system-graded", "system.admission-requested", "system.gate-order-issued",
                "hazard.found",
                "hazard.rectified", "scheduling.action-assigned", "notice.issued", "system.suspended", "system.exit-ordered",
                "system.suspension-order-issued", "calendar.next-year-missing");
        assertThat(service.events()).isEqualTo(service.snapshot().events());
    }

    @Test
    void theRulesStayReadableWhenTheDatabaseIsNot() {
        RuleCatalogService service = service(null);
        when(overlays.activeId()).thenThrow(new org.springframework.dao.DataAccessResourceFailureException("down"));
        assertThat(service.rules()).isNotEmpty();
        assertThat(service.version().version()).isEqualTo("2025.12.16-r1");
    }

    @Test
    void anUploadIsRefusedWholeAndAuditedWithoutTouchingTheStore() {
        RuleCatalogService service = service(null);
        when(overlays.activeId()).thenReturn(Optional.empty());
        assertThatThrownBy(() -> service.activate("overlay.yaml", """
                overlay: {name: 昆都仑区, version: x, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {party: provider}
                """, "supervisor"))
                .isInstanceOf(OverlayRefused.class)
                .satisfies(e -> assertThat(((OverlayRefused) e).fieldErrors())
                        .containsEntry("rules[A10.2-rectify].party", "overlay.yaml:3: rules[A10.2-rectify].party: may not be overridden: "
                                + "a district overlay changes only due, remind, escalate, when, evidence (required flags), never who must act, "
                                + "what for or when a duty arises (A13)"));
        verify(overlays, never()).activate(any(), anyString(), anyString(), any());
        verify(audit).record(any(AuditEvent.class));
    }

    @Test
    void aVersionUploadedBeforeWithOtherContentIsRefusedAtTheVersionLine() {
        RuleCatalogService service = service(null);
        when(overlays.activate(any(), anyString(), anyString(), any()))
                .thenThrow(new Overlays.VersionTaken(stored(1, "2026-1", "other: text")));
        assertThatThrownBy(() -> service.activate("overlay.yaml", OverlayUnitTests.KUNDULUN, "supervisor"))
                .isInstanceOf(OverlayRefused.class)
                .hasMessageContaining("overlay.yaml:1: overlay.version: version 2026-1 of overlay 昆都仑区 was uploaded");
        verify(overlays, never()).find(anyLong());
    }

    private RuleCatalogService service(String overlay) {
        MockEnvironment env = new MockEnvironment();
        if (overlay != null) {
            env.setProperty("govguard.rules.overlay", overlay);
        }
        return new RuleCatalogService(env, new DefaultResourceLoader(), overlays, audit, clock);
    }

    private static StoredOverlay stored(long id, String version, String yaml) {
        return new StoredOverlay(id, "昆都仑区", version, "2025.12.16-r1", yaml, Instant.parse("2026-03-01T00:00:00Z"), "supervisor", true);
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
