package cn.govcloud.guard.demo;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.OrgKind;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the demo city's steps share: acting as one of its accounts, the seeding's time and day in the city, its papers,
 * and finding its organisations by name or kind.
 */
@DemoComponent
class DemoSeeding {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeding.class);

    private final IdentityBootstrap bootstrap;
    private final OrganisationDirectory organisations;
    private final DemoPapers papers;
    private final Clock clock;

    DemoSeeding(IdentityBootstrap bootstrap, OrganisationDirectory organisations, DemoPapers papers, Clock clock) {
        this.bootstrap = bootstrap;
        this.organisations = organisations;
        this.papers = papers;
        this.clock = clock;
    }

    /**
     * Seeds a part of the city that may fail (e.g. a due date in a year whose holiday schedule is not loaded yet) with a
     * warning instead, so the rest of the demo city still starts.
     */
    void partly(String part, Runnable seed) {
        try {
            seed.run();
        } catch (RuntimeException e) {
            log.warn("Demo {} not seeded completely: {}", part, e.toString());
        }
    }

    /** Does {@code work} signed in as {@code username}, as that person would. */
    void as(String username, Runnable work) {
        bootstrap.runAs(username, work);
    }

    /** What {@code work} makes (e.g. a new record's id) signed in as {@code username}. */
    <T> T by(String username, Supplier<T> work) {
        Object[] made = new Object[1];
        bootstrap.runAs(username, () -> made[0] = work.get());
        @SuppressWarnings("unchecked")
        T result = (T) made[0];
        return result;
    }

    Instant now() {
        return clock.instant();
    }

    /** Today in the city. */
    LocalDate today() {
        return now().atZone(WorkingCalendar.ZONE).toLocalDate();
    }

    /** A demo paper (a one-page PDF) with this title and text. */
    ByteArrayInputStream paper(String title, String body) {
        return papers.paper(title, body);
    }

    /** The city's organisations' ids by name. */
    Map<String, Long> organisationIds() {
        return organisations.all().stream().collect(Collectors.toMap(OrganisationView::name, OrganisationView::id, (a, b) -> a));
    }

    Optional<Long> organisation(String name) {
        return organisations.all().stream().filter(o -> o.name().equals(name)).map(OrganisationView::id).findFirst();
    }

    /** The ids of the organisations of one kind, in the directory's order. */
    List<Long> ofKind(OrgKind kind) {
        return organisations.ofKind(kind).stream().map(OrganisationView::id).toList();
    }

    /** The organisation of one kind with this name. */
    Optional<Long> ofKind(OrgKind kind, String name) {
        return organisations.ofKind(kind).stream().filter(o -> o.name().equals(name)).map(OrganisationView::id).findFirst();
    }
}
