package cn.govcloud.guard.duties;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.calendar.ProvisionalDeadlines;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/**
 * The duties module with the modules it uses, alone (issue 18 point 2): what it publishes — {@link DutySubmitted} when
 * evidence is filed, {@link RecurringDutiesRaised} when the engine raised new recurring duties, {@link DutyDueRecomputed}
 * when a year's holiday notice recomputes a provisional due date — is published with the change that causes it.
 */
@ModuleTest
class DutiesModuleTests {
    /** The platform's clock, not the wall clock: what the module compares due and expiry times with. */
    @org.springframework.beans.factory.annotation.Autowired
    java.time.Clock clock;

    /** A unit's acknowledgement of a supervisor's notice (A11.3): two working days, one optional field. */
    private static final String ACKNOWLEDGEMENT = "A11.3-notice-acknowledgement";

    private final Duties duties;
    private final DutyEngine engine;
    private final ProvisionalDeadlines provisional;
    private final WorkingCalendar calendar;
    private final IdentityManagement identity;
    private Actor unit;
    private Subject subject;

    DutiesModuleTests(Duties duties, DutyEngine engine, ProvisionalDeadlines provisional, WorkingCalendar calendar, IdentityManagement identity) {
        this.duties = duties;
        this.engine = engine;
        this.provisional = provisional;
        this.calendar = calendar;
        this.identity = identity;
    }

    @BeforeAll
    void aUnit() {
        unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        subject = new Subject(SubjectKind.UNIT, unit.orgId(), unit.orgName(), unit.orgId(), Map.of());
    }

    private Duty acknowledgement(Instant at, String reference) {
        return duties.raise(new DutyTrigger("notice.issued", subject, at, reference)).stream()
                .filter(d -> d.ruleId().equals(ACKNOWLEDGEMENT)).findFirst().orElseThrow();
    }

    @Test
    void a11_3_filingEvidencePublishesDutySubmittedInTheSameTransaction(Scenario scenario) {
        Duty duty = acknowledgement(clock.instant(), "notice:module-" + unit.username());

        scenario.stimulate(() -> as(unit, () -> {
                    duties.submit(duty.id(), Map.of("reply", "已阅，按要求落实"));
                    return duty.id();
                }))
                .andWaitForEventOfType(DutySubmitted.class)
                .matching(event -> event.dutyId() == duty.id())
                .toArriveAndVerify(event -> {
                    assertThat(event.ruleId()).isEqualTo(ACKNOWLEDGEMENT);
                    assertThat(event.orgId()).isEqualTo(unit.orgId());
                    assertThat(event.fields()).containsEntry("reply", "已阅，按要求落实");
                    assertThat(event.by()).isEqualTo(unit.username());
                    assertThat(duties.find(duty.id())).hasValueSatisfying(d -> assertThat(d.state().awaitsSubmission()).isFalse());
                });
    }

    @Test
    void a13_generatingAPeriodPublishesRecurringDutiesRaisedNamingTheRules(Scenario scenario) {
        LocalDate day = LocalDate.of(2026, 3, 2);

        scenario.stimulate(() -> engine.generate(day, day))
                .andWaitForEventOfType(RecurringDutiesRaised.class)
                .matching(event -> event.from().equals(day))
                .toArriveAndVerify(event -> {
                    assertThat(event.to()).isEqualTo(day);
                    // the new unit owes recurring duties now, each under a rule the event names
                    assertThat(duties.ofSubject(SubjectKind.UNIT, unit.orgId())).isNotEmpty()
                            .allSatisfy(d -> assertThat(event.ruleIds()).contains(d.ruleId()));
                });
    }

    @Test
    void workingDays_recomputingAYearPublishesDutyDueRecomputedForEachProvisionalDuty(Scenario scenario) {
        // raised on 30 December 2031: its two working days reach 2032, whose holiday notice is not loaded (provisional)
        Duty duty = acknowledgement(Instant.parse("2031-12-30T02:00:00Z"), "notice:module-provisional-" + unit.username());
        assertThat(duty.dueProvisional()).isTrue();

        scenario.stimulate(() -> provisional.recompute(2032, calendar))
                .andWaitForEventOfType(DutyDueRecomputed.class)
                .matching(event -> event.dutyId() == duty.id())
                .toArriveAndVerify(event -> {
                    assertThat(event.ruleId()).isEqualTo(ACKNOWLEDGEMENT);
                    assertThat(event.previousDueAt()).isEqualTo(duty.dueAt());
                    // 2032 is still not loaded: the date stands and stays provisional
                    assertThat(event.moved()).isFalse();
                    assertThat(event.dueProvisional()).isTrue();
                });
    }
}
