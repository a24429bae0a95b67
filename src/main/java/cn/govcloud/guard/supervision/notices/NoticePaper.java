package cn.govcloud.guard.supervision.notices;

import cn.govcloud.guard.documents.OfficialPapers.Content;
import cn.govcloud.guard.documents.OfficialPapers.Fact;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.documents.OfficialRecordSource;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Issue 22 point 7, Article 3(3): the 通报 of a supervision notice — the big-data centre's notice to the units it was
 * sent to, copied to the regulators, as an official document from the notice.
 */
@Component
class NoticePaper implements OfficialRecordSource {
    private final Notices notices;
    private final OrganisationDirectory organisations;

    NoticePaper(Notices notices, OrganisationDirectory organisations) {
        this.notices = notices;
        this.organisations = organisations;
    }

    @Override
    public Kind kind() {
        return Kind.NOTICE;
    }

    @Override
    public Optional<Content> content(Actor reader, long recordId) {
        return OfficialRecordSource.visible(() -> notices.visible(recordId, reader)).flatMap(this::content);
    }

    private Optional<Content> content(Notices.IssuedNotice n) {
        Optional<OrganisationView> supervisor = organisations.ofKind(OrgKind.SUPERVISOR).stream().findFirst();
        String addressees = notices.recipients(n.id()).stream().map(Notices.Recipient::orgName).collect(Collectors.joining("、"));
        String regulators = organisations.ofKind(OrgKind.REGULATOR).stream().map(OrganisationView::name).collect(Collectors.joining("、"));
        List<String> body = Arrays.stream(n.body().split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        String title = n.title().strip();
        if (!title.endsWith("通报")) {
            title = "关于" + title + "的通报";
        }
        return Optional.of(new Content(supervisor.map(OrganisationView::id).orElse(0L), "notice:" + n.id(), title,
                addressees.isEmpty() ? null : addressees, body, List.of(new Fact("通报类别", n.kind())), "特此通报。",
                List.of(supervisor.map(OrganisationView::name).orElse("市大数据中心")), regulators.isEmpty() ? null : regulators));
    }
}
