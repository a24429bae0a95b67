package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.Exit;
import cn.govcloud.guard.platform.internal.MigrationTasks;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.platform.internal.ProviderExit;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

    record TaskView(long id, long exitId, long systemId, long orgId, String systemName, Exit.TaskState state, String target,
                    String note, Instant updatedAt, String updatedBy) {
        static TaskView of(Exit.Task t) {
            return new TaskView(t.id(), t.exitId(), t.systemId(), t.orgId(), t.systemName(), t.state(), t.target(), t.note(), t.updatedAt(),
                    t.updatedBy());
        }
    }

    /** An exit with its tasks and, once the department decided (issue 17 point 14), its decision; null until then. */
    record ExitView(long id, Instant filedAt, String filedBy, LocalDate endDate, String reason, String contact, String state,
                    boolean overdue, LocalDate clearedOn, String clearanceScope, String clearanceMethod, String verifiedBy,
                    Instant clearanceFiledAt, int systems, long migrated, List<TaskView> tasks, String decision, String decisionReason,
                    String decidedBy, Instant decidedAt) {
        static ExitView of(Exit e) {
            Exit.Decision d = e.decision();
            return new ExitView(e.id(), e.filedAt(), e.filedBy(), e.endDate(), e.reason(), e.contact(), e.state(), e.overdue(),
                    e.clearedOn(), e.clearanceScope(), e.clearanceMethod(), e.verifiedBy(), e.clearanceFiledAt(), e.tasks().size(),
                    e.migrated(), e.tasks().stream().map(TaskView::of).toList(), d == null ? null : d.decision(),
                    d == null ? null : d.reason(), d == null ? null : d.decidedBy(), d == null ? null : d.decidedAt());
        }
    }

    record ExitBody(String endDate, String reason, String contact) {
    }

    record ClearanceBody(String clearedOn, String scope, String method, String verifiedBy) {
    }

    record TaskBody(String state, String target, String note) {
    }

    private final ProviderExit exits;
    private final MigrationTasks tasks;
    private final PlatformExport export;

    ExitApiController(ProviderExit exits, MigrationTasks tasks, PlatformExport export) {
        this.exits = exits;
        this.tasks = tasks;
        this.export = export;
    }

    @GetMapping
    List<ExitView> list() {
        return exits.list(Actor.require()).stream().map(ExitView::of).toList();
    }

    @GetMapping("/{id}")
    ExitView get(@PathVariable long id) {
        return ExitView.of(exits.find(id, Actor.require()).orElseThrow(() -> new NotFound("exit " + id)));
    }

    /** A5.6: the end of service at least 90 days after today, else 409 naming A5.6. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    ExitView file(@RequestBody ExitBody body) {
        return ExitView.of(exits.file(Actor.require(), new ProviderExit.NewExit(Inputs.date("endDate", body.endDate()), body.reason(),
                body.contact())));
    }

    @PostMapping(path = "/{id}/clearance", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowProvider
    ExitView clearance(@PathVariable long id, @RequestBody ClearanceBody body) {
        return ExitView.of(exits.fileClearance(Actor.require(), id, new ProviderExit.Clearance(Inputs.date("clearedOn", body.clearedOn()),
                body.scope(), body.method(), body.verifiedBy())));
    }

    @PostMapping(path = "/tasks/{taskId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allow({Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER})
    TaskView task(@PathVariable long taskId, @RequestBody TaskBody body) {
        return TaskView.of(tasks.update(Actor.require(), taskId, Inputs.taskState(body.state()), body.target(), body.note()));
    }

    @GetMapping("/export.xlsx")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    void exportXlsx(HttpServletResponse response) throws IOException {
        export.exits(Actor.require(), response);
    }
}
