package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Loads a {@link HazardNotice} for the actor who acts on it (404 when the actor may not see it, A4) and stores a step the
 * notice allowed, conditionally on the state it started from, so of two concurrent steps one wins and the other is refused.
 */
@Component
class HazardSteps implements HazardNotice.Refusal {
    private final HazardRepository hazards;
    private final OrganisationDirectory organisations;
    private final MessageSource messages;
    private final Clock clock;

    HazardSteps(HazardRepository hazards, OrganisationDirectory organisations, MessageSource messages, Clock clock) {
        this.hazards = hazards;
        this.organisations = organisations;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The hazard if the actor may see it (A4); 404 otherwise, whether or not it exists. For a step: a hazard past its due
     * time goes on the unit's record first, before the step may stop or move the clock.
     */
    HazardNotice visible(long id, Actor actor) {
        Instant now = clock.instant();
        HazardNotice notice = notice(hazards.visible(id, actor, now).orElseThrow(() -> new NotFound("hazard " + id)));
        hazards.markOverdue(id, now);
        return notice;
    }

    HazardNotice forUnit(long id, Actor actor) {
        return visible(id, actor).requireUnitPerson(actor);
    }

    HazardNotice forWarner(long id, Actor actor) {
        return visible(id, actor).requireWarner(actor);
    }

    HazardNotice notice(HazardView view) {
        return new HazardNotice(view, warnerKind(view));
    }

    OrgKind warnerKind(HazardView h) {
        return organisations.byId(h.warnerOrgId()).map(o -> o.kind()).orElse(OrgKind.SUPERVISOR);
    }

    HazardView reload(long id) {
        return hazards.load(id, clock.instant()).orElseThrow();
    }

    HazardState require(HazardNotice notice, Action action) {
        return notice.require(action, this);
    }

    void move(HazardNotice notice, Action action) {
        move(notice, action, "", Map.of());
    }

    /** The step and the columns it sets, in one update; refused when another step got there first. */
    void move(HazardNotice notice, Action action, String alsoSet, Map<String, ?> params) {
        require(notice, action);
        if (!hazards.move(notice.view(), action, alsoSet, params)) {
            throw of(reload(notice.id()).state(), action);
        }
    }

    /** 409 naming the state and the rule, e.g. "A10.2: 隐患处于「已通知」(NOTIFIED)，不能「关闭」". */
    @Override
    public RuleViolation of(HazardState state, Action action) {
        Locale locale = LocaleContextHolder.getLocale();
        String s = messages.getMessage("hazards.state." + state.name(), null, state.name(), locale);
        String act = messages.getMessage("hazards.action." + action.name(), null, action.name(), locale);
        return new RuleViolation(HazardNotice.RULE, messages.getMessage("hazards.refused.state",
                new Object[] {s, state.name(), act, action.name()}, "illegal step", locale));
    }
}
