package cn.govcloud.guard.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.platform.internal.SupplyItem.Kind;
import cn.govcloud.guard.platform.internal.SupplyItem.State;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform's aggregates guard their own transitions and name the rule that refuses one (A5.5, A5.6). */
class PlatformAggregatesUnitTests {
    private static final LocalDate TODAY = LocalDate.parse("2026-03-02");

    private static SupplyItem item(Kind kind, State state, LocalDate signedOn, LocalDate validUntil) {
        return new SupplyItem(1, 1, kind, "MANUAL", "x", "1.0", null, "s", null, state, false, null, null, null, null, null, null,
                signedOn == null ? null : "cp", signedOn, validUntil, Instant.EPOCH, List.of());
    }

    private static Exit exit(String state, String decision, LocalDate end) {
        return new Exit(1, 1, Instant.EPOCH, "p", end, "r", "c", state, null, null, null, null, null, false, List.of(),
                decision == null ? null : new Exit.Decision(decision, null, "s", Instant.EPOCH));
    }

    @Test
    void A5_5_aSupplyItemIsUsedOnlyAfterAnApprovingAssessmentAndAValidAgreement() {
        assertThatThrownBy(() -> item(Kind.THIRD_PARTY, State.PENDING, null, null).requireUsable(TODAY))
                .isInstanceOf(RuleViolation.class).hasMessage("platform.supply.error.notApproved");
        assertThatThrownBy(() -> item(Kind.THIRD_PARTY, State.REJECTED, TODAY, null).requireUsable(TODAY))
                .hasMessage("platform.supply.error.notApproved");
        assertThatThrownBy(() -> item(Kind.THIRD_PARTY, State.APPROVED, null, null).requireUsable(TODAY))
                .hasMessage("platform.supply.error.noAgreement");
        assertThatThrownBy(() -> item(Kind.SUBCONTRACT, State.CONDITIONAL, TODAY.minusYears(2), TODAY.minusDays(1)).requireUsable(TODAY))
                .hasMessage("platform.supply.error.noAgreement");
        assertThatCode(() -> item(Kind.THIRD_PARTY, State.APPROVED, TODAY, null).requireUsable(TODAY)).doesNotThrowAnyException();
        // open source owes no agreement, and may not be given one
        assertThatCode(() -> item(Kind.OPEN_SOURCE, State.APPROVED, null, null).requireUsable(TODAY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> item(Kind.OPEN_SOURCE, State.APPROVED, null, null).requireAgreementOwed())
                .isInstanceOf(RuleViolation.class).hasMessage("platform.supply.error.agreementOpenSource");
        assertThat(SupplyItem.decidedBy("整改后使用")).isEqualTo(State.CONDITIONAL);
    }

    @Test
    void A5_6_anExitNeeds90DaysNotice_anAcceptanceIsFinal_theClearanceComesAfterTheEnd() {
        assertThatThrownBy(() -> Exit.requireNotice(TODAY.plusDays(89), TODAY)).isInstanceOf(RuleViolation.class)
                .hasMessage("platform.exit.error.notice");
        assertThatCode(() -> Exit.requireNotice(TODAY.plusDays(90), TODAY)).doesNotThrowAnyException();

        Exit objected = exit("OPEN", "OBJECTED", TODAY.plusDays(100));
        assertThat(objected.decidable()).isTrue();
        assertThatCode(objected::requireDecidable).doesNotThrowAnyException();
        Exit accepted = exit("OPEN", "ACCEPTED", TODAY.plusDays(100));
        assertThat(accepted.decidable()).isFalse();
        assertThatThrownBy(accepted::requireDecidable).hasMessage("platform.exit.decision.error.decided");
        assertThatThrownBy(exit("CLEARED", null, TODAY)::requireDecidable).hasMessage("platform.exit.error.closed");

        assertThatThrownBy(() -> accepted.requireEnded(TODAY)).isInstanceOf(RuleViolation.class).hasMessage("platform.exit.error.notEnded");
        assertThatCode(() -> exit("OPEN", null, TODAY).requireEnded(TODAY)).doesNotThrowAnyException();
    }
}
