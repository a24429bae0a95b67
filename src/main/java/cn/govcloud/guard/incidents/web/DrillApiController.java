package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.incidents.Incidents.NewDrill;
import cn.govcloud.guard.incidents.internal.DrillService;
import cn.govcloud.guard.incidents.internal.DrillService.Drill;
import cn.govcloud.guard.incidents.internal.DrillService.NewFinding;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A10.3 drills over the API. */
@RestController
@RequestMapping("/api/v1/drills")
@AllowParties
class DrillApiController {
    private final DrillService drills;

    DrillApiController(DrillService drills) {
        this.drills = drills;
    }

    /**
     * Newest first; issue 23 point 11: optionally searched and filtered like the list page ({@code q}, {@code unit} invited,
     * {@code year} held, {@code half} e.g. 2026-H2), at most {@code limit} drills (200 when not given); an unreadable value
     * is a 400 naming it.
     */
    @GetMapping
    List<DrillJson> list(@RequestParam Map<String, String> params) {
        DrillListQuery query = ListLinks.api(params, p -> DrillListQuery.parse(p, DrillListQuery.API_MAX, DrillListQuery.API_MAX));
        return drills.search(Actor.require(), query.filter(), query.page(), query.size()).rows().stream().map(DrillJson::of).toList();
    }

    /**
     * A10.3: the half-years of the provider (the caller's own, or {@code providerId} for oversight),
     * newest first; a half-year that ended without a comprehensive drill is OVERDUE.
     */
    @GetMapping("/half-years")
    @AllowOversightAndProvider
    List<HalfYearJson> halfYears(@RequestParam(required = false) Long providerId, @RequestParam(defaultValue = "4") int count) {
        return drills.halfYears(providerOf(drills, providerId), Math.max(1, Math.min(count, 20))).stream().map(HalfYearJson::of)
                .toList();
    }

    static long providerOf(DrillService drills, Long requested) {
        Actor actor = Actor.require();
        if (actor.orgKind() == OrgKind.PROVIDER) {
            return actor.orgId();
        }
        if (requested != null) {
            return drills.providers().stream().filter(p -> p.id() == requested).findFirst()
                    .orElseThrow(() -> new NotFound("provider " + requested)).id();
        }
        return drills.providers().stream().findFirst().orElseThrow(() -> new NotFound("provider")).id();
    }

    /**
     * Multipart: the summary report in part {@code report}; {@code invitedUnitIds} repeated;
     * findings as repeated {@code findingTitle}, {@code findingSeverity}, {@code findingSystemId}, {@code findingDescription}.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProvider
    DrillJson record(@RequestParam MultiValueMap<String, String> form,
                               @RequestParam(name = "report", required = false) MultipartFile report) throws IOException {
        boolean present = report != null && !report.isEmpty();
        return DrillJson.of(drills.record(drill(form), findings(form), present ? report.getOriginalFilename() : null,
                present ? report.getInputStream() : null));
    }

    @GetMapping("/{id}")
    DrillJson get(@PathVariable long id) {
        return DrillJson.of(drills.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/participation")
    @AllowUnitPeople
    DrillJson confirm(@PathVariable long id) {
        drills.confirm(id);
        return DrillJson.of(drills.visible(id, Actor.require()));
    }

    @GetMapping("/{id}/report")
    ResponseEntity<byte[]> report(@PathVariable long id) {
        Drill drill = drills.visible(id, Actor.require());
        return Downloads.attachment(drills.describe(drill.documentId()).orElseThrow(() -> new NotFound("drill report " + id)),
                drills.document(drill));
    }

    static NewDrill drill(MultiValueMap<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Long> units = new ArrayList<>();
        for (String v : form.getOrDefault("invitedUnitIds", List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    try {
                        units.add(Long.valueOf(part.strip()));
                    } catch (NumberFormatException e) {
                        errors.put("invitedUnitIds", "incidents.error.number");
                    }
                }
            }
        }
        NewDrill drill = new NewDrill(FormValues.date(form.toSingleValueMap(), "drillDate", errors), form.getFirst("title"),
                scenario(form, "networkAttack"), scenario(form, "dataLeak"), scenario(form, "systemFailure"), scenario(form, "drSwitchover"), units,
                form.getFirst("summary"), form.getFirst("organiser"));
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        return drill;
    }

    static List<NewFinding> findings(MultiValueMap<String, String> form) {
        List<String> titles = form.getOrDefault("findingTitle", List.of());
        List<NewFinding> out = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            if (titles.get(i) == null || titles.get(i).isBlank()) {
                continue;
            }
            String system = at(form, "findingSystemId", i);
            Long systemId = null;
            if (system != null && !system.isBlank()) {
                try {
                    systemId = Long.valueOf(system.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInput("incidents.error.invalid", Map.of("findings", "incidents.drill.error.finding"));
                }
            }
            out.add(new NewFinding(systemId, titles.get(i), at(form, "findingSeverity", i), at(form, "findingDescription", i)));
        }
        return out;
    }

    private static String at(MultiValueMap<String, String> form, String field, int i) {
        List<String> values = form.getOrDefault(field, List.of());
        return i < values.size() ? values.get(i) : null;
    }

    /** The drill's scenarios, as the page's checkboxes send them ({@code scenarios} repeated) or the API ({@code networkAttack=true} …). */
    static final List<String> SCENARIOS = List.of("networkAttack", "dataLeak", "systemFailure", "drSwitchover");

    private static boolean scenario(MultiValueMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return "true".equals(v) || "on".equals(v) || form.getOrDefault("scenarios", List.of()).contains(name);
    }
}
