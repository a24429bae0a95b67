package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.Interfaces;
import cn.govcloud.guard.platform.internal.NetworkLines;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** External network lines and interfaces as a page (A6): four forms, each re-shown with its errors when refused. */
@Controller
@AllowOversightAndProvider
class NetworkPages {
    private final NetworkLines lines;
    private final Interfaces interfaces;
    private final PlatformExport export;
    private final PageForms forms;

    NetworkPages(NetworkLines lines, Interfaces interfaces, PlatformExport export, PageForms forms) {
        this.lines = lines;
        this.interfaces = interfaces;
        this.export = export;
        this.forms = forms;
    }

    /** The lines as the list's query filters and pages them (issue 23 point 11), and the interfaces. */
    @GetMapping("/platform/network")
    String network(@RequestParam Map<String, String> params, Model model) {
        Actor actor = Actor.require();
        var all = lines.lines(actor);
        forms.list(model, params, RegisterFilters::lines, l -> true, keep -> all.stream().filter(keep)::forEach);
        model.addAttribute("lines", all);
        // the interface form's line choice: each line by its name
        model.addAttribute("lineNames", all.stream().collect(java.util.stream.Collectors.toMap(l -> l.id(), l -> l.name(), (a, b) -> a,
                java.util.LinkedHashMap::new)));
        model.addAttribute("interfaces", interfaces.interfaces(actor));
        model.addAttribute("lineTypes", NetworkLines.LINE_TYPES);
        model.addAttribute("reviewResults", Interfaces.REVIEW_RESULTS);
        model.addAttribute("mayWrite", actor.has(Role.PROVIDER_OPERATOR));
        PageForms.blankForm(model);
        return "platform/network";
    }

    private String write(Model model, Map<String, String> form, String formName, PageForms.Write write, RedirectAttributes redirect) {
        return forms.save(model, form, formName, write, redirect, "/platform/network", () -> network(Map.of(), model));
    }

    @PostMapping("/platform/network/lines")
    @AllowProvider
    String addLine(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return write(model, form, "line", () -> lines.addLine(Actor.require(), new NetworkLines.NewLine(form.get("name"), form.get("lineType"),
                form.get("carrier"), form.get("bandwidth"), form.get("userOrg"), Inputs.bool(form.get("firewall")),
                Inputs.bool(form.get("intrusionPrevention")), form.get("boundaryNote"))), redirect);
    }

    @PostMapping("/platform/network/lines/{id}/protection")
    @AllowProvider
    String protection(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        // unticked boxes are not posted: here they mean "no"
        return write(model, form, "protection", () -> lines.setProtection(Actor.require(), id, "true".equals(form.get("firewall")),
                "true".equals(form.get("intrusionPrevention")), form.get("boundaryNote")), redirect);
    }

    @PostMapping("/platform/network/interfaces")
    @AllowProvider
    String addInterface(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return write(model, form, "interface", () -> interfaces.addInterface(Actor.require(), new Interfaces.NewInterface(
                Inputs.lineId(form.get("lineId")), form.get("name"), form.get("endpoint"), form.get("purpose"), form.get("manager"),
                form.get("managerContact"))), redirect);
    }

    @PostMapping("/platform/network/interfaces/{id}/reviews")
    @AllowProvider
    String review(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return write(model, form, "review-" + id, () -> interfaces.review(Actor.require(), id, new Interfaces.Review(Inputs.date("reviewedOn",
                form.get("reviewedOn")), form.get("reviewer"), form.get("result"), form.get("note"))), redirect);
    }

    /** The lines the list shows for the same query, every page of them; a refused query is a 400 naming the field. */
    @GetMapping("/platform/network/export.xlsx")
    void exportLines(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        RegisterQuery<Predicate<NetworkLines.Line>> query = RegisterQuery.parse(params, RegisterFilters::lines);
        export.lines(lines.lines(Actor.require()).stream().filter(query.filter()).toList(), query.params(), response);
    }
}
