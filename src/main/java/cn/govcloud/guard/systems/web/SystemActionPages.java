package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.internal.Admission;
import cn.govcloud.guard.systems.internal.Contractors;
import cn.govcloud.guard.systems.internal.Protections;
import cn.govcloud.guard.systems.internal.Suspensions;
import cn.govcloud.guard.systems.internal.Verification;
import cn.govcloud.guard.systems.internal.Verification.ItemDetails;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.HostedSystem.Switch;
import cn.govcloud.guard.systems.internal.CriticalInfrastructure;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What people do on a system's page (A7, A11): the unit's agreement, items, protections and contractors, the supervisor's
 * review, admission, switches, 关基 record, suspension and exit. Each goes back to the page, or re-renders it with the refusal.
 */
@Controller
@AllowOversightAndUnits
class SystemActionPages {
    private final Admission admission;
    private final Verification verification;
    private final Protections protections;
    private final Contractors contractors;
    private final Suspensions suspensions;
    private final CriticalInfrastructure cii;
    private final cn.govcloud.guard.systems.internal.Classification classification;
    private final cn.govcloud.guard.systems.internal.ExposureChanges exposureChanges;
    private final SystemPageView view;

    SystemActionPages(Admission admission, Verification verification, Protections protections, Contractors contractors,
                      Suspensions suspensions, CriticalInfrastructure cii, SystemPageView view,
                      cn.govcloud.guard.systems.internal.Classification classification,
                      cn.govcloud.guard.systems.internal.ExposureChanges exposureChanges) {
        this.classification = classification;
        this.exposureChanges = exposureChanges;
        this.admission = admission;
        this.verification = verification;
        this.protections = protections;
        this.contractors = contractors;
        this.suspensions = suspensions;
        this.cii = cii;
        this.view = view;
    }

    @PostMapping("/systems/{id}/submission")
    @AllowUnitPeople
    String submit(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return view.act(id, "submission", model, redirect, Map.of(), () -> admission.submit(id));
    }

    @PostMapping("/systems/{id}/admission")
    @AllowUnitPeople
    String requestAdmission(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return view.act(id, "admission", model, redirect, Map.of(), () -> admission.requestAdmission(id));
    }

    @PostMapping("/systems/{id}/agreement")
    @AllowUnitPeople
    String agreement(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request, Model model,
                     RedirectAttributes redirect) {
        MultipartFile file = SystemApiController.file(request);
        return view.act(id, "agreement", model, redirect, form, () -> {
            Upload upload = Upload.orRefused(file);
            return admission.uploadAgreement(id, form.get("agreementNumber"), form.get("unitSignatory"), form.get("providerSignatory"),
                    SystemApiController.date("signedOn", form.get("signedOn")), upload.name(), upload.content());
        });
    }

    @PostMapping("/systems/{id}/verification/{kind}")
    @AllowUnitPeople
    String uploadItem(@PathVariable long id, @PathVariable String kind, @RequestParam Map<String, String> form, HttpServletRequest request,
                      Model model, RedirectAttributes redirect) {
        MultipartFile file = SystemApiController.file(request);
        return view.act(id, "item", "item-" + kind, model, redirect, form, () -> {
            Upload upload = Upload.orRefused(file);
            return verification.uploadItem(id, SystemApiController.parse(ItemKind.class, "kind", kind), new ItemDetails(form.get("certNumber"),
                    SystemApiController.date("certDate", form.get("certDate")), form.get("conclusion"),
                    SystemApiController.date("validUntil", form.get("validUntil")), SystemApiController.level(form.get("certLevel"))),
                    upload.name(), upload.content());
        });
    }

    @PostMapping("/systems/{id}/protections/{measure}")
    @AllowUnitPeople
    String protection(@PathVariable long id, @PathVariable String measure, @RequestParam Map<String, String> form, HttpServletRequest request,
                      Model model, RedirectAttributes redirect) {
        MultipartFile file = SystemApiController.file(request);
        return view.act(id, "protection", "measure-" + measure, model, redirect, form, () -> {
            Upload upload = Upload.orRefused(file);
            return protections.declareProtection(id, SystemApiController.parse(Protections.Measure.class, "measure", measure),
                    SystemApiController.bool(form.get("present")), form.get("detail"), upload.name(), upload.content());
        });
    }

    @PostMapping("/systems/{id}/contractors")
    @AllowUnitPeople
    String engage(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return view.act(id, "contractor", model, redirect, form, () -> contractors.engageContractor(id, form.get("contractorName"),
                SystemApiController.parse(Contractors.ContractorRole.class, "contractorRole", form.get("contractorRole")), form.get("dataAccess")));
    }

    @PostMapping("/systems/{id}/contractors/{contractorId}/agreements")
    @AllowUnitPeople
    String contractorAgreements(@PathVariable long id, @PathVariable long contractorId, @RequestParam Map<String, String> form,
                                HttpServletRequest request, Model model, RedirectAttributes redirect) {
        MultipartFile conf = SystemApiController.file(request, "confidentiality");
        MultipartFile resp = SystemApiController.file(request, "responsibility");
        return view.act(id, "contractorAgreements", "contractor-" + contractorId, model, redirect, form,
                () -> contractors.contractorAgreements(id, contractorId,
                SystemApiController.date("signedOn", form.get("signedOn")), SystemApiController.date("expiresOn", form.get("expiresOn")),
                conf == null ? null : conf.getOriginalFilename(), bytes(conf), resp == null ? null : resp.getOriginalFilename(), bytes(resp)));
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file == null ? null : file.getBytes();
        } catch (IOException e) {
            throw new InvalidInput("systems.error.invalid", Map.of("file", "systems.error.file"));
        }
    }

    @PostMapping("/systems/{id}/verification/{kind}/review")
    @AllowSupervisor
    String review(@PathVariable long id, @PathVariable String kind, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes redirect) {
        return view.act(id, "review", "review-" + kind, model, redirect, form,
                () -> verification.reviewItem(id, SystemApiController.parse(ItemKind.class, "kind", kind),
                "accept".equals(form.get("decision")), form.get("reason")));
    }

    @PostMapping("/systems/{id}/admit")
    @AllowSupervisor
    String admit(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return view.act(id, "admit", model, redirect, Map.of(), () -> admission.admit(id));
    }

    @PostMapping("/systems/{id}/switch")
    @AllowSupervisor
    String toggle(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return view.act(id, "switch", model, redirect, form, () -> {
            Switch which = SystemApiController.parse(Switch.class, "switch", form.get("switch"));
            if (which == null) {
                throw new InvalidInput("systems.error.invalid", Map.of("switch", "systems.error.on"));
            }
            return admission.setSwitch(id, which, "on".equals(form.get("to")), form.get("reason"));
        });
    }

    /** Issue 17 point 4: the supervisor records the protection department's 关基 identification. */
    @PostMapping("/systems/{id}/critical-infrastructure")
    @AllowSupervisor
    String criticalInfrastructure(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return view.act(id, "cii", model, redirect, form, () -> cii.record(id, "true".equals(form.get("cii")), form.get("protectionDepartment"),
                Actor.require()));
    }

    /** Issue 23 point 8: after the draft, the unit asks for a change of the declared exposure, with a reason. */
    @PostMapping("/systems/{id}/exposure-changes")
    @AllowUnitPeople
    String requestExposureChange(@PathVariable long id, @RequestParam org.springframework.util.MultiValueMap<String, String> form, Model model,
                                 RedirectAttributes redirect) {
        return view.act(id, "exposureChange", model, redirect, form.toSingleValueMap(), () -> exposureChanges.request(id,
                form.getOrDefault("exposure", java.util.List.of()), form.getFirst("reason"), Actor.require()));
    }

    /** Issue 23 point 8: the supervisor approves or rejects (with a reason) a requested change of exposure. */
    @PostMapping("/systems/{id}/exposure-changes/{changeId}/decision")
    @AllowSupervisor
    String decideExposureChange(@PathVariable long id, @PathVariable long changeId, @RequestParam Map<String, String> form, Model model,
                                RedirectAttributes redirect) {
        return view.act(id, "exposureDecision", "exposure-decision-" + changeId, model, redirect, form,
                () -> exposureChanges.decide(id, changeId, "approve".equals(form.get("decision")),
                form.get("note"), Actor.require()));
    }

    /** Issue 22 point 3 (A2): the unit declares the system 非涉密 (for a system registered before the declaration existed). */
    @PostMapping("/systems/{id}/non-classified")
    @AllowUnitPeople
    String nonClassified(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return view.act(id, "nonClassified", model, redirect, form,
                () -> classification.declare(id, "true".equals(form.get("nonClassified")) ? Boolean.TRUE : null,
                form.get("nonClassifiedDeclarant"), Actor.require()));
    }

    @PostMapping("/systems/{id}/suspension")
    @AllowSupervisor
    String suspend(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return view.act(id, "suspend", model, redirect, form, () -> suspensions.suspend(id, form.get("reason")));
    }

    @PostMapping("/systems/{id}/resumption")
    @AllowSupervisor
    String resume(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return view.act(id, "resume", model, redirect, form, () -> suspensions.resume(id, form.get("reason")));
    }

    @PostMapping("/systems/{id}/exit-order")
    @AllowSupervisor
    String orderExit(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        // the confirmation dialog's reason (issue 23 point 8); exitReason is the older form's name
        return view.act(id, "exitOrder", model, redirect, form, () -> suspensions.orderExit(id, form.getOrDefault("reason", form.get("exitReason")),
                SystemApiController.date("deadline", form.get("deadline"))));
    }

    @PostMapping("/systems/{id}/exit")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR})
    String exit(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return view.act(id, "exit", model, redirect, form, () -> suspensions.completeExit(id, form.get("dataDisposition")));
    }
}
