package cn.govcloud.guard.data.web;

import cn.govcloud.guard.shared.FormRefusals;
import static cn.govcloud.guard.data.web.DataForms.dataset;
import static cn.govcloud.guard.data.web.DataForms.values;
import static cn.govcloud.guard.data.web.DataForms.instant;
import static cn.govcloud.guard.data.web.DataForms.integer;
import static cn.govcloud.guard.data.web.DataForms.longValue;
import static cn.govcloud.guard.data.web.DataForms.parse;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.Location;
import cn.govcloud.guard.data.DataSecurity.NewBackup;
import cn.govcloud.guard.data.DataSecurity.NewPolicy;
import cn.govcloud.guard.data.DataSecurity.NewRestoreTest;
import cn.govcloud.guard.data.DataSecurity.PartKind;
import cn.govcloud.guard.data.DataSecurity.Result;
import cn.govcloud.guard.data.internal.DataFindings;
import cn.govcloud.guard.data.internal.DataFindings.Finding;
import cn.govcloud.guard.data.internal.DataSearch;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.data.internal.DataImport;
import cn.govcloud.guard.data.internal.DataImport.ImportRefused;
import cn.govcloud.guard.data.internal.Backups;
import cn.govcloud.guard.data.internal.DataCatalog;
import cn.govcloud.guard.data.internal.DataQueries;
import cn.govcloud.guard.data.internal.Dataset;
import cn.govcloud.guard.data.internal.Policy;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The data-security pages (A7.1, A8.2, A8.3): catalog, data set with its backup policy, policy with runs and tests, register, findings. */
@Controller
@AllowOversightAndUnits
class DataPages {
    static final int PART_ROWS = 5;
    private final DataQueries data;
    private final DataCatalog catalog;
    private final Backups backups;
    private final DataFindings findings;
    private final DataImport imports;
    private final FormRefusals refusals;
    private final DataLists lists;

    DataPages(DataQueries data, DataCatalog catalog, Backups backups, DataFindings findings, DataImport imports, FormRefusals refusals,
            DataLists lists) {
        this.lists = lists;
        this.refusals = refusals;
        this.data = data;
        this.catalog = catalog;
        this.backups = backups;
        this.findings = findings;
        this.imports = imports;
    }

    // ---- catalog

    @GetMapping("/data")
    String catalog(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        showCatalog(model, params, response, Map.of());
        return "data/catalog";
    }

    /** Issue 23 point 11: the catalog searched (keyword, unit, grade, whether a backup policy covers the set) and paged in SQL. */
    private void showCatalog(Model model, Map<String, String> params, HttpServletResponse response, Map<String, Object> importErrors) {
        Actor actor = Actor.require();
        lists.show(model, actor, params, response, DataList.CATALOG, s -> data.datasets(actor, s));
        model.addAttribute("findingCount", findings.findings(actor).size());
        model.addAttribute("mayWrite", actor.orgKind() == OrgKind.UNIT);
        model.addAllAttributes(importErrors);
    }

    /** Exactly the rows the catalog shows for the same filters, in the import's columns (the file imports again). */
    @GetMapping("/data/export.xlsx")
    ResponseEntity<byte[]> export(@RequestParam Map<String, String> params) {
        return DataApiController.xlsx(imports.export(catalogRows(data, DataListParams.search(params, DataList.CATALOG))), "data-catalog.xlsx");
    }

    /** Every data set the reader's catalog search finds, a page of {@link SheetExport#PAGE} at a time. */
    static List<Dataset> catalogRows(DataQueries data, DataSearch search) {
        Actor actor = Actor.require();
        List<Dataset> rows = new ArrayList<>();
        DataLists.each(search, SheetExport.PAGE, s -> data.datasets(actor, s), rows::add);
        return rows;
    }

    @GetMapping("/data/import/template.xlsx")
    @AllowUnitPeople
    ResponseEntity<byte[]> template() {
        return DataApiController.xlsx(imports.template(), "data-catalog-template.xlsx");
    }

    @PostMapping("/data/import")
    @AllowUnitPeople
    String importFile(@RequestPart(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes redirect,
            HttpServletResponse response) throws IOException {
        try {
            List<Long> ids = imports.importFile(file == null || file.isEmpty() ? null : file.getInputStream());
            redirect.addFlashAttribute("imported", String.valueOf(ids.size()));
            return "redirect:/data";
        } catch (ImportRefused e) {
            List<String> lines = new ArrayList<>();
            e.errors().forEach(r -> lines.add(text("data.import.row", r.row(), r.column()) + " " + text(r.messageKey())
                    + (r.detail() == null ? "" : "：" + r.detail())));
            showCatalog(model, Map.of(), response, Map.of("importError", text(e.getMessage()), "importRows", lines));
            return "data/catalog";
        } catch (InvalidInput | RuleViolation e) {
            showCatalog(model, Map.of(), response, Map.of("importError", e instanceof RuleViolation r ? r.rule() + ": " + text(r.getMessage()) : text(e.getMessage()),
                    "importRows", List.of()));
            return "data/catalog";
        }
    }

    @GetMapping("/data/important")
    String important(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        lists.show(model, actor, params, response, DataList.IMPORTANT, s -> data.importantCatalog(actor, s));
        return "data/important";
    }

    @GetMapping("/data/findings")
    String findingsPage(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        Page<Finding> page = lists.show(model, actor, params, response, DataList.FINDINGS, s -> findings.findings(actor, s));
        model.addAttribute("findings", page.rows());
        model.addAttribute("minimums", findings.minimums());
        model.addAttribute("oversight", actor.orgKind() != OrgKind.UNIT);
        return "data/findings";
    }

    @GetMapping("/data/datasets/new")
    @AllowUnitPeople
    String newDataset(Model model) {
        showForm(model, null, Map.of(), Map.of());
        return "data/form";
    }

    @PostMapping("/data/datasets")
    @AllowUnitPeople
    String create(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        Optional<Long> id = refusals.submit(errors, () -> catalog.catalog(dataset(form)));
        if (id.isEmpty()) {
            showForm(model, null, form, errors);
            return "data/form";
        }
        return saved(redirect, id.get(), "data.done.created");
    }

    /** Post/redirect/get to the data set, saying what was saved, its grade and what comes next (issue 23 points 3 and 9). */
    private String saved(RedirectAttributes redirect, long id, String key) {
        Dataset d = data.dataset(id, Actor.require()).orElseThrow(() -> new NotFound("dataset " + id));
        redirect.addFlashAttribute("done", text(key, d.name(), text("data.grade." + d.grade())));
        return "redirect:/data/datasets/" + id;
    }

    @GetMapping("/data/datasets/{id}")
    String detail(@PathVariable long id, Model model) {
        showDetail(model, id, null, Map.of());
        return "data/dataset";
    }

    @GetMapping("/data/datasets/{id}/edit")
    @AllowUnitPeople
    String edit(@PathVariable long id, Model model) {
        Dataset d = ownDataset(id);
        showForm(model, d, values(d), Map.of());
        return "data/form";
    }

    @PostMapping("/data/datasets/{id}")
    @AllowUnitPeople
    String update(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Dataset d = ownDataset(id);
        Map<String, String> errors = new HashMap<>();
        Optional<Long> done = refusals.submit(errors, () -> {
            catalog.update(id, dataset(form));
            return id;
        });
        if (done.isEmpty()) {
            showForm(model, d, form, errors);
            return "data/form";
        }
        return saved(redirect, id, "data.done.updated");
    }

    /** The backup policy of this data set (A7.1, A8.2). */
    @PostMapping("/data/datasets/{id}/backup-policy")
    @AllowUnitPeople
    String setPolicy(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Dataset d = ownDataset(id);
        Map<String, String> errors = new HashMap<>();
        Optional<Long> done = refusals.submit(errors, () -> backups.setPolicy(new NewPolicy(d.systemId(), id, form.containsKey("localCopy"),
                form.containsKey("offsiteCopy"), form.get("offsiteLocation"), integer(form, "everyHours"), integer(form, "retentionDays"),
                integer(form, "rtoHours"), integer(form, "rpoHours"))));
        if (done.isEmpty()) {
            showDetail(model, id, form, errors);
            return "data/dataset";
        }
        redirect.addFlashAttribute("done", text("data.done.policy"));
        return "redirect:/data/datasets/" + id;
    }

    private void showDetail(Model model, long id, Map<String, String> policyValues, Map<String, String> policyErrors) {
        Actor actor = Actor.require();
        Dataset d = data.dataset(id, actor).orElseThrow(() -> new NotFound("dataset " + id));
        Optional<Policy> own = data.policies(actor).stream().filter(p -> p.datasetId() != null && p.datasetId() == id).findFirst();
        Optional<Policy> system = data.policies(actor).stream().filter(p -> p.datasetId() == null && p.systemId() == d.systemId()).findFirst();
        Policy effective = own.orElse(system.orElse(null));
        model.addAttribute("d", d);
        model.addAttribute("policy", effective);
        model.addAttribute("systemPolicy", own.isEmpty() && system.isPresent());
        model.addAttribute("findings", findings.findings(actor).stream()
                .filter(f -> (f.datasetId() != null && f.datasetId() == id) || (effective != null && f.policyId() != null && f.policyId() == effective.id()))
                .toList());
        model.addAttribute("minimum", findings.minimums().stream().filter(m -> m.grade().equals(d.grade().catalogGrade())).findFirst().orElse(null));
        model.addAttribute("mayWrite", actor.orgKind() == OrgKind.UNIT && d.orgId() == actor.orgId());
        Map<String, String> values = new HashMap<>();
        if (policyValues != null) {
            values.putAll(policyValues);
        } else if (own.isPresent()) {
            Policy p = own.get();
            if (p.localCopy()) {
                values.put("localCopy", "on");
            }
            if (p.offsiteCopy()) {
                values.put("offsiteCopy", "on");
            }
            values.put("offsiteLocation", p.offsiteLocation() == null ? "" : p.offsiteLocation());
            values.put("everyHours", String.valueOf(p.everyHours()));
            values.put("retentionDays", String.valueOf(p.retentionDays()));
            values.put("rtoHours", String.valueOf(p.rtoHours()));
            values.put("rpoHours", String.valueOf(p.rpoHours()));
        }
        model.addAttribute("values", values);
        model.addAttribute("errors", policyErrors);
    }

    private void showForm(Model model, Dataset existing, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        model.addAttribute("existing", existing);
        Map<Long, String> systemNames = new java.util.LinkedHashMap<>();
        data.ownSystems(actor).forEach(sys -> systemNames.put(sys.id(), sys.name()));
        model.addAttribute("systemIds", systemNames.keySet());
        model.addAttribute("systemNames", systemNames);
        model.addAttribute("grades", Grade.values());
        model.addAttribute("harmObjects", HarmObject.values());
        model.addAttribute("harmSeverities", HarmSeverity.values());
        model.addAttribute("partKinds", PartKind.values());
        model.addAttribute("partRows", java.util.stream.IntStream.range(0, Math.max(PART_ROWS, existing == null ? 0 : existing.parts().size() + 1))
                .boxed().toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
    }

    // ---- backup policy: runs and restore tests

    @GetMapping("/data/backup-policies/{id}")
    String policyPage(@PathVariable long id, Model model) {
        showPolicy(model, id, Map.of(), Map.of(), null);
        return "data/policy";
    }

    /** The policy page; {@code refused} names the form that was refused ({@code backup} or {@code test}), whose reason it shows. */
    private void showPolicy(Model model, long id, Map<String, String> values, Map<String, String> errors, String refused) {
        Actor actor = Actor.require();
        Policy p = data.policy(id, actor).orElseThrow(() -> new NotFound("backup policy " + id));
        model.addAttribute("p", p);
        model.addAttribute("backups", data.backups(id));
        model.addAttribute("tests", data.restoreTests(id));
        model.addAttribute("findings", findings.findings(actor).stream().filter(f -> f.policyId() != null && f.policyId() == id).toList());
        model.addAttribute("mayWrite", actor.orgKind() == OrgKind.UNIT && p.orgId() == actor.orgId());
        model.addAttribute("locations", Location.values());
        model.addAttribute("results", Result.values());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", WorkingCalendar.ZONE);
        model.addAttribute("refused", refused);
    }

    @PostMapping("/data/backup-policies/{id}/backups")
    @AllowUnitPeople
    String backup(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        Optional<Long> done = refusals.submit(errors, () -> backups.recordBackup(id, new NewBackup(instant(form, "ranAt"),
                parse(Result.class, form.get("result"), "result"), longValue(form, "sizeBytes"), parse(Location.class, form.get("location"), "location"),
                form.get("locationDetail"), form.get("note"))));
        if (done.isEmpty()) {
            showPolicy(model, id, form, errors, "backup");
            return "data/policy";
        }
        redirect.addFlashAttribute("done", text("data.done.backup"));
        return "redirect:/data/backup-policies/" + id;
    }

    @PostMapping("/data/backup-policies/{id}/restore-tests")
    @AllowUnitPeople
    String restoreTest(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        Optional<Long> done = refusals.submit(errors, "data.error.invalid", DataPages::restoreTestField, () -> backups.recordRestoreTest(id,
                new NewRestoreTest(instant(form, "testedAt"), parse(Result.class, form.get("testResult"), "result"),
                        parse(Location.class, form.get("testLocation"), "location"), integer(form, "recoveredMinutes"), form.get("testNote"))));
        if (done.isEmpty()) {
            showPolicy(model, id, form, errors, "test");
            return "data/policy";
        }
        redirect.addFlashAttribute("done", text("data.done.restoreTest"));
        return "redirect:/data/backup-policies/" + id;
    }

    /** The restore test's fields on the policy page, beside the backup form's fields of the same service names. */
    private static String restoreTestField(String serviceField) {
        return switch (serviceField) {
            case "result" -> "testResult";
            case "location" -> "testLocation";
            case "note" -> "testNote";
            default -> serviceField;
        };
    }

    // ---- helpers

    /** A data set of the actor's own unit (the only ones it edits); any other is not found. */
    private Dataset ownDataset(long id) {
        Actor actor = Actor.require();
        return data.dataset(id, actor).filter(x -> x.orgId() == actor.orgId()).orElseThrow(() -> new NotFound("dataset " + id));
    }

    private String text(String key, Object... args) {
        return refusals.get(key, args);
    }
}
