package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.platform.internal.ProviderExit;
import cn.govcloud.guard.platform.internal.ProviderExit.Clearance;
import cn.govcloud.guard.platform.internal.ProviderExit.Exit;
import cn.govcloud.guard.platform.internal.ProviderExit.NewExit;
import cn.govcloud.guard.platform.internal.ProviderExit.Task;
import cn.govcloud.guard.platform.internal.ProviderExit.TaskState;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A5.6 over the API: the provider files its exit and the clearance report; migration tasks are tracked by all concerned. */
@RestController
@RequestMapping("/api/v1/platform/exits")
@AllowParties
class ExitApiController {
    private final ProviderExit exits;
    private final PlatformExport export;

    ExitApiController(ProviderExit exits, PlatformExport export) {
        this.exits = exits;
        this.export = export;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return exits.list(Actor.require()).stream().map(ExitApiController::json).toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return json(exits.find(id, Actor.require()).orElseThrow(() -> new NotFound("exit " + id)));
    }

    record ExitBody(String endDate, String reason, String contact) {
    }

    /** A5.6: the end of service at least 90 days after today, else 409 naming A5.6. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    Map<String, Object> file(@RequestBody ExitBody body) {
        return json(exits.file(new NewExit(CertificationApiController.date("endDate", body.endDate()), body.reason(), body.contact())));
    }

    record ClearanceBody(String clearedOn, String scope, String method, String verifiedBy) {
    }

    @PostMapping(path = "/{id}/clearance", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    Map<String, Object> clearance(@PathVariable long id, @RequestBody ClearanceBody body) {
        return json(exits.fileClearance(id, new Clearance(CertificationApiController.date("clearedOn", body.clearedOn()), body.scope(),
                body.method(), body.verifiedBy())));
    }

    record TaskBody(String state, String target, String note) {
    }

    @PostMapping(path = "/tasks/{taskId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allow({Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER})
    Map<String, Object> task(@PathVariable long taskId, @RequestBody TaskBody body) {
        return json(exits.updateTask(taskId, taskState(body.state()), body.target(), body.note()));
    }

    @GetMapping("/export.xlsx")
    void exportXlsx(HttpServletResponse response, Locale locale) throws IOException {
        PlatformExport.prepare(response, "provider-exit.xlsx");
        export.exits(Actor.require(), locale, response.getOutputStream());
    }

    static TaskState taskState(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TaskState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("platform.exit.error.invalid", Map.of("state", "platform.exit.error.taskState"));
        }
    }

    static Map<String, Object> json(Exit e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("filedAt", e.filedAt());
        m.put("filedBy", e.filedBy());
        m.put("endDate", e.endDate());
        m.put("reason", e.reason());
        m.put("contact", e.contact());
        m.put("state", e.state());
        m.put("overdue", e.overdue());
        m.put("clearedOn", e.clearedOn());
        m.put("clearanceScope", e.clearanceScope());
        m.put("clearanceMethod", e.clearanceMethod());
        m.put("verifiedBy", e.verifiedBy());
        m.put("clearanceFiledAt", e.clearanceFiledAt());
        m.put("systems", e.tasks().size());
        m.put("migrated", e.migrated());
        m.put("tasks", e.tasks().stream().map(ExitApiController::json).toList());
        // issue 17 point 14: the competent department's decision (null until it decides)
        m.put("decision", e.decision() == null ? null : e.decision().decision());
        m.put("decisionReason", e.decision() == null ? null : e.decision().reason());
        m.put("decidedBy", e.decision() == null ? null : e.decision().decidedBy());
        m.put("decidedAt", e.decision() == null ? null : e.decision().decidedAt());
        return m;
    }

    static Map<String, Object> json(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("exitId", t.exitId());
        m.put("systemId", t.systemId());
        m.put("orgId", t.orgId());
        m.put("systemName", t.systemName());
        m.put("state", t.state());
        m.put("target", t.target());
        m.put("note", t.note());
        m.put("updatedAt", t.updatedAt());
        m.put("updatedBy", t.updatedBy());
        return m;
    }
}
