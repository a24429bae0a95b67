package cn.govcloud.guard.systems;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/**
 * The supervisor's decision raised a work order to the provider (issue 17 point 6): {@code article} A11.2 for the gate
 * (admission, a switch), A11.4 for suspension, resumption and exit; {@code kind} the order's kind, e.g. ADMISSION. The
 * catalog's {@code system.gate-order-issued} / {@code system.suspension-order-issued} duties hang on it.
 */
public record WorkOrderIssued(long workOrderId, Subject system, String kind, String article, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger(article.equals("A11.2") ? "system.gate-order-issued" : "system.suspension-order-issued", system, at,
                "work-order:" + workOrderId, Map.of("orderKind", kind));
    }
}
