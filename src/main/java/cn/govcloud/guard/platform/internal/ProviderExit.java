package cn.govcloud.guard.platform.internal;

import static cn.govcloud.guard.platform.internal.Fields.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.platform.ExitDecisionRequested;
import cn.govcloud.guard.platform.ExitRequested;
import cn.govcloud.guard.platform.ExitServiceEnded;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A5.6: the provider's exit. The application is filed at least 90 days before the end of service (a later end date
 * under 90 days is refused naming A5.6); every hosted system gets a migration task ({@link MigrationTasks}) the
 * supervisor tracks and the system's unit sees; after the end the provider files the data-clearance report, and until
 * then the exit stays open and, once the end has passed, overdue. The department's decision is {@link ExitDecisions}'.
 */
@Service
public class ProviderExit {

    public record NewExit(LocalDate endDate, String reason, String contact) {
    }

    public record Clearance(LocalDate clearedOn, String scope, String method, String verifiedBy) {
    }

    private final Exits exits;
    private final Systems systems;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final WorkingCalendar calendar;
    private final AuditLog audit;
    private final PlatformClock clock;

    ProviderExit(Exits exits, Systems systems, Duties duties, ApplicationEventPublisher events, WorkingCalendar calendar, AuditLog audit,
                 PlatformClock clock) {
        this.exits = exits;
        this.systems = systems;
        this.duties = duties;
        this.events = events;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
    }

    /** The earliest end of service an application filed today may name (A5.6). */
    public LocalDate earliestEnd() {
        return Exit.earliestEnd(clock.today());
    }

    @Transactional
    public Exit file(Actor by, NewExit e) {
        Actor actor = Provider.require(by, "only the provider files its exit");
        Map<String, String> errors = new LinkedHashMap<>();
        if (e.endDate() == null) {
            errors.put("endDate", "platform.exit.error.endDate");
        }
        if (blank(e.reason()) || e.reason().length() > 2000) {
            errors.put("reason", "platform.exit.error.reason");
        }
        if (blank(e.contact()) || e.contact().strip().length() > 100) {
            errors.put("contact", "platform.exit.error.contact");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.exit.error.invalid", errors);
        }
        Exit.requireNotice(e.endDate(), clock.today());
        if (exits.hasOpen(actor.orgId())) {
            throw new RuleViolation("A5.6", "platform.exit.error.alreadyOpen");
        }
        OffsetDateTime now = clock.now();
        long id = exits.insert(actor.orgId(), now, actor.username(), e.endDate(), e.reason().strip(), e.contact().strip());
        List<Systems.SystemRef> hosted = systems.onPlatform();
        hosted.forEach(s -> exits.insertTask(id, s, now, actor.username()));
        // the catalog's duties, when the calendar covers their due dates (a year without a loaded holiday schedule raises none)
        Instant at = clock.instant();
        if (calendar.loadedYears().contains(earliestEnd().getYear())) {
            events.publishEvent(new ExitRequested(id, Provider.platform(actor), at, null));
            for (Systems.SystemRef s : hosted) {
                events.publishEvent(new ExitRequested(id, new Subject(SubjectKind.SYSTEM, s.id(), s.name(), s.orgId(),
                        Map.of("mlpsLevel", s.mlpsLevel())), at, s.id()));
                // issue 17 point 14: the migration is due at the planned end of service, not at the earliest allowed one
                duties.setDue(ExitRequested.systemReference(id, s.id()), "A5.6-system-migration", e.endDate(), "计划终止服务日期（A5.6）");
            }
            // issue 17 point 14: the competent department (supervisor) decides on the application
            events.publishEvent(new ExitDecisionRequested(id, Provider.platform(actor), at));
        }
        audit.record(AuditEvent.success("platform.exit.file", "exit:" + id,
                "end of service " + e.endDate() + ", " + hosted.size() + " systems to migrate"));
        return find(id, actor).orElseThrow();
    }

    /**
     * A5.6 "终止服务后…报送数据清除报告": once an open exit's end date has come, the service has ended, and the event raises the
     * provider's A5.6-data-clearance-report (issue 17 point 10). Counted from the start of the end date, the day the exit takes
     * effect. Run every few minutes and before a clearance is filed; idempotent per exit.
     */
    @Transactional
    public int endServices() {
        List<Exits.Ended> ended = exits.endedBy(clock.today());
        for (Exits.Ended e : ended) {
            events.publishEvent(new ExitServiceEnded(e.id(), Provider.platform(e.providerOrgId(), "政务云平台"),
                    e.endDate().atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        return ended.size();
    }

    /** A5.6: after the end of service, the data-clearance report (what was erased, how, when, verified by whom) closes the exit. */
    @Transactional
    public Exit fileClearance(Actor actor, long exitId, Clearance c) {
        Exit exit = find(exitId, actor).orElseThrow(() -> new NotFound("exit " + exitId));
        if (actor.orgKind() != OrgKind.PROVIDER || exit.providerOrgId() != actor.orgId()) {
            throw new AccessDeniedException("only the provider files its data-clearance report");
        }
        LocalDate today = clock.today();
        Map<String, String> errors = new LinkedHashMap<>();
        if (c.clearedOn() == null || c.clearedOn().isAfter(today) || c.clearedOn().isBefore(exit.endDate())) {
            errors.put("clearedOn", "platform.exit.error.clearedOn");
        }
        if (blank(c.scope()) || c.scope().length() > 2000) {
            errors.put("scope", "platform.exit.error.scope");
        }
        if (blank(c.method()) || c.method().length() > 1000) {
            errors.put("method", "platform.exit.error.method");
        }
        if (blank(c.verifiedBy()) || c.verifiedBy().strip().length() > 100) {
            errors.put("verifiedBy", "platform.exit.error.verifiedBy");
        }
        exit.requireEnded(today);
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.exit.error.invalid", errors);
        }
        exit.requireOpen();
        exits.cleared(exitId, c.clearedOn(), c.scope().strip(), c.method().strip(), c.verifiedBy().strip(), clock.now(), actor.username());
        endServices();
        duties.fulfil("exit:" + exitId, "data-clearance report filed");
        duties.fulfil("exit:" + exitId + ":ended", "data-clearance report filed");
        audit.record(AuditEvent.success("platform.exit.clearance", "exit:" + exitId,
                "cleared on " + c.clearedOn() + " by " + c.method().strip() + ", verified by " + c.verifiedBy().strip()));
        return find(exitId, actor).orElseThrow();
    }

    /** The provider sees its exits, the supervisor and regulators all; a unit the exits that concern its systems, with only its tasks. */
    @Transactional(readOnly = true)
    public List<Exit> list(Actor actor) {
        LocalDate today = clock.today();
        List<Exit> list = new ArrayList<>();
        for (long id : exits.visible(actor)) {
            exits.find(id, actor, today).ifPresent(list::add);
        }
        return list;
    }

    @Transactional(readOnly = true)
    public Optional<Exit> find(long id, Actor actor) {
        return exits.find(id, actor, clock.today());
    }
}
