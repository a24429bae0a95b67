package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.Certifications;
import cn.govcloud.guard.platform.internal.Certifications.Certification;
import cn.govcloud.guard.platform.internal.Exit;
import cn.govcloud.guard.platform.internal.Hardware;
import cn.govcloud.guard.platform.internal.Hardware.Device;
import cn.govcloud.guard.platform.internal.NetworkLines;
import cn.govcloud.guard.platform.internal.NetworkLines.Line;
import cn.govcloud.guard.platform.internal.SupplyChainQueries;
import cn.govcloud.guard.platform.internal.SupplyItem;
import cn.govcloud.guard.shared.ListParameters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Each platform register's own filters (issue 23 point 11), read from its query string: the parameters it knows, the
 * values each takes (anything else refused by {@link ListParameters}), and what a row must be to stay. The keyword
 * {@code q} matches any of the register's text columns, case-insensitive.
 */
final class RegisterFilters {
    /** The certification filter's validity: expired, expiring within {@link #EXPIRING_DAYS} days, or valid beyond. */
    static final List<String> VALIDITY = List.of("expired", "expiring", "valid");
    static final int EXPIRING_DAYS = 90;
    static final List<String> EXIT_STATES = List.of("OPEN", "CLEARED");

    private RegisterFilters() {
    }

    /** A5.1 hardware: keyword, device type, 信创 compliant or not. */
    static Predicate<Device> hardware(ListParameters p) {
        String q = p.keyword("q");
        String type = p.choice("type", Hardware.DEVICE_TYPES);
        Boolean compliant = p.flag("compliant");
        return d -> matches(q, d.vendor(), d.model(), d.role(), d.location(), d.basis()) && same(type, d.type())
                && same(compliant, d.compliant());
    }

    /** A6 lines: keyword, line type, firewall or not (a line without one is the A6.2 finding). */
    static Predicate<Line> lines(ListParameters p) {
        String q = p.keyword("q");
        String type = p.choice("lineType", NetworkLines.LINE_TYPES);
        Boolean firewall = p.flag("firewall");
        return l -> matches(q, l.name(), l.carrier(), l.bandwidth(), l.userOrg(), l.manager(), l.boundaryNote()) && same(type, l.lineType())
                && same(firewall, l.firewall());
    }

    /** A5.2 reports: keyword, kind, validity on {@code today}. */
    static Predicate<Certification> certifications(ListParameters p, LocalDate today) {
        String q = p.keyword("q");
        Certifications.Kind kind = p.choice("kind", Certifications.Kind.class);
        String validity = p.choice("validity", VALIDITY);
        return c -> matches(q, c.reportNumber(), c.agency(), c.conclusion()) && same(kind, c.kind())
                && (validity == null || validity.equals(validity(c, today)));
    }

    static String validity(Certification c, LocalDate today) {
        if (c.expired()) {
            return "expired";
        }
        return c.validUntil() != null && !c.validUntil().isAfter(today.plusDays(EXPIRING_DAYS)) ? "expiring" : "valid";
    }

    /** A5.6 exits: keyword (reason, contact, the systems migrated), state, overdue or not. */
    static Predicate<Exit> exits(ListParameters p) {
        String q = p.keyword("q");
        String state = p.choice("state", EXIT_STATES);
        Boolean overdue = p.flag("overdue");
        return e -> matchesAny(q, Stream.concat(Stream.of(e.reason(), e.contact(), e.filedBy()), e.tasks().stream().map(Exit.Task::systemName)))
                && same(state, e.state()) && same(overdue, e.overdue());
    }

    /** The supply-chain states the filter offers: each state, and REMOVED for what an SBOM no longer lists. */
    static List<String> supplyStates() {
        List<String> states = new ArrayList<>(Arrays.stream(SupplyItem.State.values()).map(Enum::name).toList());
        states.add("REMOVED");
        return List.copyOf(states);
    }

    /** A5.5 supply chain, filtered in SQL: keyword (name, purl), state or REMOVED, kind, findings only. Every row (limit 0). */
    static SupplyChainQueries.Filter supplyChain(ListParameters p) {
        String q = p.keyword("q");
        String state = p.choice("state", supplyStates());
        SupplyItem.Kind kind = p.choice("kind", SupplyItem.Kind.class);
        Boolean findings = p.flag("findings");
        return new SupplyChainQueries.Filter(state, kind == null ? null : kind.name(), q, Boolean.TRUE.equals(findings), 0);
    }

    private static <V> boolean same(V asked, V value) {
        return asked == null || Objects.equals(asked, value);
    }

    private static boolean matches(String q, String... texts) {
        return matchesAny(q, Arrays.stream(texts));
    }

    private static boolean matchesAny(String q, Stream<String> texts) {
        if (q == null) {
            return true;
        }
        String needle = q.toLowerCase(Locale.ROOT);
        return texts.anyMatch(t -> t != null && t.toLowerCase(Locale.ROOT).contains(needle));
    }
}
