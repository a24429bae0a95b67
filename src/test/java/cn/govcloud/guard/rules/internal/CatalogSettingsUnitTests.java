package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.rules.CatalogSetting;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A13: the catalog's settings (values the Measures leave open) change by overlay, each within its type. */
class CatalogSettingsUnitTests {
    private final ProductCatalog product = ProductCatalogs.product();
    private final OverlayParser parser = new OverlayParser(product);

    private static String overlay(String settings) {
        return "overlay: {name: 昆都仑区, version: 2026-9, basedOn: 2025.12.16-r1}\nsettings:\n" + settings;
    }

    @Test
    void A13_theProductCatalogHoldsTheIntakeSettingsWithNotes() {
        CatalogSetting window = product.settings().stream().filter(s -> s.id().equals("A10.1-alert-burst-window")).findFirst().orElseThrow();
        assertThat(window.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(window.note()).isNotBlank();
        CatalogSetting threshold = product.settings().stream().filter(s -> s.id().equals("A10.1-immediate-notice-severity")).findFirst().orElseThrow();
        assertThat(threshold.value()).isEqualTo("HIGH");
        assertThat(threshold.options()).containsExactly("CRITICAL", "HIGH", "MEDIUM", "LOW");
    }

    @Test
    void A13_anOverlayChangesASettingsValueAndItIsMarked() {
        Overlay o = parser.parse("overlay.yaml", overlay("  A10.1-alert-burst-window: PT2H\n"), true);
        var settings = o.applySettings(product.settings());
        CatalogSetting window = settings.stream().filter(s -> s.id().equals("A10.1-alert-burst-window")).findFirst().orElseThrow();
        assertThat(window.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(window.overridden()).isTrue();
        assertThat(settings.stream().filter(s -> s.id().equals("A10.1-immediate-notice-severity")).findFirst().orElseThrow().overridden()).isFalse();
    }

    @Test
    void A13_aValueOfTheWrongTypeOrAnUnknownSettingIsRefusedWhole() {
        assertThatThrownBy(() -> parser.parse("overlay.yaml", overlay("  A10.1-alert-burst-window: two hours\n"
                + "  A10.1-immediate-notice-severity: URGENT\n  A10.1-made-up: PT1H\n"), true))
                .isInstanceOf(CatalogInvalid.class)
                .hasMessageContaining("settings[A10.1-alert-burst-window]").hasMessageContaining("ISO-8601")
                .hasMessageContaining("settings[A10.1-immediate-notice-severity]").hasMessageContaining("not one of [CRITICAL, HIGH, MEDIUM, LOW]")
                .hasMessageContaining("no setting 'A10.1-made-up'");
    }
}
