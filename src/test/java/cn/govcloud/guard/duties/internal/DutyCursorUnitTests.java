package cn.govcloud.guard.duties.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The duty list's keyset cursor keeps the due time to the microsecond the database stores, so no row repeats across pages. */
class DutyCursorUnitTests {

    @Test
    void aCursorRoundTripsAMinuteDeadlineWithMicroseconds() {
        // a 30-minute incident deadline counted from an alert received at …45.123456
        Instant due = Instant.parse("2026-11-25T08:35:45.123456Z");
        Duty last = new Duty(42, "A10.4-incident-report", "A10.4", "v", SubjectKind.PLATFORM, 4, "平台", 4, Party.PROVIDER, null,
                "incident.confirmed", "incident:1", due.minusSeconds(1800), LocalDate.parse("2026-11-25"), due, false, DutyState.OPEN, null, null);
        DutyCursor cursor = DutyCursor.parse(DutyCursor.of(last));
        assertThat(cursor.dueAt()).isEqualTo(due);
        assertThat(cursor.id()).isEqualTo(42);
    }

    @Test
    void aForgedCursorIsInvalidInputNotAServerError() {
        assertThatThrownBy(() -> DutyCursor.parse("abc")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> DutyCursor.parse("12_x")).isInstanceOf(InvalidInput.class);
        assertThat(DutyCursor.parse("")).isNull();
    }
}
