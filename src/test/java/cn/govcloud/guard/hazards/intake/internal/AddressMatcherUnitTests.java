package cn.govcloud.guard.hazards.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.systems.Systems.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A10.1: matching by address — exact IP, the longest CIDR range (IPv4 and IPv6), domains and *. wildcards, no DNS. */
class AddressMatcherUnitTests {
    final AddressMatcher matcher = new AddressMatcher(List.of(
            new Address(1, 10, "IP", "10.31.1.10"),
            new Address(2, 10, "CIDR", "10.31.0.0/16"),
            new Address(3, 20, "CIDR", "10.31.1.0/26"),
            new Address(4, 30, "CIDR", "2001:db8:40::/48"),
            new Address(5, 40, "DOMAIN", "jyj.baotou.gov.cn"),
            new Address(6, 50, "DOMAIN", "*.wjw.baotou.gov.cn"),
            new Address(7, 60, "IP", "2001:db8::1")));

    long system(String... candidates) {
        return matcher.match(candidates).map(Address::systemId).orElse(-1L);
    }

    @Test
    void exactIpBeatsRanges_longestPrefixWins_A10_1() {
        assertThat(system("10.31.1.10")).isEqualTo(1);
        assertThat(system("10.31.1.11")).isEqualTo(3);
        assertThat(system("10.31.1.64")).isEqualTo(2);
        assertThat(system("10.31.200.1")).isEqualTo(2);
        assertThat(system("10.32.0.1")).isEqualTo(-1);
    }

    @Test
    void ipv6RangesAndExactAddresses() {
        assertThat(system("2001:db8:40:1::25")).isEqualTo(4);
        assertThat(system("2001:DB8:0:0:0:0:0:1")).isEqualTo(7);
        assertThat(system("2001:db8:41::1")).isEqualTo(-1);
    }

    @Test
    void domainsAndWildcards() {
        assertThat(system("jyj.baotou.gov.cn")).isEqualTo(5);
        assertThat(system("JYJ.baotou.gov.cn.")).isEqualTo(5);
        assertThat(system("www.jyj.baotou.gov.cn")).as("a plain domain does not cover its subdomains").isEqualTo(-1);
        assertThat(system("gh.wjw.baotou.gov.cn")).isEqualTo(6);
        assertThat(system("a.b.wjw.baotou.gov.cn")).isEqualTo(6);
        assertThat(system("wjw.baotou.gov.cn")).as("*. covers names below, not the bare domain").isEqualTo(-1);
    }

    @Test
    void theFirstMatchingCandidateWins_namesAreNeverResolved() {
        assertThat(system("198.51.100.1", "gh.wjw.baotou.gov.cn")).isEqualTo(6);
        assertThat(system(null, "", "localhost")).isEqualTo(-1);
        assertThat(AddressMatcher.literal("example.com")).isNull();
        assertThat(AddressMatcher.literal("999.1.1.1")).isNull();
    }
}
