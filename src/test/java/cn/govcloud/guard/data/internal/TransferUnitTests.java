package cn.govcloud.guard.data.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A8.3: a cross-border transfer's basis moves on with a status and, once approved, a validity; a withdrawn one is final. */
class TransferUnitTests {

    @Test
    void anApprovalNeedsItsValidity_A8_3() {
        assertThat(Transfer.basisErrors(LegalBasis.SECURITY_ASSESSMENT, TransferStatus.APPROVED, null)).containsKey("validUntil");
        assertThat(Transfer.basisErrors(null, null, null)).containsKeys("legalBasis", "status");
        assertThatThrownBy(() -> transfer(TransferStatus.FILED).requireProgress(LegalBasis.SECURITY_ASSESSMENT, TransferStatus.APPROVED, null))
                .isInstanceOf(InvalidInput.class);
        transfer(TransferStatus.FILED).requireProgress(LegalBasis.SECURITY_ASSESSMENT, TransferStatus.APPROVED, LocalDate.of(2027, 12, 31));
    }

    @Test
    void aWithdrawnTransferIsFinal_A8_3() {
        assertThatThrownBy(() -> transfer(TransferStatus.WITHDRAWN).requireProgress(LegalBasis.STANDARD_CONTRACT, TransferStatus.FILED, null))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).rule()).isEqualTo("A8.3");
    }

    private static Transfer transfer(TransferStatus status) {
        return new Transfer(1, 2, "单位", 3, "数据集", Grade.IMPORTANT, "接收方", "新加坡", "目的", LegalBasis.SECURITY_ASSESSMENT, status, null,
                Instant.parse("2026-12-07T00:00:00Z"), "unit1");
    }
}
