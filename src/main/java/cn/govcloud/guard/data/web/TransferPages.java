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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The cross-border register's page (A8.3): a unit registers its transfers and the progress of their basis; oversight reads. */
@Controller
@AllowOversightAndUnits
class TransferPages {
    private final DataQueries data;
    private final CrossBorder crossBorder;
    private final DataFindings findings;
    private final FormRefusals refusals;

    TransferPages(DataQueries data, CrossBorder crossBorder, DataFindings findings, FormRefusals refusals) {
        this.refusals = refusals;
        this.data = data;
        this.crossBorder = crossBorder;
        this.findings = findings;
    }

    @GetMapping("/data/transfers")
    String transfers(Model model) {
        showTransfers(model, Map.of(), Map.of());
        return "data/transfers";
    }

    private void showTransfers(Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        model.addAttribute("transfers", data.transfers(actor));
        model.addAttribute("datasets", actor.orgKind() == OrgKind.UNIT ? data.datasets(actor) : List.of());
        model.addAttribute("mayWrite", actor.orgKind() == OrgKind.UNIT);
        model.addAttribute("bases", LegalBasis.values());
        model.addAttribute("statuses", TransferStatus.values());
        model.addAttribute("findings", findings.findings(actor).stream().filter(f -> f.transferId() != null).toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
    }

    @PostMapping("/data/transfers")
    @AllowUnitPeople
    String register(@RequestParam Map<String, String> form, Model model) {
        Map<String, String> errors = new HashMap<>();
        Optional<Long> done = refusals.submit(errors, () -> crossBorder.registerTransfer(new NewTransfer(longValue(form, "datasetId"), form.get("recipient"),
                form.get("country"), form.get("purpose"), parse(LegalBasis.class, form.get("legalBasis"), "legalBasis"),
                parse(TransferStatus.class, form.get("status"), "status"), date(form, "validUntil"))));
        if (done.isEmpty()) {
            showTransfers(model, form, errors);
            return "data/transfers";
        }
        return "redirect:/data/transfers";
    }

    @PostMapping("/data/transfers/{id}")
    @AllowUnitPeople
    String updateTransfer(@PathVariable long id, @RequestParam Map<String, String> form, Model model) {
        Map<String, String> errors = new HashMap<>();
        Optional<Long> done = refusals.submit(errors, () -> {
            crossBorder.updateTransfer(id, parse(LegalBasis.class, form.get("legalBasis"), "legalBasis"), parse(TransferStatus.class, form.get("status"), "status"),
                    date(form, "validUntil"));
            return id;
        });
        if (done.isEmpty()) {
            Map<String, String> shown = new HashMap<>();
            shown.put("form", errors.values().stream().reduce((a, b) -> a + "；" + b).orElse(""));
            showTransfers(model, Map.of(), shown);
            return "data/transfers";
        }
        return "redirect:/data/transfers";
    }
}
