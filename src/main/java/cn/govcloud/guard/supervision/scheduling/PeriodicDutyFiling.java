package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Files the supervisor's periodic platform duty of a period (the month's scheduling, the quarter's
 * inspection, A11.3) with its evidence and the rendered PDF, for each platform (one per provider),
 * when it still awaits evidence; a duty already filed is left as it is.
 */
@Component
public class PeriodicDutyFiling {
    private final Duties duties;

    PeriodicDutyFiling(Duties duties) {
        this.duties = duties;
    }

    /** @return the first filed duty's id, or null when none awaited evidence */
    public Long file(String ruleId, LocalDate periodStart, Map<String, String> fields, String documentSlot, String filename, byte[] pdf) {
        Long first = null;
        // by rule and period: the platform owes two duties a day, so its latest duties may not reach back to the period's
        for (Duty open : duties.ofRuleAndPeriod(ruleId, periodStart)) {
            if (open.subjectKind() == SubjectKind.PLATFORM && open.state().awaitsSubmission()) {
                duties.submit(open.id(), fields, List.of(new Duties.Attachment(documentSlot, filename, new ByteArrayInputStream(pdf))));
                first = first == null ? open.id() : first;
            }
        }
        return first;
    }
}
