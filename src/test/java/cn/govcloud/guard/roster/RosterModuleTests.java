package cn.govcloud.guard.roster;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.RecurringDutiesRaised;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/**
 * The roster module with the modules it uses (issue 18 point 2): it listens to the duty engine's
 * {@link RecurringDutiesRaised}. A signed 网络安全责任书 filed for next year before its duty exists (A4, issue 22 point 2)
 * fulfils that duty in the very transaction the engine raises it, and the roster links the letter to it, audited.
 */
@ModuleTest
class RosterModuleTests {
    private final Rosters rosters;
    private final DutyEngine engine;
    private final Duties duties;
    private final IdentityManagement identity;
    private final AuditFeed feed;
    private final Clock clock;

    RosterModuleTests(Rosters rosters, DutyEngine engine, Duties duties, IdentityManagement identity, AuditFeed feed, Clock clock) {
        this.rosters = rosters;
        this.engine = engine;
        this.duties = duties;
        this.identity = identity;
        this.feed = feed;
        this.clock = clock;
    }

    @Test
    void a4_aLetterFiledBeforeItsYearsDutyExistsFulfilsTheDutyWhenTheEngineRaisesIt(Scenario scenario) {
        Actor officer = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
        int next = today.getYear() + 1;
        long before = feed.lastId();
        as(officer, () -> rosters.save(new Rosters.RosterInput(new Rosters.PersonInput("王主任", "主任", "0571-8000001", "13900000011"),
                new Rosters.PersonInput("李副主任", "副主任", "0571-8000002", "13900000012"),
                new Rosters.PersonInput("赵管理员", "网络安全管理员", "0571-8000003", "13900000013"), "13900000010")));
        Rosters.Letter filed = as(officer, () -> rosters.fileLetter(next, today, "责任书.pdf",
                new ByteArrayInputStream("%PDF-1.4 signed".getBytes(StandardCharsets.UTF_8))));
        assertThat(filed.dutyId()).isNull();
        assertThat(feed.after(before, 200)).extracting(r -> r.action()).contains("roster.letter.file");

        scenario.stimulate(() -> engine.generate(LocalDate.of(next, 1, 1), LocalDate.of(next, 1, 1)))
                .andWaitForEventOfType(RecurringDutiesRaised.class)
                .matching(raised -> raised.ruleIds().contains(Rosters.LETTER_RULE))
                .toArriveAndVerify(raised -> {
                    Duty duty = duties.ofSubjectAndRule(SubjectKind.UNIT, officer.orgId(), Rosters.LETTER_RULE).stream()
                            .filter(d -> d.periodStart().getYear() == next).findFirst().orElseThrow();
                    assertThat(duty.state()).isEqualTo(DutyState.ACCEPTED);
                    Rosters.Roster roster = as(officer, () -> rosters.roster(officer.orgId()));
                    assertThat(roster.person(Rosters.Position.PRINCIPAL)).hasValueSatisfying(p -> assertThat(p.mobileMasked())
                            .doesNotContain("13900000011"));
                    assertThat(feed.after(before, 500)).filteredOn(r -> r.action().equals("roster.letter.reconcile"))
                            .extracting(r -> r.details()).anyMatch(d -> d.contains("duty:" + duty.id()));
                });
    }
}
