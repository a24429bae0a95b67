package cn.govcloud.guard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressesUnitTests {

    @Test
    void an_ipv4_mapped_ipv6_address_is_the_ipv4_address() {
        assertThat(IpAddresses.literal("::ffff:10.0.0.5")).get().isEqualTo(new byte[] {10, 0, 0, 5});
        assertThat(IpAddresses.literal("10.0.0.5")).get().isEqualTo(new byte[] {10, 0, 0, 5});
        assertThat(IpAddresses.cidr("::ffff:10.0.0.0/104")).get().satisfies(c -> {
            assertThat(c.prefix()).isEqualTo(8);
            assertThat(c.contains(IpAddresses.literal("10.200.1.1").orElseThrow())).isTrue();
        });
    }

    @Test
    void ipv6_literals_and_ranges() {
        assertThat(IpAddresses.literal("2001:db8::1")).get().extracting(b -> b.length).isEqualTo(16);
        assertThat(IpAddresses.cidr("2001:db8::/32")).get()
                .satisfies(c -> assertThat(c.contains(IpAddresses.literal("2001:db8:ffff::1").orElseThrow())).isTrue());
        assertThat(IpAddresses.literal("2001::db8::1")).isEmpty();
        assertThat(IpAddresses.cidr("2001:db8::/129")).isEmpty();
    }

    @Test
    void what_is_not_a_literal_is_refused_without_a_dns_lookup() {
        assertThat(IpAddresses.literal("portal.gov.cn")).isEmpty();
        assertThat(IpAddresses.literal("10.1")).isEmpty();
        assertThat(IpAddresses.literal("256.1.1.1")).isEmpty();
        assertThat(IpAddresses.literal("")).isEmpty();
        assertThat(IpAddresses.literal(null)).isEmpty();
        assertThat(IpAddresses.cidr("10.0.0.0/33")).isEmpty();
        assertThat(IpAddresses.cidr("10.0.0.0/x")).isEmpty();
        assertThat(IpAddresses.cidr("10.0.0.0")).isEmpty();
    }

    @Test
    void a_range_holds_the_addresses_under_its_prefix_only() {
        IpAddresses.Cidr net = IpAddresses.cidr("192.168.10.77/24").orElseThrow();
        assertThat(net.network()).isEqualTo(new byte[] {(byte) 192, (byte) 168, 10, 0});
        assertThat(net.contains(IpAddresses.literal("192.168.10.1").orElseThrow())).isTrue();
        assertThat(net.contains(IpAddresses.literal("192.168.11.1").orElseThrow())).isFalse();
    }
}
