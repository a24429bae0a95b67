package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.duties.SubjectSource;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.OrgKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Who and what owes duties. The platform is the provider's (one subject per provider
 * organisation), each unit organisation is a subject, and other modules add theirs (hosted
 * systems) through {@link SubjectSource}.
 */
@Component
public class Subjects {
    private final OrganisationDirectory organisations;
    private final List<SubjectSource> sources;

    Subjects(OrganisationDirectory organisations, List<SubjectSource> sources) {
        this.organisations = organisations;
        this.sources = sources;
    }

    /** Organisations and subjects read once, for one generation run or one matrix (no query per subject). */
    public Snapshot snapshot() {
        return new Snapshot(organisations.all(), sources);
    }

    public static OrgKind orgKind(Party party) {
        return switch (party) {
            case PROVIDER -> OrgKind.PROVIDER;
            case UNIT -> OrgKind.UNIT;
            case SUPERVISOR, SECURITY_ADMIN -> OrgKind.SUPERVISOR;
            case REGULATOR -> OrgKind.REGULATOR;
        };
    }

    public static final class Snapshot {
        private final Map<Long, OrganisationView> orgs;
        private final List<SubjectSource> sources;
        private final Map<SubjectKind, List<Subject>> subjects = new EnumMap<>(SubjectKind.class);

        Snapshot(List<OrganisationView> orgs, List<SubjectSource> sources) {
            this.orgs = orgs.stream().collect(Collectors.toMap(OrganisationView::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            this.sources = sources;
        }

        public List<Subject> of(SubjectKind kind) {
            return subjects.computeIfAbsent(kind, this::load);
        }

        private List<Subject> load(SubjectKind kind) {
            if (kind == SubjectKind.PLATFORM) {
                return orgsOf(OrgKind.PROVIDER).stream()
                        .map(org -> new Subject(SubjectKind.PLATFORM, org.id(), org.name(), org.id(), Map.of())).toList();
            }
            if (kind == SubjectKind.UNIT) {
                return orgsOf(OrgKind.UNIT).stream()
                        .map(org -> new Subject(SubjectKind.UNIT, org.id(), org.name(), org.id(), Map.of())).toList();
            }
            List<Subject> found = new ArrayList<>();
            sources.stream().filter(source -> source.kind() == kind).forEach(source -> found.addAll(source.subjects()));
            return found;
        }

        public List<OrganisationView> orgsOf(OrgKind kind) {
            return orgs.values().stream().filter(org -> org.kind() == kind).toList();
        }

        public Optional<OrganisationView> org(long id) {
            return Optional.ofNullable(orgs.get(id));
        }

        /**
         * The organisation that must act: the subject's owner when the party owns such subjects
         * (the provider for the platform, the unit for itself and its systems), otherwise the
         * first organisation of the party's kind (the big-data centre for the supervisor's duties).
         */
        public Optional<Long> responsibleOrg(Party party, Subject subject) {
            return responsibleOrg(party, subject, null);
        }

        /** The same, but an organisation the event names (e.g. the warner of a hazard) acts when it is of the party's kind. */
        public Optional<Long> responsibleOrg(Party party, Subject subject, Long named) {
            OrgKind kind = orgKind(party);
            OrganisationView acting = named == null ? null : orgs.get(named);
            if (acting != null && acting.kind() == kind) {
                return Optional.of(acting.id());
            }
            OrganisationView owner = orgs.get(subject.orgId());
            if (owner != null && owner.kind() == kind) {
                return Optional.of(owner.id());
            }
            return orgsOf(kind).stream().map(OrganisationView::id).min(Long::compare);
        }
    }
}
