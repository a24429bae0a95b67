package cn.govcloud.guard.rules.web;

import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.internal.CatalogSnapshot;
import cn.govcloud.guard.rules.internal.OverlayRefused;
import cn.govcloud.guard.rules.internal.RuleCatalogService;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.TimeConfiguration;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rule catalog for everybody (what is owed, by whom, by when), each rule's page with the
 * Measures' own words, and the supervisor's form to put a district overlay in force (A13).
 */
@Controller
@RequestMapping("/rules")
class RulePages {
    private final RuleCatalogService catalog;
    private final RuleViews views;
    private final Clock clock;

    RulePages(RuleCatalogService catalog, RuleViews views, Clock clock) {
        this.catalog = catalog;
        this.views = views;
        this.clock = clock;
    }

    @GetMapping
    @Allow(anyUser = true)
    String list(@RequestParam(required = false) String party, @RequestParam(required = false) String article, Model model) {
        return page(model, party, article, null, List.of());
    }

    @GetMapping("/{id}")
    @Allow(anyUser = true)
    String rule(@PathVariable String id, Model model) {
        CatalogSnapshot snapshot = catalog.snapshot();
        Rule rule = snapshot.rule(id).orElseThrow(() -> new NotFound("rule " + id));
        model.addAttribute("version", snapshot.version());
        model.addAttribute("detail", views.detail(rule));
        return "rules/rule";
    }

    /** The overlay from the file chosen, else from the text area; refused whole with every error and its line. */
    @PostMapping("/overlay")
    @AllowSupervisor
    String upload(@RequestParam(required = false) String yaml, @RequestParam(required = false) MultipartFile file, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) throws IOException {
        boolean fromFile = file != null && !file.isEmpty();
        String name = fromFile ? fileName(file.getOriginalFilename()) : "overlay.yaml";
        if (fromFile && file.getSize() > RuleCatalogService.MAX_OVERLAY_CHARACTERS * 4L) {
            response.setStatus(422);
            return page(model, null, null, null, List.of(name + ":1: (document): is larger than "
                    + RuleCatalogService.MAX_OVERLAY_CHARACTERS / 1024 + " KB"));
        }
        String text = fromFile ? new String(file.getBytes(), StandardCharsets.UTF_8) : yaml;
        try {
            CatalogSnapshot snapshot = catalog.activate(name, text == null ? "" : text, Actor.require().username());
            redirect.addFlashAttribute("activated", snapshot.version().version());
            return "redirect:/rules";
        } catch (OverlayRefused e) {
            response.setStatus(422);
            List<String> errors = e.problems().stream().map(Object::toString).toList();
            return page(model, null, null, fromFile ? null : text, errors);
        }
    }

    @PostMapping("/overlay/delete")
    @AllowSupervisor
    String remove(RedirectAttributes redirect) {
        CatalogSnapshot snapshot = catalog.deactivate(Actor.require().username());
        redirect.addFlashAttribute("removed", snapshot.version().version());
        return "redirect:/rules";
    }

    private String page(Model model, String party, String article, String overlayText, List<String> overlayErrors) {
        CatalogSnapshot snapshot = catalog.snapshot();
        Rule.Party only = party(party);
        model.addAttribute("snapshot", snapshot);
        model.addAttribute("version", snapshot.version());
        model.addAttribute("validToday", snapshot.version().validOn(LocalDate.now(clock.withZone(TimeConfiguration.CITY_ZONE))));
        model.addAttribute("rows", views.rows(snapshot, only, article));
        model.addAttribute("total", snapshot.rules().size());
        // issue 17 point 16: the values the Measures leave open, with the product's value beside a district's
        model.addAttribute("parameters", snapshot.parameters());
        model.addAttribute("productParameters", catalog.product().parameters().stream()
                .collect(java.util.stream.Collectors.toMap(cn.govcloud.guard.rules.Parameter::id, p -> p)));
        model.addAttribute("parties", Rule.Party.values());
        model.addAttribute("party", only == null ? "" : only.name());
        model.addAttribute("article", article == null ? "" : article.strip());
        model.addAttribute("supervisor", Actor.current().map(a -> a.has(Role.SUPERVISOR)).orElse(false));
        model.addAttribute("overlayText", overlayText != null ? overlayText
                : snapshot.overlay().map(o -> o.yaml()).orElse(EXAMPLE.replace("{base}", catalog.product().version().version())));
        model.addAttribute("overlayErrors", overlayErrors);
        model.addAttribute("overlayUploadedAt", snapshot.overlay().map(o -> MINUTES.format(o.uploadedAt().atZone(TimeConfiguration.CITY_ZONE)))
                .orElse(""));
        return "rules/catalog";
    }

    private static final java.time.format.DateTimeFormatter MINUTES = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static final String EXAMPLE = """
            overlay: {name: 昆都仑区, version: 2026-1, basedOn: {base}}
            rules:
              A10.2-rectify: {due: {workingDays: 3}, remind: [P1D]}
            """;

    private static Rule.Party party(String party) {
        if (party == null || party.isBlank()) {
            return null;
        }
        try {
            return Rule.Party.valueOf(party.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The uploaded file's own name for the error lines, without any path a browser may send. */
    private static String fileName(String original) {
        if (original == null || original.isBlank()) {
            return "overlay.yaml";
        }
        String name = original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N}._-]", "_");
        return name.isEmpty() ? "overlay.yaml" : name.length() > 80 ? name.substring(0, 80) : name;
    }
}
