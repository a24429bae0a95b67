package cn.govcloud.guard.rules.web;

import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.rules.internal.CatalogEntry;
import cn.govcloud.guard.rules.internal.CatalogSnapshot;
import cn.govcloud.guard.rules.internal.OverlayRefused;
import cn.govcloud.guard.rules.internal.RuleCatalogService;
import cn.govcloud.guard.rules.internal.StoredOverlay;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rule catalog in force for any signed-in person or script, and the supervisor's district
 * overlay (A13): {@code PUT /api/v1/rules/overlay} with the YAML as the body (text/yaml,
 * application/yaml or text/plain), {@code DELETE} to return to the product catalog.
 */
@RestController
@RequestMapping("/api/v1/rules")
class RuleApiController {
    private final RuleCatalogService catalog;
    private final java.time.Clock clock;

    RuleApiController(RuleCatalogService catalog, java.time.Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    record CatalogJson(String id, String title, String version, String productVersion, LocalDate validFrom, LocalDate validUntil,
                       boolean validToday, String overlay) {
    }

    record OverlayJson(long id, String name, String version, String basedOn, Instant uploadedAt, String uploadedBy,
                       List<String> warnings) {
    }

    record TriggerJson(String cadence, String event) {
    }

    record DueJson(String kind, int amount) {
    }

    record EscalationJson(String after, List<String> parties) {
    }

    record RuleJson(String id, String article, String title, String titleEn, String source, String party, String appliesTo,
                    List<String> conditions, TriggerJson trigger, DueJson due, Rule.Evidence evidence, List<String> reminders,
                    EscalationJson escalation, List<String> overridden, Map<String, Object> base, String note, String noteEn) {
    }

    /** @param parameters the values the Measures leave open (issue 17 point 16), with a district overlay's values */
    record RulesJson(CatalogJson catalog, OverlayJson overlay, List<RuleJson> rules, List<cn.govcloud.guard.rules.Parameter> parameters) {
    }

    record StateJson(CatalogJson catalog, OverlayJson overlay) {
    }

    /** Every rule in force, optionally only one party's ({@code party=unit}) or one article's ({@code article=A10}). */
    @GetMapping
    @Allow(anyUser = true)
    RulesJson rules(@RequestParam(required = false) String party, @RequestParam(required = false) String article) {
        CatalogSnapshot snapshot = catalog.snapshot();
        Rule.Party only = party(party);
        String prefix = article == null ? "" : article.strip().toUpperCase(Locale.ROOT);
        List<RuleJson> rules = snapshot.rules().stream().filter(r -> only == null || r.party() == only)
                .filter(r -> r.article().toUpperCase(Locale.ROOT).startsWith(prefix)).map(this::json).toList();
        return new RulesJson(catalog(snapshot), overlay(snapshot), rules, snapshot.parameters());
    }

    @GetMapping("/{id}")
    @Allow(anyUser = true)
    RuleJson rule(@PathVariable String id) {
        return catalog.snapshot().rule(id).map(this::json).orElseThrow(() -> new NotFound("rule " + id));
    }

    /** The overlay in force, with its YAML; 404 when the product catalog is in force as it ships. */
    @GetMapping("/overlay")
    @Allow(anyUser = true)
    OverlayText overlay() {
        StoredOverlay o = catalog.snapshot().overlay().orElseThrow(() -> new NotFound("district overlay"));
        return new OverlayText(o.id(), o.name(), o.version(), o.basedOn(), o.uploadedAt(), o.uploadedBy(), o.yaml());
    }

    /** The overlay in force with its YAML: GET, edit, PUT back. */
    record OverlayText(long id, String name, String version, String basedOn, java.time.Instant uploadedAt, String uploadedBy, String yaml) {
    }

    /** Checks the overlay against the product catalog; applies it on every node only if it is wholly valid. */
    @PutMapping("/overlay")
    @AllowSupervisor
    StateJson upload(@RequestBody(required = false) String yaml) {
        CatalogSnapshot snapshot = catalog.activate("overlay.yaml", yaml == null ? "" : yaml, Actor.require().username());
        return new StateJson(catalog(snapshot), overlay(snapshot));
    }

    @DeleteMapping("/overlay")
    @AllowSupervisor
    StateJson remove() {
        CatalogSnapshot snapshot = catalog.deactivate(Actor.require().username());
        return new StateJson(catalog(snapshot), overlay(snapshot));
    }

    /** 400 with the problems in document order: {@code errors} by path (as for any invalid input) and {@code problems} with their lines. */
    @ExceptionHandler(OverlayRefused.class)
    ProblemDetail refused(OverlayRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid overlay");
        problem.setProperty("rule", "A13");
        problem.setProperty("errors", OverlayRefused.fieldErrors(e.problems()));
        problem.setProperty("problems", e.problems().stream().map(p -> new ProblemJson(p.file(), p.line(), p.path(), p.message())).toList());
        return problem;
    }

    record ProblemJson(String file, int line, String path, String message) {
    }

    private static Rule.Party party(String party) {
        if (party == null || party.isBlank()) {
            return null;
        }
        try {
            return Rule.Party.valueOf(party.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("party must be one of provider, unit, supervisor, regulator",
                    Map.of("party", "one of provider, unit, supervisor, regulator"));
        }
    }

    private CatalogJson catalog(CatalogSnapshot snapshot) {
        RuleCatalog.Version v = snapshot.version();
        return new CatalogJson(v.id(), v.title(), v.version(), catalog.product().version().version(), v.validFrom(), v.validUntil(),
                v.validOn(LocalDate.now(clock.withZone(cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE))), v.overlay());
    }

    private static OverlayJson overlay(CatalogSnapshot snapshot) {
        return snapshot.overlay().map(o -> new OverlayJson(o.id(), o.name(), o.version(), o.basedOn(), o.uploadedAt(), o.uploadedBy(),
                snapshot.warnings())).orElse(null);
    }

    private RuleJson json(Rule rule) {
        Rule base = catalog.product().entry(rule.id()).map(CatalogEntry::rule).orElse(rule);
        Map<String, Object> baseValues = new LinkedHashMap<>();
        for (String property : rule.overridden().stream().sorted().toList()) {
            baseValues.put(property, value(base, property));
        }
        return new RuleJson(rule.id(), rule.article(), rule.title(), rule.titleEn(), rule.source(), rule.party().name(),
                rule.appliesTo().name(), rule.conditions().stream().map(Rule.Condition::toString).toList(),
                new TriggerJson(rule.trigger().cadence() == null ? null : rule.trigger().cadence().name(), rule.trigger().event()),
                new DueJson(rule.due().kind().name(), rule.due().amount()), rule.evidence(),
                rule.reminders().stream().map(RuleTexts::iso).toList(),
                new EscalationJson(RuleTexts.iso(rule.escalation().after()), rule.escalation().parties().stream().sorted().map(Enum::name).toList()),
                rule.overridden().stream().sorted().toList(), baseValues,
                catalog.product().entry(rule.id()).map(CatalogEntry::note).orElse(null),
                catalog.product().entry(rule.id()).map(CatalogEntry::noteEn).orElse(null));
    }

    /** The product value of an overridden property, in the same form the API gives the value. */
    private static Object value(Rule base, String property) {
        return switch (property) {
            case "due.kind" -> base.due().kind().name();
            case "due.amount" -> base.due().amount();
            case "reminders" -> base.reminders().stream().map(RuleTexts::iso).toList();
            case "escalation.after" -> RuleTexts.iso(base.escalation().after());
            case "escalation.parties" -> base.escalation().parties().stream().sorted().map(Enum::name).toList();
            case "conditions" -> base.conditions().stream().map(Rule.Condition::toString).toList();
            default -> requiredFlag(base, property);
        };
    }

    private static Object requiredFlag(Rule base, String property) {
        String[] parts = property.split("\\.");
        if (parts.length == 4 && parts[1].equals("fields")) {
            return base.evidence().fields().stream().filter(f -> f.name().equals(parts[2])).map(Rule.Field::required).findFirst().orElse(null);
        }
        if (parts.length == 4 && parts[1].equals("documents")) {
            return base.evidence().documents().stream().filter(d -> d.name().equals(parts[2])).map(Rule.DocumentSlot::required)
                    .findFirst().orElse(null);
        }
        return null;
    }
}
