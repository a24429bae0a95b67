package cn.govcloud.guard.systems.inventory.web;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.inventory.internal.Asset;
import cn.govcloud.guard.systems.inventory.internal.AssetCheck;
import cn.govcloud.guard.systems.inventory.internal.AssetImport;
import cn.govcloud.guard.systems.inventory.internal.AssetImport.ImportRefused;
import cn.govcloud.guard.systems.inventory.internal.AssetKind;
import cn.govcloud.guard.systems.inventory.internal.Assets;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The 资产与暴露面 page of a system (A7.1, A10.1; issue 22 point 1), also shown as a section of the system's page: the
 * inventory by kind, the unit's form to add or change a row (each error beside its field), delete, the Excel import (all
 * rows or none, the refused cells listed by row and column), the template and the export.
 */
@Controller
class AssetPages {
    private final Assets assets;
    private final AssetImport imports;
    private final MessageSource messages;

    AssetPages(Assets assets, AssetImport imports, MessageSource messages) {
        this.assets = assets;
        this.imports = imports;
        this.messages = messages;
    }

    /** The whole page, or only its section for the system's page (htmx). */
    @GetMapping("/systems/{id}/assets")
    @AllowParties
    String page(@PathVariable long id, @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        fill(id, null, Map.of(), Map.of(), model);
        return htmx != null ? "systems/assets :: section" : "systems/assets";
    }

    @GetMapping("/systems/{id}/assets/{assetId}/edit")
    @AllowUnitPeople
    String edit(@PathVariable long id, @PathVariable long assetId, Model model) {
        assets.system(id, Actor.require()); // 404 for another unit's system
        Asset a = assets.get(id, assetId);
        Map<String, String> values = new HashMap<>();
        values.put("kind", a.kind().name());
        put(values, "name", a.name());
        put(values, "product", a.product());
        put(values, "version", a.version());
        put(values, "address", a.address());
        put(values, "port", a.port());
        put(values, "publicAddress", a.publicAddress());
        put(values, "publicPort", a.publicPort());
        put(values, "protocol", a.protocol());
        put(values, "service", a.service());
        put(values, "icpNumber", a.icpNumber());
        put(values, "remarks", a.remarks());
        fill(id, assetId, Map.of(), values, model);
        return "systems/assets";
    }

    @PostMapping("/systems/{id}/assets")
    @AllowUnitPeople
    String add(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return save(id, null, form, model, redirect);
    }

    @PostMapping("/systems/{id}/assets/{assetId}")
    @AllowUnitPeople
    String update(@PathVariable long id, @PathVariable long assetId, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes redirect) {
        return save(id, assetId, form, model, redirect);
    }

    @PostMapping("/systems/{id}/assets/{assetId}/delete")
    @AllowUnitPeople
    String delete(@PathVariable long id, @PathVariable long assetId, RedirectAttributes redirect) {
        assets.delete(id, assetId);
        redirect.addFlashAttribute("assetsDone", "deleted");
        return "redirect:/systems/" + id + "/assets";
    }

    @PostMapping("/systems/{id}/assets/import")
    @AllowUnitPeople
    String importFile(@PathVariable long id, @RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect)
            throws IOException {
        try {
            int n = imports.importFile(id, file == null || file.isEmpty() ? null : file.getOriginalFilename(),
                    file == null || file.isEmpty() ? null : file.getInputStream());
            redirect.addFlashAttribute("assetsImported", n);
            return "redirect:/systems/" + id + "/assets";
        } catch (ImportRefused e) {
            model.addAttribute("importErrors", e.errors().stream().map(r -> Map.of("row", r.row(), "column", r.column(),
                    "message", text(r.messageKey()))).toList());
            model.addAttribute("importError", text(e.getMessage()));
        } catch (InvalidInput e) {
            model.addAttribute("importError", text(e.getMessage()));
        } catch (RuleViolation e) {
            model.addAttribute("importError", e.getMessage());
        }
        fill(id, null, Map.of(), Map.of(), model);
        return "systems/assets";
    }

    private String save(long id, Long assetId, Map<String, String> form, Model model, RedirectAttributes redirect) {
        try {
            if (assetId == null) {
                assets.add(id, AssetCheck.Input.of(form));
            } else {
                assets.update(id, assetId, AssetCheck.Input.of(form));
            }
            redirect.addFlashAttribute("assetsDone", assetId == null ? "added" : "updated");
            return "redirect:/systems/" + id + "/assets";
        } catch (InvalidInput e) {
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("form", text(e.getMessage()));
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            fill(id, assetId, errors, form, model);
        } catch (RuleViolation e) {
            fill(id, assetId, Map.of("form", e.getMessage()), form, model);
        }
        return "systems/assets";
    }

    private void fill(long id, Long editing, Map<String, String> errors, Map<String, String> values, Model model) {
        Actor actor = Actor.require();
        HostedSystem system = assets.system(id, actor);
        List<Asset> rows = assets.list(id, actor);
        model.addAttribute("system", system);
        model.addAttribute("assets", rows);
        model.addAttribute("kinds", AssetKind.values());
        model.addAttribute("mayEdit", assets.mayEdit(system, actor));
        model.addAttribute("editing", editing);
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("fields", List.of("name", "product", "version", "address", "port", "publicAddress", "publicPort", "protocol",
                "service", "icpNumber"));
    }

    private static void put(Map<String, String> values, String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
