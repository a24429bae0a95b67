package cn.govcloud.guard.hazards.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.inventory.AssetInventory.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 22 point 1 (A10.1): matching on the inventories' ports, and what counts as exposure drift. */
class AddressMatcherPortsUnitTests {
    final AddressMatcher matcher = new AddressMatcher(List.of(new Systems.Address(1, 10, "IP", "203.0.113.30")), List.of(
            new Endpoint(2, 20, "NAT", "203.0.113.30", 8443, "TCP"), new Endpoint(2, 20, "NAT", "10.9.0.5", 443, "TCP"),
            new Endpoint(2, 20, "HOST", "10.9.0.5", null, null), new Endpoint(3, 30, "PORT", "10.9.0.7", 53, "UDP"),
            new Endpoint(3, 30, "DOMAIN", "svc.example.gov.cn", null, null),
            new Endpoint(4, 40, "HOST", "10.9.0.9", null, null), new Endpoint(5, 50, "HOST", "10.9.0.9", null, null)));

    @Test
    void A10_1_aPublicIpAndPortResolveThroughTheNatMapping_theAddressAloneToItsRegisteredSystem() {
        assertThat(matcher.matchPort("203.0.113.30", 8443)).hasValueSatisfying(a -> assertThat(a.systemId()).isEqualTo(2));
        assertThat(matcher.matchPort("203.0.113.30", 80)).isEmpty();
        assertThat(matcher.match("203.0.113.30")).hasValueSatisfying(a -> assertThat(a.systemId()).isEqualTo(1));
        assertThat(matcher.match("10.9.0.5")).hasValueSatisfying(a -> assertThat(a.systemId()).isEqualTo(2));
        assertThat(matcher.match("SVC.example.gov.cn.")).hasValueSatisfying(a -> assertThat(a.systemId()).isEqualTo(3));
        assertThat(matcher.match("10.9.0.9")).as("listed by two systems: only a port tells them apart").isEmpty();
    }

    @Test
    void A10_1_driftIsAPortMissingFromAKeptInventory() {
        assertThat(matcher.drift(2, "10.9.0.5", "443/tcp")).isFalse();
        assertThat(matcher.drift(2, "10.9.0.5", "22/tcp")).isTrue();
        assertThat(matcher.drift(2, "203.0.113.30", "8443/tcp")).isFalse();
        assertThat(matcher.drift(3, "10.9.0.7", "53/udp")).isFalse();
        assertThat(matcher.drift(3, "10.9.0.7", "53/tcp")).as("another protocol").isTrue();
        assertThat(matcher.drift(2, "10.9.0.5", "general/tcp")).isFalse();
        assertThat(matcher.drift(1, "203.0.113.30", "80/tcp")).as("no inventory kept: nothing to drift from").isFalse();
        assertThat(AddressMatcher.port("443/tcp")).isEqualTo(443);
        assertThat(AddressMatcher.port("0/tcp")).isNull();
    }
}
