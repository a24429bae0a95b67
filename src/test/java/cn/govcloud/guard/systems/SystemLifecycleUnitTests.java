package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.internal.Addresses;
import cn.govcloud.guard.systems.internal.Lifecycle;
import cn.govcloud.guard.systems.internal.SystemState;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lifecycle table and the address syntax, without Spring. */
class SystemLifecycleUnitTests {

    @Test
    void everyActionLeadsWhereTheTableSaysAndIsRefusedElsewhereWithRuleAndState() {
        for (Lifecycle action : Lifecycle.values()) {
            for (SystemState state : SystemState.values()) {
                if (action.allowedFrom(state)) {
                    assertThat(action.check(state)).isEqualTo(action.to());
                } else {
                    assertThatThrownBy(() -> action.check(state)).isInstanceOf(RuleViolation.class)
                            .hasMessageContaining(state.name())
                            .satisfies(e -> assertThat(((RuleViolation) e).rule()).isEqualTo(action.rule()));
                }
            }
        }
    }

    @Test
    void theRulesOfTheMeasuresGuardTheGates() {
        assertThat(Lifecycle.REQUEST_ADMISSION.rule()).isEqualTo("A11.1");
        assertThat(Lifecycle.ADMIT.rule()).isEqualTo("A11.2");
        assertThat(Lifecycle.SWITCH.from()).containsExactly(SystemState.ADMITTED);
        assertThat(Lifecycle.SUSPEND.rule()).isEqualTo("A11.4");
        // nothing leaves EXITED; admission only after a request
        for (Lifecycle action : Lifecycle.values()) {
            assertThat(action.allowedFrom(SystemState.EXITED)).isFalse();
            if (action.to() == SystemState.ADMITTED && action != Lifecycle.SWITCH) {
                assertThat(action.from()).isSubsetOf(EnumSet.of(SystemState.AWAITING_VERIFICATION, SystemState.SUSPENDED));
            }
        }
    }

    @Test
    void addressesAreIpsRangesOrDomainNames() {
        assertThat(Addresses.classify("10.20.1.5")).contains(Addresses.Kind.IP);
        assertThat(Addresses.classify("2001:db8::1")).contains(Addresses.Kind.IP);
        assertThat(Addresses.classify("10.20.0.0/16")).contains(Addresses.Kind.CIDR);
        assertThat(Addresses.classify("2001:db8::/32")).contains(Addresses.Kind.CIDR);
        assertThat(Addresses.classify("zs.baotou.gov.cn")).contains(Addresses.Kind.DOMAIN);
        assertThat(Addresses.classify("*.jyj.baotou.gov.cn")).contains(Addresses.Kind.DOMAIN);
        for (String bad : new String[] {"10.0.0.256", "10.0.0", "10.0.0.0/33", "not a host", "-bad.example.com", "a..b", "", "2001:db8::1::2",
                "http://x.gov.cn", "x.gov.cn/path"}) {
            assertThat(Addresses.classify(bad)).as(bad).isEqualTo(Optional.empty());
        }
    }
}
