package cn.govcloud.guard.supervision;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/**
 * The supervisor issued a notice (通报, A11.3 "及时通知通报") to one unit; the unit's acknowledgement duty
 * ({@code A11.3-notice-acknowledgement}) hangs on {@code notice.issued}. One event per receiving unit.
 */
public record NoticeIssued(long noticeId, Subject unit, Instant at) implements DutyEvent {

    /** The duty's reference: {@code supervision-notice:NOTICE:UNIT}. */
    public String reference() {
        return "supervision-notice:" + noticeId + ":" + unit.id();
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("notice.issued", unit, at, reference());
    }
}
