package cn.govcloud.guard.systems.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.hazards.intake.internal.AddressMatcher;
import cn.govcloud.guard.systems.Systems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The register and the intake read addresses with one parser, so what a unit registers is what a scan finds (issue 18 point 7). */
class AddressesUnitTests {

    @Test
    void an_ipv4_mapped_ipv6_address_is_registered_as_the_ip_the_intake_matches() {
        assertThat(Addresses.classify("::ffff:10.0.0.5")).contains(Addresses.Kind.IP);
        assertThat(Addresses.classify("::ffff:10.0.0.0/104")).contains(Addresses.Kind.CIDR);
        assertThat(Addresses.classify("10.0.0.0/8")).contains(Addresses.Kind.CIDR);
        assertThat(Addresses.classify("2001:db8::/32")).contains(Addresses.Kind.CIDR);
        assertThat(Addresses.classify("portal.baotou.gov.cn")).contains(Addresses.Kind.DOMAIN);
        assertThat(Addresses.classify("*.baotou.gov.cn")).contains(Addresses.Kind.DOMAIN);
        assertThat(Addresses.classify("10.0.0.256")).isEmpty();
        assertThat(Addresses.classify("2001::db8::1")).isEmpty();
        assertThat(Addresses.classify("10.0.0.0/33")).isEmpty();
    }

    @Test
    void a_range_registered_in_ipv4_mapped_form_holds_the_plain_ipv4_address_an_alert_names() {
        AddressMatcher matcher = new AddressMatcher(List.of(new Systems.Address(7, 3, "CIDR", "::ffff:10.0.0.0/104"),
                new Systems.Address(8, 3, "IP", "::ffff:192.168.1.9")));
        assertThat(matcher.match("10.200.3.4")).get().extracting(Systems.Address::systemId).isEqualTo(7L);
        assertThat(matcher.match("192.168.1.9")).get().extracting(Systems.Address::systemId).isEqualTo(8L);
        assertThat(matcher.match("11.0.0.1")).isEmpty();
    }
}
