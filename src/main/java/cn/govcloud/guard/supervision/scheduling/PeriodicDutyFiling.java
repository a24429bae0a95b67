package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.OrgKind;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Files the supervisor's periodic platform duty of a period (the month's scheduling, the quarter's
 * inspection, A11.3) with its evidence and the rendered PDF, for each platform (one per provider),
 * when it still awaits evidence; a duty already filed is left as it is.
 */
@Component
public class PeriodicDutyFiling {
    private final Duties duties;
    private final OrganisationDirectory organisations;

    PeriodicDutyFiling(Duties duties, OrganisationDirectory organisations) {
        this.duties = duties;
        this.organisations = organisations;
    }

    /** @return the first filed duty's id, or null when none awaited evidence */
    public Long file(String ruleId, LocalDate periodStart, Map<String, String> fields, String documentSlot, String filename, byte[] pdf) {
        Long first = null;
        for (OrganisationView provider : organisations.ofKind(OrgKind.PROVIDER)) {
            Optional<Duty> open = duties.ofSubject(SubjectKind.PLATFORM, provider.id()).stream()
                    .filter(d -> d.ruleId().equals(ruleId) && periodStart.equals(d.periodStart()) && d.state().awaitsSubmission())
                    .findFirst();
            if (open.isPresent()) {
                duties.submit(open.get().id(), fields, List.of(new Duties.Attachment(documentSlot, filename, new ByteArrayInputStream(pdf))));
                first = first == null ? open.get().id() : first;
            }
        }
        return first;
    }
}
