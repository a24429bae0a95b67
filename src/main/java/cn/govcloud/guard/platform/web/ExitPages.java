package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.Exit;
import cn.govcloud.guard.platform.internal.MigrationTasks;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.platform.internal.ProviderExit;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.TimeConfiguration;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The provider exit as pages (A5.6): the application, the migration tasks, the data-clearance report. */
@Controller
@AllowOversightAndProvider
class ExitPages {
    private final ProviderExit exits;
    private final MigrationTasks tasks;
    private final PlatformExport export;
    private final PageForms forms;
    private final Clock clock;

    ExitPages(ProviderExit exits, MigrationTasks tasks, PlatformExport export, PageForms forms, Clock clock) {
        this.exits = exits;
        this.tasks = tasks;
        this.export = export;
        this.forms = forms;
        this.clock = clock;
    }

    @GetMapping("/platform/exits")
    @AllowParties
    String exits(@RequestParam Map<String, String> params, Model model) {
        Actor actor = Actor.require();
        forms.list(model, params, RegisterFilters::exits, e -> true, keep -> exits.list(actor).stream().filter(keep)::forEach);
        model.addAttribute("states", RegisterFilters.EXIT_STATES);
        model.addAttribute("earliestEnd", exits.earliestEnd());
        model.addAttribute("mayWrite", actor.has(Role.PROVIDER_OPERATOR));
        PageForms.blankForm(model);
        return "platform/exits";
    }

    @PostMapping("/platform/exits")
    @AllowProvider
    String fileExit(@RequestParam Map<String, String> form, Model model) {
        Exit[] exit = new Exit[1];
        if (!forms.attempt(model, form, () -> exit[0] = exits.file(Actor.require(), new ProviderExit.NewExit(
                Inputs.date("endDate", form.get("endDate")), form.get("reason"), form.get("contact"))))) {
            return exits(Map.of(), model);
        }
        return "redirect:/platform/exits/" + exit[0].id();
    }

    @GetMapping("/platform/exits/{id}")
    @AllowParties
    String exit(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        model.addAttribute("exit", exits.find(id, actor).orElseThrow(() -> new NotFound("exit " + id)));
        model.addAttribute("taskStates", Exit.TaskState.values());
        model.addAttribute("mayWrite", actor.has(Role.PROVIDER_OPERATOR));
        model.addAttribute("mayUpdateTasks", actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.UNIT_SECURITY_OFFICER));
        model.addAttribute("mayDecideExit", actor.has(Role.SUPERVISOR)); // issue 17 point 14, see ExitDecisionPages
        model.addAttribute("today", LocalDate.now(clock.withZone(TimeConfiguration.CITY_ZONE)));
        PageForms.blankForm(model);
        return "platform/exit";
    }

    @PostMapping("/platform/exits/{id}/clearance")
    @AllowProvider
    String clearance(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        if (!forms.attempt(model, form, () -> exits.fileClearance(Actor.require(), id, new ProviderExit.Clearance(Inputs.date("clearedOn",
                form.get("clearedOn")), form.get("scope"), form.get("method"), form.get("verifiedBy"))))) {
            return exit(id, model);
        }
        redirect.addFlashAttribute("flash", forms.text("platform.exit.cleared"));
        return "redirect:/platform/exits/" + id;
    }

    @PostMapping("/platform/exits/tasks/{taskId}")
    @Allow({Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER})
    String task(@PathVariable long taskId, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            Exit.Task task = tasks.update(Actor.require(), taskId, Inputs.taskState(form.get("state")), form.get("target"), form.get("note"));
            redirect.addFlashAttribute("flash", forms.text("platform.exit.taskUpdated", task.systemName()));
            return "redirect:/platform/exits/" + task.exitId();
        } catch (InvalidInput | RuleViolation e) {
            // shown on the exit's page as a flash message: the task row is one of many
            redirect.addFlashAttribute("taskError", forms.refusal(e));
            return "redirect:/platform/exits/" + visibleExitOf(taskId);
        }
    }

    /** The exit of a task, when the actor may see it (a task of another unit's system is not found). */
    private long visibleExitOf(long taskId) {
        long exitId = tasks.exitOf(taskId);
        return exits.find(exitId, Actor.require()).filter(e -> e.tasks().stream().anyMatch(t -> t.id() == taskId)).map(Exit::id)
                .orElseThrow(() -> new NotFound("migration task " + taskId));
    }

    @GetMapping("/platform/exits/export.xlsx")
    @AllowParties
    void exportExits(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        // the exits the list shows for the same query, every page of them; a refused query is a 400 naming the field
        RegisterQuery<Predicate<Exit>> query = RegisterQuery.parse(params, RegisterFilters::exits);
        export.exits(exits.list(Actor.require()).stream().filter(query.filter()).toList(), query.params(), response);
    }
}
