package cn.govcloud.guard.platform.internal;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A5.5: which components each product's current SBOM lists ({@code platform_sbom_listing}), read once
 * for one import. A component is in use while any product lists it: replacing one product's list
 * removes only what no other product's list still has — so a library two products share is not hidden
 * (nor spared by an advisory) because one of them dropped it.
 */
final class SbomListing {
    /** A component the register already has: {@code fromSbom} false for one proposed by hand. */
    record Known(long id, boolean removed, boolean fromSbom) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final long org;
    private final String subject;
    private final Map<String, Known> byKey = new HashMap<>();
    /** Components this product's current list has. */
    private final Set<Long> listedHere = new HashSet<>();
    /** Components some other product's current list has. */
    private final Set<Long> listedElsewhere = new HashSet<>();

    private SbomListing(JdbcClient jdbc, JdbcTemplate template, long org, String subject) {
        this.jdbc = jdbc;
        this.template = template;
        this.org = org;
        this.subject = subject;
    }

    static SbomListing read(JdbcClient jdbc, JdbcTemplate template, long org, String subject) {
        SbomListing l = new SbomListing(jdbc, template, org, subject);
        jdbc.sql("select id, item_key, removed_at, source from platform_supply_item where provider_org_id = :org").param("org", org)
                .query((ResultSet rs) -> {
                    l.byKey.put(rs.getString("item_key"), new Known(rs.getLong("id"), rs.getObject("removed_at") != null,
                            "SBOM".equals(rs.getString("source"))));
                });
        jdbc.sql("select item_id, subject from platform_sbom_listing where provider_org_id = :org").param("org", org)
                .query((ResultSet rs) -> {
                    (subject.equals(rs.getString("subject")) ? l.listedHere : l.listedElsewhere).add(rs.getLong("item_id"));
                });
        return l;
    }

    Known known(String key) {
        return byKey.get(key);
    }

    /**
     * Makes {@code keys} this product's current list (the new components must be inserted already) and
     * answers the components to mark removed: listed here before, not now, and by no other product.
     */
    List<Long> replace(Collection<String> keys, long importId) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("select id, item_key from platform_supply_item where provider_org_id = :org").param("org", org)
                .query((ResultSet rs) -> {
                    ids.put(rs.getString("item_key"), rs.getLong("id"));
                });
        Set<Long> now = new HashSet<>();
        keys.forEach(k -> now.add(ids.get(k)));
        jdbc.sql("delete from platform_sbom_listing where provider_org_id = :org and subject = :subject")
                .param("org", org).param("subject", subject).update();
        List<Object[]> rows = new ArrayList<>();
        now.forEach(id -> rows.add(new Object[] {org, subject, id, importId}));
        template.batchUpdate("insert into platform_sbom_listing (provider_org_id, subject, item_id, import_id) values (?, ?, ?, ?)", rows);
        List<Long> removed = new ArrayList<>();
        for (long id : listedHere) {
            if (!now.contains(id) && !listedElsewhere.contains(id)) {
                removed.add(id);
            }
        }
        return removed;
    }
}
