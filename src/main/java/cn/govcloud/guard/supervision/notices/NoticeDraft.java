package cn.govcloud.guard.supervision.notices;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.supervision.scheduling.Db;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts the body of a "逾期未整改隐患通报" from the overdue rectification duties (A10.2-rectify),
 * unit by unit, with the units it names pre-selected as recipients.
 */
@Component
@Transactional(readOnly = true)
public class NoticeDraft {
    static final String RECTIFY_RULE = "A10.2-rectify";

    private final Duties duties;
    private final OrganisationDirectory organisations;
    private final Clock clock;

    NoticeDraft(Duties duties, OrganisationDirectory organisations, Clock clock) {
        this.duties = duties;
        this.organisations = organisations;
        this.clock = clock;
    }

    public record Draft(String kind, String title, String body, List<Long> unitIds) {
    }

    public Draft overdueRectifications(Actor actor) {
        LocalDate today = Db.today(clock);
        Map<Long, List<Duty>> byUnit = new LinkedHashMap<>();
        duties.agendaOf(actor, 1000).overdue().stream().filter(d -> d.ruleId().equals(RECTIFY_RULE) || d.ruleId().equals(RECTIFY_RULE + "-critical"))
                .forEach(d -> byUnit.computeIfAbsent(d.orgId(), k -> new ArrayList<>()).add(d));
        Map<Long, String> names = organisations.all().stream().collect(Collectors.toMap(OrganisationView::id, OrganisationView::name, (a, b) -> a));
        StringBuilder body = new StringBuilder();
        body.append("截至").append(today).append("，以下单位存在逾期未整改的风险隐患，请于收到本通报后立即组织整改，")
                .append("并按《政务云安全管理办法》要求在整改完成后书面反馈：\n");
        if (byUnit.isEmpty()) {
            body.append("\n（目前无逾期未整改隐患。）\n");
        }
        int n = 0;
        for (Map.Entry<Long, List<Duty>> unit : byUnit.entrySet()) {
            body.append('\n').append(++n).append("、").append(names.getOrDefault(unit.getKey(), "#" + unit.getKey()))
                    .append("（").append(unit.getValue().size()).append("项）\n");
            for (Duty d : unit.getValue()) {
                body.append("   · ").append(d.subjectName()).append("，应于").append(d.dueDate()).append("前完成，已逾期")
                        .append(Math.max(0, ChronoUnit.DAYS.between(d.dueDate(), today))).append("天（").append(d.reference()).append("）\n");
            }
        }
        body.append("\n市大数据中心");
        return new Draft("逾期未整改隐患通报", today.getYear() + "年" + today.getMonthValue() + "月逾期未整改隐患通报", body.toString(),
                List.copyOf(byUnit.keySet()));
    }
}
