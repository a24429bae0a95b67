package cn.govcloud.guard.hazards.internal;

import static cn.govcloud.guard.hazards.internal.HazardRepository.blank;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardService.Upload;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;

/**
 * A hazard notice as the aggregate of its closed loop (A10.2): who may take which step, from which state ({@link HazardState}),
 * and what a step needs. It decides; {@link HazardSteps} loads it and stores the step. An illegal step throws a
 * {@link RuleViolation} naming A10.2 and the current state; missing input throws {@link InvalidInput} naming each field.
 *
 * @param warnerKind the kind of the organisation that warned: it decides who verifies the unit's feedback
 */
record HazardNotice(HazardView view, OrgKind warnerKind) {
    static final String RULE = "A10.2";
    static final Set<Role> UNIT_PEOPLE = EnumSet.of(Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF);

    /** How a refused step is told (the state and the step in the reader's language). */
    interface Refusal {
        RuleViolation of(HazardState state, Action action);
    }

    long id() {
        return view.id();
    }

    // ---- who ---------------------------------------------------------------------------------------

    /** The owning unit's own people acknowledge and report (A10.2); an overseer who can read it cannot. */
    boolean unitPerson(Actor actor) {
        return actor.orgKind() == OrgKind.UNIT && actor.orgId() == view.orgId() && UNIT_PEOPLE.stream().anyMatch(actor::has);
    }

    /**
     * Who verifies the feedback: the department that warned; when a unit reported its own finding, the supervisor, who is
     * copied on every feedback and follows rectification up (A11.3) — a unit does not verify itself.
     */
    boolean warner(Actor actor) {
        if (warnerKind == OrgKind.UNIT) {
            return actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR);
        }
        return actor.orgId() == view.warnerOrgId() && (actor.has(Role.SUPERVISOR) || actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.REGULATOR));
    }

    HazardNotice requireUnitPerson(Actor actor) {
        if (!unitPerson(actor)) {
            throw new AccessDeniedException("only the owning unit's people act on its hazard");
        }
        return this;
    }

    /** The feedback goes to the department that warned; another reader may not decide on it (A10.2). */
    HazardNotice requireWarner(Actor actor) {
        if (!warner(actor)) {
            throw new RuleViolation(RULE, "hazards.refused.notWarner");
        }
        return this;
    }

    /** supervisor | provider | regulator | unit: the catalog's verification rules are chosen by it. */
    String warnerKindName() {
        return warnerKind.name().toLowerCase(java.util.Locale.ROOT);
    }

    // ---- from which state --------------------------------------------------------------------------

    /** The state the step leads to; refused naming the current state and the rule when the loop does not allow it. */
    HazardState require(Action action, Refusal refusal) {
        if (!view.state().allows(action)) {
            throw refusal.of(view.state(), action);
        }
        return HazardState.to(action, view.state());
    }

    // ---- what a step needs -------------------------------------------------------------------------

    /** A named person and the first measures (A10.1, A10.2 "立即启动响应"). */
    static void checkAcknowledgement(String handlerName, String firstMeasures) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(handlerName) || handlerName.strip().length() > 100) {
            errors.put("handlerName", "hazards.error.handlerName");
        }
        if (blank(firstMeasures) || firstMeasures.strip().length() > 4000) {
            errors.put("firstMeasures", "hazards.error.firstMeasures");
        }
        invalidIf(errors);
    }

    /** 整改报告: what was done, completed between the notice and today, and at least one evidence document. */
    void checkFeedback(String measures, String residualRisk, LocalDate completedOn, List<Upload> files, Instant now) {
        LocalDate today = now.atZone(WorkingCalendar.ZONE).toLocalDate();
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(measures) || measures.strip().length() > 4000) {
            errors.put("measures", "hazards.error.measures");
        }
        if (residualRisk != null && residualRisk.length() > 4000) {
            errors.put("residualRisk", "hazards.error.residualRisk");
        }
        if (completedOn == null || completedOn.isAfter(today) || completedOn.isBefore(view.notifiedAt().atZone(WorkingCalendar.ZONE).toLocalDate())) {
            errors.put("completedOn", "hazards.error.completedOn");
        }
        if (files.isEmpty()) {
            errors.put("documents", "hazards.error.documents");
        }
        invalidIf(errors);
    }

    /** Late feedback is accepted and marked late: the unit's clock ran out before it. */
    boolean lateAt(Instant now) {
        return !now.isBefore(view.effectiveDueAt());
    }

    /** An extension moves the due date later, by at most 90 days, with a reason. */
    void checkExtension(LocalDate proposedDueDate, String reason) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate due = view.effectiveDueDate();
        if (proposedDueDate == null || !proposedDueDate.isAfter(due) || proposedDueDate.isAfter(due.plusDays(90))) {
            errors.put("proposedDueDate", "hazards.error.proposedDueDate");
        }
        reason(reason, errors);
        invalidIf(errors);
    }

    /** A return, a request or a decision says why (A10.2). */
    static void checkReason(String reason) {
        Map<String, String> errors = new LinkedHashMap<>();
        reason(reason, errors);
        invalidIf(errors);
    }

    private static void reason(String reason, Map<String, String> errors) {
        if (blank(reason) || reason.strip().length() < 4 || reason.strip().length() > 4000) {
            errors.put("reason", "hazards.error.reason");
        }
    }

    static void invalidIf(Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
    }
}
