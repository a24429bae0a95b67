package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.IncidentDigest;
import cn.govcloud.guard.platform.PlatformExpiries;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.systems.SystemWatch;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.ledger.AssessmentLedger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts a month's scheduling agenda (A11.3) from what the other modules record at that moment:
 * overdue duties by unit and rule, overdue and open hazards, recent incidents, systems waiting for
 * admission, and certificates and agreements running out within {@link #EXPIRY_WINDOW_DAYS} days.
 * The items are a snapshot in Chinese (the minutes' language) with a link to the record.
 */
@Component
@Transactional(readOnly = true)
public class AgendaDraft {
    static final int EXPIRY_WINDOW_DAYS = 90;
    private static final int LIMIT = 1000;
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final Duties duties;
    private final Hazards hazards;
    private final IncidentDigest incidents;
    private final SystemWatch systems;
    private final PlatformExpiries platform;
    private final OrganisationDirectory organisations;
    private final MessageSource messages;
    private final Clock clock;
    private final AssessmentLedger assessments;

    AgendaDraft(Duties duties, Hazards hazards, IncidentDigest incidents, SystemWatch systems, PlatformExpiries platform,
                OrganisationDirectory organisations, MessageSource messages, Clock clock, AssessmentLedger assessments) {
        this.assessments = assessments;
        this.duties = duties;
        this.hazards = hazards;
        this.incidents = incidents;
        this.systems = systems;
        this.platform = platform;
        this.organisations = organisations;
        this.messages = messages;
        this.clock = clock;
    }

    /** One drafted item; {@code category} as the agenda table stores it. */
    public record Item(String category, String title, String details, String link, Long orgId) {
    }

    /** The draft as the acting supervisor sees the city now. */
    public List<Item> draft(Actor actor) {
        Map<Long, String> names = organisations.all().stream()
                .collect(Collectors.toMap(OrganisationView::id, OrganisationView::name, (a, b) -> a));
        Function<Long, String> org = id -> names.getOrDefault(id, "#" + id);
        List<Item> items = new ArrayList<>();
        overdueDuties(actor, org, items);
        hazards(actor, items);
        LocalDate today = Db.today(clock);
        incidents.openOrConfirmedSince(today.minusMonths(1).atStartOfDay(cn.govcloud.guard.calendar.WorkingCalendar.ZONE).toInstant(), LIMIT)
                .forEach(i -> items.add(new Item("INCIDENTS", text("scheduling.agenda.incident", org.apply(i.orgId()), i.title(), i.grade()),
                        text("scheduling.agenda.incidentDetails", text("scheduling.incident.status." + i.status()),
                                DateTimeFormatter.ISO_LOCAL_DATE.format(i.confirmedAt().atZone(cn.govcloud.guard.calendar.WorkingCalendar.ZONE))),
                        "/incidents/" + i.id(), i.orgId())));
        for (Systems.SystemRef s : systems.awaitingAdmission()) {
            items.add(new Item("ADMISSION", text("scheduling.agenda.admission", org.apply(s.orgId()), s.name()),
                    text("scheduling.system.state." + s.state()), "/systems/" + s.id(), s.orgId()));
        }
        LocalDate until = today.plusDays(EXPIRY_WINDOW_DAYS);
        for (PlatformExpiries.Expiring e : platform.expiringBy(until)) {
            items.add(new Item("EXPIRING", text("scheduling.agenda.platformExpiring", org.apply(e.providerOrgId()),
                    text("scheduling.expiry." + e.kind()), e.label()), expiry(e.validUntil(), today), "/platform/certifications",
                    e.providerOrgId()));
        }
        for (SystemWatch.Expiring e : systems.expiringBy(until)) {
            items.add(new Item("EXPIRING", text("scheduling.agenda.systemExpiring", org.apply(e.orgId()), e.systemName(),
                    text("scheduling.expiry." + e.kind()), e.label()), expiry(e.validUntil(), today), "/systems/" + e.systemId(), e.orgId()));
        }
        assessmentsDue(today, org, items);
        return items;
    }

    /**
     * A7.2 (issue 17 point 9): from the assessment ledger, each system whose assessment falls due within the coming
     * month or is overdue; systems never assessed of a kind they owe are summed up per kind (the list is on 测评到期).
     */
    private void assessmentsDue(LocalDate today, Function<Long, String> org, List<Item> items) {
        Map<String, List<AssessmentLedger.Due>> never = new LinkedHashMap<>();
        for (AssessmentLedger.Due d : assessments.dueBy(today.plusMonths(1))) {
            if (d.never()) {
                never.computeIfAbsent(d.kindLabel(), k -> new ArrayList<>()).add(d);
                continue;
            }
            items.add(new Item("EXPIRING", text("scheduling.agenda.assessmentDue", org.apply(d.orgId()), d.systemName(), d.kindLabel()),
                    text("scheduling.agenda.assessmentDueOn", d.nextDue(), d.latest()), "/systems/" + d.systemId() + "/assessments", d.orgId()));
        }
        never.forEach((kind, list) -> items.add(new Item("EXPIRING", text("scheduling.agenda.assessmentNever", kind, list.size()),
                list.stream().limit(30).map(d -> org.apply(d.orgId()) + " · " + d.systemName()).collect(Collectors.joining("；")),
                "/systems/assessments/due", null)));
    }

    private void overdueDuties(Actor actor, Function<Long, String> org, List<Item> items) {
        Map<String, List<Duty>> byUnitAndRule = new LinkedHashMap<>();
        duties.agendaOf(actor, LIMIT).overdue().forEach(d -> byUnitAndRule.computeIfAbsent(d.orgId() + "|" + d.ruleId(),
                k -> new ArrayList<>()).add(d));
        for (List<Duty> group : byUnitAndRule.values()) {
            Duty first = group.get(0);
            String details = group.stream().limit(20).map(d -> d.subjectName() + "（" + text("scheduling.agenda.dueOn", d.dueDate()) + "）")
                    .collect(Collectors.joining("；"));
            items.add(new Item("OVERDUE_DUTIES", text("scheduling.agenda.overdueDuties", org.apply(first.orgId()), first.ruleId(), group.size()),
                    details, "/duties?rule=" + first.ruleId(), first.orgId()));
        }
    }

    private void hazards(Actor actor, List<Item> items) {
        List<Hazards.OpenHazard> open = hazards.openOf(actor, LIMIT);
        for (Hazards.OpenHazard h : open) {
            if (h.overdue()) {
                items.add(new Item("HAZARDS", text("scheduling.agenda.overdueHazard", h.systemName(), h.title()),
                        text("scheduling.agenda.hazardDetails", text("scheduling.severity." + h.severity().name()), h.dueDate()),
                        "/hazards/" + h.id(), null));
            }
        }
        List<Hazards.OpenHazard> inTime = open.stream().filter(h -> !h.overdue()).toList();
        if (!inTime.isEmpty()) {
            items.add(new Item("HAZARDS", text("scheduling.agenda.openHazards", inTime.size()),
                    inTime.stream().limit(30).map(h -> h.systemName() + "：" + h.title() + "（" + text("scheduling.agenda.dueOn", h.dueDate()) + "）")
                            .collect(Collectors.joining("；")), "/hazards", null));
        }
    }

    private String expiry(LocalDate validUntil, LocalDate today) {
        return validUntil.isBefore(today) ? text("scheduling.agenda.expired", validUntil) : text("scheduling.agenda.expires", validUntil);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
