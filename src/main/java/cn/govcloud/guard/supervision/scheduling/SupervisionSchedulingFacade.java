package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.supervision.SupervisionScheduling;
import cn.govcloud.guard.supervision.inspections.Inspections;
import cn.govcloud.guard.supervision.inspections.Recording;
import cn.govcloud.guard.supervision.notices.Notices;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@link SupervisionScheduling} over the services the pages and the API use. */
@Component
class SupervisionSchedulingFacade implements SupervisionScheduling {
    private final Sessions sessions;
    private final Actions actions;
    private final Closing closing;
    private final Inspections inspections;
    private final Recording recording;
    private final Notices notices;

    SupervisionSchedulingFacade(Sessions sessions, Actions actions, Closing closing, Inspections inspections, Recording recording,
                                Notices notices) {
        this.sessions = sessions;
        this.actions = actions;
        this.closing = closing;
        this.inspections = inspections;
        this.recording = recording;
        this.notices = notices;
    }

    @Override
    public long openMonth(YearMonth month) {
        return sessions.open(month).id();
    }

    @Override
    public void recordMeeting(long sessionId, LocalDate meetingDate, String participants) {
        sessions.recordMeeting(sessionId, meetingDate, participants);
    }

    @Override
    public void addDecision(long sessionId, String text) {
        sessions.addDecision(sessionId, text);
    }

    @Override
    public long assignDuty(long sessionId, long orgId, String title, LocalDate dueDate) {
        return actions.assign(sessionId, new Actions.NewAction("DUTY", title, null, orgId, null, dueDate, null)).dutyId();
    }

    @Override
    public long assignHazard(long sessionId, long systemId, String title, String severity) {
        return actions.assign(sessionId, new Actions.NewAction("HAZARD", title, null, null, systemId, null, severity)).hazardId();
    }

    @Override
    public void closeMonth(long sessionId) {
        closing.close(sessionId, "月度调度会议议程已完成");
    }

    @Override
    public long startInspection(String quarter, String topic, List<String> articles, List<Long> unitIds) {
        return inspections.create(new Inspections.NewInspection(quarter, topic, articles, List.of(), unitIds, List.of())).id();
    }

    @Override
    public List<ChecklistItem> checklist(long inspectionId) {
        return inspections.items(inspectionId).stream().map(i -> new ChecklistItem(i.id(), i.ruleId(), i.subjectKind(), i.subjectId(),
                i.subjectName(), i.result())).toList();
    }

    @Override
    public Long recordResult(long inspectionId, long itemId, String result, String remark, String inspector) {
        return recording.record(inspectionId, itemId, new Inspections.Result(result, remark, inspector, null, null)).hazardId();
    }

    @Override
    public long issueNotice(String kind, String title, String body, List<Long> unitIds) {
        return notices.issue(new Notices.NewNotice(kind, title, body, unitIds)).id();
    }

    @Override
    public void acknowledgeNotice(long noticeId, String reply) {
        notices.acknowledge(noticeId, reply);
    }
}
