package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.systems.internal.SystemRegister;
import cn.govcloud.guard.systems.web.SystemDtos.Page;
import cn.govcloud.guard.systems.web.SystemDtos.RegisterEntryJson;
import cn.govcloud.guard.systems.web.SystemDtos.WorkOrderJson;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.internal.WorkOrders;
import cn.govcloud.guard.systems.internal.WorkOrders.Confirmation;
import cn.govcloud.guard.systems.internal.WorkOrders.Filter;
import cn.govcloud.guard.systems.internal.WorkOrders.WorkOrder;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Work orders to the provider over the API (issue 17 point 6, A11.2, A11.4): the provider lists what it has to execute with
 * the due times and confirms each; the unit (its own systems only), the supervisor and the regulators read them. The
 * provider's read-only view of the register's metadata is here too (A8.1: no unit data in it).
 */
@RestController
class WorkOrderApiController {
    private static final int PAGE = 50;
    private final WorkOrders orders;
    private final SystemRegister register;

    WorkOrderApiController(WorkOrders orders, SystemRegister register) {
        this.orders = orders;
        this.register = register;
    }

    record Body(String executedBy, String executedAt, String changes) {
    }

    @GetMapping("/api/v1/work-orders")
    @AllowParties
    Page<WorkOrderJson> list(@RequestParam(required = false) Long system, @RequestParam(required = false) Long unit,
                             @RequestParam(required = false) String state, @RequestParam(required = false) String kind,
                             @RequestParam(required = false) Long before, @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String q) {
        int size = limit == null ? PAGE : Math.max(1, Math.min(limit, 200));
        // q (issue 23 point 11): the page's keyword (system name or order number), optional
        ListParameters p = ListParams.api("q", q, "system", system, "unit", unit, "state", state, "kind", kind);
        Filter filter = ListParams.workOrders(p);
        p.check(); // issue 23 point 11: a value the list cannot read is a 400 naming it, as on the page
        List<WorkOrder> page = orders.page(Actor.require(), filter, before, size + 1);
        return Page.of(page, size, WorkOrderJson::of, WorkOrder::id);
    }

    @GetMapping("/api/v1/work-orders/{id}")
    @AllowParties
    WorkOrderJson get(@PathVariable long id) {
        return WorkOrderJson.of(orders.visible(id, Actor.require()));
    }

    /** The provider's confirmation as JSON: {@code {"executedBy", "executedAt": ISO-8601 instant, "changes"}}. */
    @PostMapping(path = "/api/v1/work-orders/{id}/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    WorkOrderJson confirm(@PathVariable long id, @RequestBody(required = false) Body body) {
        Body b = body == null ? new Body(null, null, null) : body;
        return WorkOrderJson.of(orders.confirm(id, new Confirmation(b.executedBy(), instant(b.executedAt()), b.changes()), null, null));
    }

    /** The same as multipart, with an optional evidence file in part {@code file}. */
    @PostMapping(path = "/api/v1/work-orders/{id}/confirmation", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @AllowProvider
    WorkOrderJson confirmWithEvidence(@PathVariable long id, @RequestParam(required = false) String executedBy,
                                            @RequestParam(required = false) String executedAt, @RequestParam(required = false) String changes,
                                            HttpServletRequest request) throws IOException {
        Upload upload = Upload.of(SystemApiController.file(request));
        return WorkOrderJson.of(orders.confirm(id, new Confirmation(executedBy, instant(executedAt), changes), upload.name(), upload.content()));
    }

    @GetMapping("/api/v1/work-orders/{id}/evidence")
    @AllowParties
    ResponseEntity<byte[]> evidence(@PathVariable long id) {
        StoredDocument doc = orders.evidence(id, Actor.require());
        return Downloads.attachment(doc, orders.evidenceContent(doc.id()));
    }

    /** The register's metadata for the provider (issue 17 point 6): paged, filterable; nothing of the unit's data (A8.1). */
    @GetMapping("/api/v1/system-register")
    @AllowProvider
    Page<RegisterEntryJson> register(@RequestParam(required = false) Long unit, @RequestParam(required = false) Integer level,
                                 @RequestParam(required = false) String state, @RequestParam(required = false) String exposure,
                                 @RequestParam(required = false) String name, @RequestParam(required = false) Long before,
                                 @RequestParam(required = false) Integer limit) {
        int size = limit == null ? PAGE : Math.max(1, Math.min(limit, 200));
        List<SystemRegister.Entry> page = register.page(Actor.require(), new SystemRegister.Filter(unit, level,
                SystemApiController.parse(SystemState.class, "state", state), SystemApiController.parse(Exposure.class, "exposure", exposure),
                name), before, size + 1);
        return Page.of(page, size, RegisterEntryJson::of, SystemRegister.Entry::id);
    }

    /** An ISO-8601 instant with offset, or a local date-time (a browser's datetime-local) read in Asia/Shanghai; null when blank. */
    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value.strip()).atZone(cn.govcloud.guard.calendar.WorkingCalendar.ZONE).toInstant();
            } catch (DateTimeParseException again) {
                throw new InvalidInput("systems.workOrder.error.invalid", Map.of("executedAt", "systems.workOrder.error.executedAt"));
            }
        }
    }
}
