package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.PeopleNames;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.WorkOrders;
import cn.govcloud.guard.systems.internal.WorkOrders.WorkOrder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 23 point 11: the work-order list (/work-orders) as Excel, with the page's own filters and keyword (the same
 * query, keyset pages of {@link SheetExport#PAGE}); each party only the orders it sees on the page.
 */
@RestController
@AllowParties
class WorkOrderExports {
    private final WorkOrders orders;
    private final SystemQueries systems;
    private final SheetExport export;
    private final PeopleNames people;

    WorkOrderExports(WorkOrders orders, SystemQueries systems, SheetExport export, PeopleNames people) {
        this.people = people;
        this.orders = orders;
        this.systems = systems;
        this.export = export;
    }

    @GetMapping("/work-orders/export.xlsx")
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListParameters p = ListParameters.of(params);
        WorkOrders.Filter filter = ListParams.workOrders(p);
        p.check(); // issue 23 point 11: refused, nothing exported
        Map<String, String> shown = ListParams.shown(export, filter.q(), filter.orgId(), systems.units(actor));
        ListParams.shownChoice(shown, export, "systems.workOrder.state", "systems.workOrder.state.", filter.state());
        ListParams.shownChoice(shown, export, "systems.workOrder.kind", "systems.workOrder.kind.", filter.kind());
        String title = export.text("systems.workOrder.title");
        List<SheetExport.Column> columns = List.of(export.column("systems.workOrder.number", 10), export.column("systems.field.name", 28),
                export.column("systems.field.unit", 24), export.column("systems.workOrder.kind", 16),
                export.column("systems.workOrder.orderedAt", 18), export.column("systems.workOrder.dueAt", 18),
                export.column("systems.workOrder.state", 12), export.column("systems.workOrder.executedBy", 12),
                export.column("systems.workOrder.executedAt", 18));
        export.write(new SheetExport.Request("systems.work-order", title, title + ".xlsx", columns, shown, false), rows -> {
            ListParams.everyRow(filter, (f, before, limit) -> orders.page(actor, f, before, limit), WorkOrder::id, o ->
                rows.add("GD-" + o.id(), o.systemName(), o.orgName(), export.text("systems.workOrder.kind." + o.kind()), o.orderedAt(),
                        o.dueAt().minusSeconds(1), export.text("systems.workOrder.state." + o.state()), people.name(o.executedBy()), o.executedAt()));
        }, response);
    }
}
