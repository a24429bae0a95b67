package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.platform.internal.SupplyItem.State;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A5.5 read side: the register filtered, its findings and its figures, scoped to what the actor may see. Writes nothing. */
@Service
@Transactional(readOnly = true)
public class SupplyChainQueries {

    public record Filter(String state, String kind, String q, boolean findingsOnly, int limit) {
        public static Filter all(int limit) {
            return new Filter(null, null, null, false, limit);
        }
    }

    /** A finding of A5.5: {@code type} is UNASSESSED, REJECTED_IN_USE, NO_AGREEMENT or VULNERABLE. */
    public record Finding(String type, SupplyItem item, String detail) {
    }

    /** The last SBOM import, as the summary shows it. */
    public record LastImport(long id, String filename, String format, int components, int added, int removed, Instant importedAt,
                             String importedBy) {
    }

    public record Summary(long items, long inUse, long pending, long approved, long conditional, long rejected, long removed,
                          long unassessedInUse, long rejectedInUse, long withoutAgreement, long vulnerable, LastImport lastImport) {
        public long findings() {
            return unassessedInUse + rejectedInUse + withoutAgreement + vulnerable;
        }
    }

    private final SupplyItems items;
    private final SbomImports imports;
    private final PlatformClock clock;

    SupplyChainQueries(SupplyItems items, SbomImports imports, PlatformClock clock) {
        this.items = items;
        this.imports = imports;
        this.clock = clock;
    }

    public Optional<SupplyItem> find(long id, Actor actor) {
        return items.find(id, OrgScope.of(actor));
    }

    public List<SupplyItem> list(Actor actor, Filter f) {
        List<SupplyItem> list = new ArrayList<>();
        each(actor, f, list::add);
        return list;
    }

    /** Streams the register row by row (the Excel export of 20,000 components needs no list in memory). */
    public void each(Actor actor, Filter f, Consumer<SupplyItem> sink) {
        items.each(OrgScope.of(actor), f, clock.today(), sink);
    }

    /** The findings of A5.5, one per cause, at most {@code limit}. */
    public List<Finding> findings(Actor actor, int limit) {
        LocalDate today = clock.today();
        List<Finding> findings = new ArrayList<>();
        for (SupplyItem i : list(actor, new Filter(null, null, null, true, limit))) {
            if (i.state() == State.PENDING) {
                findings.add(new Finding("UNASSESSED", i, "A5.5"));
            }
            if (i.state() == State.REJECTED) {
                findings.add(new Finding("REJECTED_IN_USE", i, "A5.5"));
            }
            if (i.agreementMissing(today)) {
                findings.add(new Finding("NO_AGREEMENT", i, "A5.5"));
            }
            if (!i.advisories().isEmpty()) {
                findings.add(new Finding("VULNERABLE", i, String.join(", ", i.advisories())));
            }
        }
        return findings;
    }

    public Summary summary(Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> row = items.counts(scope, clock.today());
        LastImport lastImport = imports.latest(scope);
        return new Summary(n(row.get("items")), n(row.get("in_use")), n(row.get("pending")), n(row.get("approved")),
                n(row.get("conditional")), n(row.get("rejected")), n(row.get("removed")), n(row.get("unassessed")),
                n(row.get("rejected_in_use")), n(row.get("no_agreement")), n(row.get("vulnerable")), lastImport);
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
