package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.AdvisoryMatching;
import cn.govcloud.guard.platform.internal.PlatformExport;
import cn.govcloud.guard.platform.internal.SbomImports;
import cn.govcloud.guard.platform.internal.SupplyChain;
import cn.govcloud.guard.platform.internal.SupplyChainQueries;
import cn.govcloud.guard.platform.internal.SupplyItem;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.TimeConfiguration;
import cn.govcloud.guard.shared.Unprocessable;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The supply-chain register as pages (A5.5): SBOM and advisory uploads, proposals, assessment, agreement, use. */
@Controller
@AllowOversightAndProvider
class SupplyChainPages {
    private final SupplyChain supplyChain;
    private final SupplyChainQueries queries;
    private final SbomImports imports;
    private final AdvisoryMatching advisories;
    private final PlatformExport export;
    private final PageForms forms;
    private final Clock clock;

    SupplyChainPages(SupplyChain supplyChain, SupplyChainQueries queries, SbomImports imports, AdvisoryMatching advisories,
                     PlatformExport export, PageForms forms, Clock clock) {
        this.supplyChain = supplyChain;
        this.queries = queries;
        this.imports = imports;
        this.advisories = advisories;
        this.export = export;
        this.forms = forms;
        this.clock = clock;
    }

    /** The summary, the forms, and the register as the list's query filters (in SQL) and pages it (issue 23 point 11). */
    @GetMapping("/platform/supply-chain")
    String supplyChain(@RequestParam Map<String, String> params, Model model) {
        return register(params, model);
    }

    /** The register page, also under a refused upload or proposal (with nothing asked of the list). */
    private String register(Map<String, String> params, Model model) {
        Actor actor = Actor.require();
        forms.<SupplyChainQueries.Filter, SupplyItem>list(model, params, RegisterFilters::supplyChain, SupplyChainQueries.Filter.all(0),
                filter -> sink -> queries.each(actor, filter, sink));
        model.addAttribute("summary", queries.summary(actor));
        model.addAttribute("kinds", SupplyItem.Kind.values());
        model.addAttribute("states", RegisterFilters.supplyStates());
        model.addAttribute("mayWrite", actor.has(Role.PROVIDER_OPERATOR));
        model.addAttribute("maxMb", imports.maxSbomBytes() / (1024 * 1024));
        model.addAttribute("today", LocalDate.now(clock.withZone(TimeConfiguration.CITY_ZONE)));
        PageForms.blankForm(model);
        return "platform/supply-chain";
    }

    @PostMapping("/platform/supply-chain/sbom")
    @AllowProvider
    String importSbom(@RequestPart(name = "file", required = false) MultipartFile file,
                      @RequestParam(name = "subject", required = false) String subject, Model model, RedirectAttributes redirect) {
        SbomImports.ImportResult[] result = new SbomImports.ImportResult[1];
        boolean ok = forms.attempt(model, null, () -> {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("platform.sbom.error.invalid", Map.of("file", "platform.sbom.error.file"));
            }
            if (file.getSize() > imports.maxSbomBytes()) {
                throw new Unprocessable("platform.sbom.error.tooLarge");
            }
            result[0] = imports.importSbom(Actor.require(), file.getOriginalFilename(), file.getInputStream(), subject);
        });
        if (!ok) {
            return register(Map.of(), model);
        }
        redirect.addFlashAttribute("flash", forms.text("platform.sbom.imported", result[0].components(), result[0].added(),
                result[0].removed()));
        return "redirect:/platform/supply-chain";
    }

    @PostMapping("/platform/supply-chain/advisories")
    @AllowProvider
    String advisories(@RequestPart(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes redirect) {
        int[] matches = new int[1];
        boolean ok = forms.attempt(model, null, "advisoryFile", () -> {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("platform.osv.error.invalid", Map.of("advisoryFile", "platform.sbom.error.file"));
            }
            matches[0] = advisories.matchAdvisories(Actor.require(), file.getInputStream());
        });
        if (!ok) {
            return register(Map.of(), model);
        }
        redirect.addFlashAttribute("flash", forms.text("platform.osv.matched", matches[0]));
        return "redirect:/platform/supply-chain";
    }

    @PostMapping("/platform/supply-chain/items")
    @AllowProvider
    String propose(@RequestParam Map<String, String> form, Model model) {
        SupplyItem[] item = new SupplyItem[1];
        if (!forms.attempt(model, form, () -> item[0] = supplyChain.propose(Actor.require(), new SupplyChain.NewItem(
                Inputs.supplyKind(form.get("kind")), form.get("name"), form.get("version"), form.get("supplier"), form.get("description"))))) {
            return register(Map.of(), model);
        }
        return "redirect:/platform/supply-chain/items/" + item[0].id();
    }

    @GetMapping("/platform/supply-chain/items/{id}")
    String item(@PathVariable long id, Model model) {
        Actor actor = Actor.require();
        model.addAttribute("item", queries.find(id, actor).orElseThrow(() -> new NotFound("supply item " + id)));
        model.addAttribute("riskLevels", SupplyItem.RISK_LEVELS);
        model.addAttribute("conclusions", SupplyItem.CONCLUSION_ORDER);
        model.addAttribute("mayWrite", actor.has(Role.PROVIDER_OPERATOR));
        PageForms.blankForm(model);
        return "platform/supply-item";
    }

    /** Runs a write on one item: back to its page with a flash message, or the page again with the refusal. */
    private String onItem(long id, Map<String, String> form, Model model, RedirectAttributes redirect, String flashKey, PageForms.Write write) {
        if (!forms.attempt(model, form, write)) {
            return item(id, model);
        }
        redirect.addFlashAttribute("flash", forms.text(flashKey));
        return "redirect:/platform/supply-chain/items/" + id;
    }

    @PostMapping("/platform/supply-chain/items/{id}/assessment")
    @AllowProvider
    String assess(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return onItem(id, form, model, redirect, "platform.supply.assessed", () -> supplyChain.assess(Actor.require(), id,
                new SupplyChain.Assessment(form.get("riskLevel"), form.get("conclusion"), form.get("conditions"), form.get("assessor"))));
    }

    @PostMapping("/platform/supply-chain/items/{id}/agreement")
    @AllowProvider
    String agreement(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return onItem(id, form, model, redirect, "platform.supply.agreementRecorded", () -> supplyChain.agreement(Actor.require(), id,
                new SupplyChain.Agreement(form.get("counterparty"), Inputs.date("signedOn", form.get("signedOn")),
                        Inputs.date("validUntil", form.get("validUntil")))));
    }

    @PostMapping("/platform/supply-chain/items/{id}/in-use")
    @AllowProvider
    String inUse(@PathVariable long id, RedirectAttributes redirect) {
        // a button without input: a refusal goes back to the item's page (GET) with its rule (issue 23 point 3)
        try {
            supplyChain.putInUse(Actor.require(), id);
            redirect.addFlashAttribute("flash", forms.text("platform.supply.nowInUse"));
        } catch (cn.govcloud.guard.shared.RuleViolation | cn.govcloud.guard.shared.InvalidInput | cn.govcloud.guard.shared.Unprocessable e) {
            redirect.addFlashAttribute("errors", new java.util.HashMap<>(Map.of("form", forms.refusal(e))));
        }
        return "redirect:/platform/supply-chain/items/" + id;
    }

    @GetMapping("/platform/supply-chain/export.xlsx")
    void exportSupply(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        // the items the list shows for the same query, every page of them; a refused query is a 400 naming the field
        RegisterQuery<SupplyChainQueries.Filter> query = RegisterQuery.parse(params, RegisterFilters::supplyChain);
        export.supplyChain(Actor.require(), query.filter(), query.params(), response);
    }
}
