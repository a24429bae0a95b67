package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.documents.OfficialPapers.Content;
import cn.govcloud.guard.documents.OfficialPapers.Fact;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.documents.OfficialRecordSource;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Issue 22 point 7, A11.1: the 政务云平台安全责任协议 of a hosted system, between its unit (甲方) and the cloud provider
 * (乙方), as an official document from the register: the system's facts and the standard clauses the Measures give
 * each party (A7, A8.1, A9.2, A10.2, A10.4).
 */
@Component
class AgreementPaper implements OfficialRecordSource {
    static final List<String> CLAUSES = List.of(
            "为落实《政务云安全管理办法》，明确政务云平台与云上政务信息系统的安全管理职责与责任边界，甲方（云使用单位）与乙方（云服务商）"
                    + "就下列政务信息系统部署于政务云平台事宜签订本协议。未签订本协议的系统不得接入政务云平台。",
            "一、甲方对其部署的云上政务信息系统及其数据承担网络和数据安全主体责任，按期开展等级保护测评、渗透测试、安全风险评估和"
                    + "商用密码应用安全性评估；发现或收到告知的安全隐患后立即启动响应，于5个工作日内完成整改并书面反馈预警部门，抄送市大数据中心。",
            "二、乙方对政务云平台基础设施和平台层安全承担责任，实行7×24小时安全监测预警，发现涉及甲方系统的安全漏洞、隐患和攻击行为时"
                    + "立即告知甲方和市大数据中心，并提供必要的技术支持。",
            "三、未经甲方授权，乙方不得访问、查看、复制、篡改、泄露、损毁或非法转移甲方系统数据；远程运维须经甲方审批，一次一用、单次有效。",
            "四、发生《国家网络安全事件应急预案》定义的Ⅲ级（较大）及以上网络安全事件，双方立即按应急预案处置，并在确认事件后30分钟内"
                    + "向网络安全主管部门报告。",
            "五、本协议一式三份，甲乙双方各执一份，报市大数据中心备案一份，自双方签字盖章之日起生效。");

    private final SystemQueries systems;
    private final OrganisationDirectory organisations;

    AgreementPaper(SystemQueries systems, OrganisationDirectory organisations) {
        this.systems = systems;
        this.organisations = organisations;
    }

    @Override
    public Kind kind() {
        return Kind.AGREEMENT;
    }

    @Override
    public Optional<Content> content(Actor reader, long recordId) {
        return OfficialRecordSource.visible(() -> systems.visible(recordId, reader)).flatMap(this::content);
    }

    private Optional<Content> content(HostedSystem s) {
        String provider = organisations.ofKind(OrgKind.PROVIDER).stream().findFirst().map(OrganisationView::name).orElse("云服务商");
        String supervisor = organisations.ofKind(OrgKind.SUPERVISOR).stream().findFirst().map(OrganisationView::name).orElse("市大数据中心");
        List<Fact> facts = List.of(
                new Fact("系统名称", s.name()),
                new Fact("云使用单位", s.orgName()),
                new Fact("云服务商", provider),
                new Fact("安全保护等级", "第" + s.mlpsLevel() + "级"),
                new Fact("等保备案编号", s.filingNumber()),
                new Fact("系统责任人", s.responsibleName()));
        return Optional.of(new Content(s.orgId(), "system:" + s.id(), "政务云平台安全责任协议", null, CLAUSES, facts, null,
                List.of("甲方（云使用单位）：" + s.orgName() + "（盖章）", "乙方（云服务商）：" + provider + "（盖章）"), supervisor));
    }
}
