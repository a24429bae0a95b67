package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.documents.OfficialPapers.Content;
import cn.govcloud.guard.documents.OfficialPapers.Fact;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.documents.OfficialRecordSource;
import cn.govcloud.guard.hazards.Hazards.Severity;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.TimeConfiguration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Issue 22 point 7, A10.2: the 整改反馈函 — the unit's written answer to the warning department about a hazard, copied
 * to the big-data centre, as an official document from the hazard and its latest written feedback.
 */
@Component
class RectificationFeedbackPaper implements OfficialRecordSource {
    static final Map<Severity, String> SEVERITY = Map.of(Severity.CRITICAL, "紧急", Severity.HIGH, "高危", Severity.MEDIUM, "中危",
            Severity.LOW, "低危");

    private final HazardQueries hazards;
    private final JdbcClient jdbc;
    private final OrganisationDirectory organisations;

    RectificationFeedbackPaper(HazardQueries hazards, JdbcClient jdbc, OrganisationDirectory organisations) {
        this.hazards = hazards;
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    @Override
    public Kind kind() {
        return Kind.RECTIFICATION_FEEDBACK;
    }

    record Feedback(String measures, String residualRisk, LocalDate completedOn) {
    }

    @Override
    public Optional<Content> content(Actor reader, long recordId) {
        return OfficialRecordSource.visible(() -> hazards.visible(recordId, reader)).flatMap(this::content);
    }

    private Optional<Content> content(HazardView h) {
        Optional<Feedback> feedback = jdbc.sql("select measures, residual_risk, completed_on from hazards_feedback where hazard_id = :id "
                        + "order by id desc fetch first 1 rows only")
                .param("id", h.id())
                .query((rs, i) -> new Feedback(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class))).optional();
        String supervisor = organisations.ofKind(OrgKind.SUPERVISOR).stream().findFirst().map(OrganisationView::name).orElse("市大数据中心");
        List<String> body = new ArrayList<>();
        body.add("你单位于" + date(h.notifiedAt()) + "告知我单位的" + h.systemName() + "安全隐患（" + h.title() + "）已收悉。我单位立即启动响应，"
                + "依照《政务云安全管理办法》于5个工作日内完成漏洞修复、风险处置与整改工作，现将整改情况反馈如下。");
        if (feedback.isEmpty()) {
            body.add("整改工作正在进行，完成后另行书面反馈。");
        }
        List<Fact> facts = new ArrayList<>(List.of(
                new Fact("隐患名称", h.title()),
                new Fact("涉及系统", h.systemName()),
                new Fact("风险等级", SEVERITY.getOrDefault(h.severity(), String.valueOf(h.severity()))),
                new Fact("告知时间", date(h.notifiedAt())),
                new Fact("整改时限", h.effectiveDueDate() == null ? null : chinese(h.effectiveDueDate())),
                new Fact("处置负责人", h.handlerName())));
        feedback.ifPresentOrElse(f -> {
            facts.add(new Fact("整改措施", f.measures()));
            facts.add(new Fact("剩余风险", f.residualRisk() == null || f.residualRisk().isBlank() ? "无" : f.residualRisk()));
            facts.add(new Fact("完成日期", chinese(f.completedOn())));
        }, () -> facts.add(new Fact("已采取措施", h.firstMeasures())));
        String warner = h.warnerName();
        String copyTo = warner != null && warner.equals(supervisor) ? null : supervisor;
        return Optional.of(new Content(h.orgId(), "hazard:" + h.id(), "关于" + h.systemName() + "安全隐患整改情况的反馈函", warner, body, facts, "特此函告。",
                List.of(h.orgName()), copyTo));
    }

    private static String date(Instant at) {
        return at == null ? "—" : chinese(at.atZone(TimeConfiguration.CITY_ZONE).toLocalDate());
    }

    private static String chinese(LocalDate d) {
        return d == null ? "—" : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }
}
