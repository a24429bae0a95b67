package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.Grants.Purpose;
import cn.govcloud.guard.documents.OfficialPapers.Content;
import cn.govcloud.guard.documents.OfficialPapers.Fact;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.documents.OfficialRecordSource;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.TimeConfiguration;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Issue 22 point 7, A8.1: the 授权函 of a data-access grant — the unit authorises the provider to reach its system's
 * data for the purpose, scope and window of the grant, as an official document from the grant.
 */
@Component
class AuthorisationPaper implements OfficialRecordSource {
    static final Map<Purpose, String> SCOPE = Map.of(Purpose.VIEW, "查看", Purpose.COPY, "复制", Purpose.MODIFY, "修改", Purpose.MOVE, "迁移");
    static final Map<String, String> STATUS = Map.of("REQUESTED", "待审批", "GRANTED", "已授权", "REFUSED", "已拒绝", "REVOKED", "已撤销");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(TimeConfiguration.CITY_ZONE);

    private final GrantQueries grants;
    private final Systems systems;
    private final OrganisationDirectory organisations;

    AuthorisationPaper(GrantQueries grants, Systems systems, OrganisationDirectory organisations) {
        this.grants = grants;
        this.systems = systems;
        this.organisations = organisations;
    }

    @Override
    public Kind kind() {
        return Kind.AUTHORISATION;
    }

    @Override
    public Optional<Content> content(Actor reader, long recordId) {
        return OfficialRecordSource.visible(() -> grants.visible(recordId, reader)).flatMap(this::content);
    }

    private Optional<Content> content(DataAccessGrants.Grant g) {
        String unit = name(g.orgId(), "云使用单位");
        String provider = name(g.providerOrgId(), "云服务商");
        String system = systems.find(g.systemId()).map(Systems.SystemRef::name).orElse("系统 " + g.systemId());
        String supervisor = organisations.ofKind(OrgKind.SUPERVISOR).stream().findFirst().map(OrganisationView::name).orElse("市大数据中心");
        String scope = g.scope().stream().sorted().map(SCOPE::get).collect(Collectors.joining("、"));
        List<String> body = List.of(
                "根据《政务云安全管理办法》关于未经云使用单位授权不得访问、查看、复制、篡改、泄露、损毁或非法转移云上政务信息系统数据的规定，"
                        + "经我单位审核，现授权你单位在下列期限和范围内处理我单位" + system + "的数据。",
                "授权期满或授权撤销后，你单位须立即停止相关操作；每次访问须实名留痕，接受我单位和市大数据中心的监督检查。超出本函范围的操作，"
                        + "须另行申请授权。");
        List<Fact> facts = List.of(
                new Fact("信息系统", system),
                new Fact("被授权单位", provider),
                new Fact("授权事由", g.purpose()),
                new Fact("授权范围", scope),
                new Fact("授权期限", when(g.startsAt()) + " 至 " + when(g.endsAt())),
                new Fact("授权状态", STATUS.getOrDefault(g.status(), g.status())));
        return Optional.of(new Content(g.orgId(), "grant:" + g.id(), "关于授权" + provider + "访问" + system + "数据的函", provider, body, facts, "特此函告。",
                List.of(unit), supervisor));
    }

    private String name(long orgId, String fallback) {
        return organisations.byId(orgId).map(OrganisationView::name).orElse(fallback);
    }

    private static String when(Instant at) {
        return at == null ? "—" : WHEN.format(at);
    }
}
