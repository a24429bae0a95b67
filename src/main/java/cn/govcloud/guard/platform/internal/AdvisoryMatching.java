package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.shared.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A5.5 offline vulnerability matching: the listed components against an OSV advisory file; owns the matches
 * ({@code platform_advisory_match}). Nothing is fetched.
 */
@Service
public class AdvisoryMatching {
    private final JdbcTemplate template;
    private final SupplyItems items;
    private final AuditLog audit;
    private final PlatformClock clock;
    private final long maxBytes;

    AdvisoryMatching(JdbcTemplate template, SupplyItems items, AuditLog audit, PlatformClock clock, SupplyChainSettings settings) {
        this.template = template;
        this.items = items;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = settings.maxSbomSize().toBytes();
    }

    /**
     * Matches the listed components against an OSV advisory file (a JSON array of OSV entries, an object
     * {@code {"vulns": [...]}} or one entry, e.g. a GHSA record as GitHub publishes it): a component matches when an affected
     * package's purl (or ecosystem + name) is the component's and its version is listed or inside one of the package's
     * ranges, compared as its ecosystem compares versions. Each upload adds its matches to those of earlier uploads (one
     * advisory matches a component once). Returns how many new matches this upload found.
     */
    @Transactional
    public int matchAdvisories(Actor uploader, InputStream content) throws IOException {
        Actor actor = Provider.require(uploader, "only the provider keeps its supply chain");
        List<OsvAdvisories.Advisory> advisories = OsvAdvisories.parse(SbomParser.readLimited(content, maxBytes));
        Map<String, List<Long>> byPackage = new HashMap<>(); // purl without version → ids
        Map<Long, String> versions = new HashMap<>();
        items.withPurl(actor.orgId(), rs -> {
            try {
                byPackage.computeIfAbsent(OsvAdvisories.packageOf(rs.getString("purl")), k -> new ArrayList<>()).add(rs.getLong("id"));
                versions.put(rs.getLong("id"), rs.getString("version"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        OffsetDateTime now = clock.now();
        List<Object[]> matches = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        int skippedRanges = 0;
        for (OsvAdvisories.Advisory adv : advisories) {
            for (OsvAdvisories.Affected aff : adv.affected()) {
                skippedRanges += aff.skippedRanges();
                for (long id : byPackage.getOrDefault(aff.packageKey(), List.of())) {
                    String by = aff.matches(versions.get(id));
                    if (by != null && pairs.add(id + "|" + adv.id())) {
                        matches.add(new Object[] {actor.orgId(), id, adv.id(), adv.summary(), now, by.length() > 1000 ? by.substring(0, 1000) : by});
                    }
                }
            }
        }
        int added = 0;
        for (int[] chunk : template.batchUpdate("insert into platform_advisory_match (provider_org_id, item_id, advisory_id, summary, matched_at, "
                + "matched_by) values (?, ?, ?, ?, ?, ?) on conflict do nothing", matches, 1000, (ps, m) -> {
                    for (int i = 0; i < m.length; i++) {
                        ps.setObject(i + 1, m[i]);
                    }
                })) {
            for (int n : chunk) {
                added += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0);
            }
        }
        audit.record(AuditEvent.success("platform.supply.advisories", "org:" + actor.orgId(),
                advisories.size() + " advisories, " + matches.size() + " matches (" + added + " new)"
                        + (skippedRanges > 0 ? ", " + skippedRanges + " ranges not comparable (GIT or unknown ecosystem)" : "")));
        return added;
    }
}
