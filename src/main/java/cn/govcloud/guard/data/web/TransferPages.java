package cn.govcloud.guard.data.web;

import cn.govcloud.guard.shared.FormRefusals;
import static cn.govcloud.guard.data.web.DataForms.date;
import static cn.govcloud.guard.data.web.DataForms.longValue;
import static cn.govcloud.guard.data.web.DataForms.parse;

import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.NewTransfer;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.data.internal.CrossBorder;
import cn.govcloud.guard.data.internal.DataFindings;
import cn.govcloud.guard.data.internal.DataQueries;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.OrgKind;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The cross-border register's page (A8.3): a unit registers its transfers and the progress of their basis; oversight reads. */
@Controller
@AllowOversightAndUnits
class TransferPages {
    private final DataQueries data;
    private final CrossBorder crossBorder;
    private final DataFindings findings;
    private final FormRefusals refusals;
    private final DataLists lists;

    TransferPages(DataQueries data, CrossBorder crossBorder, DataFindings findings, FormRefusals refusals, DataLists lists) {
        this.lists = lists;
        this.refusals = refusals;
        this.data = data;
        this.crossBorder = crossBorder;
        this.findings = findings;
    }

    @GetMapping("/data/transfers")
    String transfers(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        showTransfers(model, params, response, Map.of(), Map.of());
        return "data/transfers";
    }

    /** Issue 23 point 11: the register searched (keyword, unit, status, the set's grade, validity ending) and paged in SQL. */
    private void showTransfers(Model model, Map<String, String> params, HttpServletResponse response, Map<String, String> values,
            Map<String, String> errors) {
        Actor actor = Actor.require();
        lists.show(model, actor, params, response, DataList.TRANSFERS, s -> data.transfers(actor, s));
        Map<Long, String> datasetNames = new LinkedHashMap<>();
        if (actor.orgKind() == OrgKind.UNIT) {
            data.datasets(actor).forEach(d -> datasetNames.put(d.id(), d.name() + " · " + refusals.get("data.grade." + d.grade())));
        }
        model.addAttribute("datasetIds", datasetNames.keySet());
        model.addAttribute("datasetNames", datasetNames);
        model.addAttribute("mayWrite", actor.orgKind() == OrgKind.UNIT);
        model.addAttribute("bases", LegalBasis.values());
        model.addAttribute("statuses", TransferStatus.values());
        model.addAttribute("findings", findings.findings(actor).stream().filter(f -> f.transferId() != null).toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
    }

    @PostMapping("/data/transfers")
    @AllowUnitPeople
    String register(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, String> errors = new HashMap<>();
        Optional<Long> done = refusals.submit(errors, () -> crossBorder.registerTransfer(new NewTransfer(longValue(form, "datasetId"), form.get("recipient"),
                form.get("country"), form.get("purpose"), parse(LegalBasis.class, form.get("legalBasis"), "legalBasis"),
                parse(TransferStatus.class, form.get("status"), "status"), date(form, "validUntil"))));
        if (done.isEmpty()) {
            showTransfers(model, Map.of(), response, form, errors);
            return "data/transfers";
        }
        redirect.addFlashAttribute("done", refusals.get("data.done.transfer"));
        return "redirect:/data/transfers";
    }

    @PostMapping("/data/transfers/{id}")
    @AllowUnitPeople
    String updateTransfer(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        Map<String, String> errors = new HashMap<>();
        Optional<Long> done = refusals.submit(errors, () -> {
            crossBorder.updateTransfer(id, parse(LegalBasis.class, form.get("legalBasis"), "legalBasis"), parse(TransferStatus.class, form.get("status"), "status"),
                    date(form, "validUntil"));
            return id;
        });
        if (done.isEmpty()) {
            // the refusal beside the row's own fields, not at the registration form (issue 23 point 9)
            // (a field's reason when the service named fields, else the whole refusal, e.g. the rule of a withdrawn transfer)
            String whole = errors.remove("form");
            showTransfers(model, Map.of(), response, Map.of(), Map.of());
            model.addAttribute("rowRefused", id);
            model.addAttribute("rowError", errors.isEmpty() ? whole : String.join("；", errors.values()));
            return "data/transfers";
        }
        redirect.addFlashAttribute("done", refusals.get("data.done.transferUpdated"));
        return "redirect:/data/transfers";
    }
}
