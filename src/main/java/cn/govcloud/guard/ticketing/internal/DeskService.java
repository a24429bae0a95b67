package cn.govcloud.guard.ticketing.internal;

import static cn.govcloud.guard.audit.OutboundEndpoints.instant;
import static cn.govcloud.guard.audit.OutboundEndpoints.strip;

import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.OutboundEndpoints;
import cn.govcloud.guard.audit.OutboundEndpoints.Change;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.ticketing.Desk;
import cn.govcloud.guard.ticketing.ServiceDesks;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service desks (issue 21 point 5): the security administrator's alone (三权分立, as the SIEM destinations: a desk
 * receives security events and its secret lets a machine act on hazards). The webhook URL and the shared secret are
 * sealed with {@link FieldEncryption}; every change is audited; the secret is never shown again — kept as the SIEM destinations
 * are, through {@link OutboundEndpoints}.
 */
@Service
class DeskService implements ServiceDesks {
    /** A desk opened for sending or for checking a callback: URL and secret in the clear. */
    record Endpoint(long id, String name, long ownerOrgId, OrgKind ownerKind, String url, String secret, boolean enabled) {
    }

    private final JdbcClient jdbc;
    private final OutboundEndpoints endpoints;
    private final OrganisationDirectory organisations;

    DeskService(JdbcClient jdbc, FieldEncryption encryption, AuditLog audit, OrganisationDirectory organisations, Clock clock) {
        this.jdbc = jdbc;
        this.endpoints = new OutboundEndpoints(jdbc, encryption, audit, clock, "ticket_desk", "ticketing.desk", "ticketing.error.invalid",
                "service desks");
        this.organisations = organisations;
    }

    @Override
    public List<Desk> list(Actor actor) {
        endpoints.require(actor);
        return jdbc.sql(SELECT + " where d.deleted_at is null order by d.name, d.id").query((rs, i) -> map(rs)).list();
    }

    @Override
    public Desk get(Actor actor, long id) {
        endpoints.require(actor);
        return find(id).orElseThrow(() -> new NotFound("service desk " + id));
    }

    @Override
    public List<Owner> owners(Actor actor) {
        endpoints.require(actor);
        return organisations.all().stream().filter(o -> o.kind() == OrgKind.PROVIDER || o.kind() == OrgKind.UNIT)
                .sorted(java.util.Comparator.comparing((OrganisationView o) -> o.kind() == OrgKind.PROVIDER ? 0 : 1).thenComparing(OrganisationView::name))
                .map(o -> new Owner(o.id(), o.name(), o.kind().name())).toList();
    }

    @Override
    @Transactional
    public Desk create(Actor actor, NewDesk d) {
        endpoints.require(actor);
        Change row = new Change();
        Map<String, String> errors = row.errors();
        String name = name(d.name(), errors);
        OrganisationView owner = d.ownerOrgId() == null ? null : organisations.byId(d.ownerOrgId())
                .filter(o -> o.kind() == OrgKind.PROVIDER || o.kind() == OrgKind.UNIT).orElse(null);
        if (owner == null) {
            errors.put("ownerOrgId", "ticketing.error.owner");
        }
        String url = strip(d.url());
        checkUrl(url, errors);
        String secret = strip(d.secret());
        checkSecret(secret, errors);
        if (errors.isEmpty()) {
            row.set("name", name).set("owner_org_id", owner.id()).set("webhook_url", endpoints.seal("webhook_url", url))
                    .set("url_shown", shown(url)).set("secret", endpoints.seal("secret", secret))
                    .set("enabled", Boolean.TRUE.equals(d.enabled())); // off by default
        }
        return endpoints.create(actor, row, id -> find(id).orElseThrow(), DeskService::describe);
    }

    @Override
    @Transactional
    public Desk update(Actor actor, long id, DeskChange c) {
        get(actor, id);
        Change change = new Change();
        Map<String, String> errors = change.errors();
        if (c.name() != null) {
            change.set("name", name(c.name(), errors));
        }
        String url = strip(c.url());
        if (url != null) {
            checkUrl(url, errors);
            if (!errors.containsKey("url")) {
                change.set("webhook_url", endpoints.seal("webhook_url", url)).set("url_shown", shown(url)).note("URL changed");
            }
        }
        String secret = strip(c.secret());
        if (secret != null) {
            checkSecret(secret, errors);
            change.set("secret", endpoints.seal("secret", secret)).note("secret changed");
        }
        if (c.enabled() != null) {
            change.set("enabled", c.enabled());
        }
        return endpoints.update(actor, id, change, found -> find(found).orElseThrow(), DeskService::describe);
    }

    @Override
    @Transactional
    public void delete(Actor actor, long id) {
        // kept for the tickets' history; a deleted desk sends nothing and its callbacks are refused
        endpoints.delete(actor, id, describe(get(actor, id)));
    }

    /** The desk with its URL and secret opened (also a disabled one: the caller decides). */
    Optional<Endpoint> endpoint(long id) {
        return jdbc.sql("select * from ticket_desk where id = :id and deleted_at is null").param("id", id).query((rs, i) -> {
            long owner = rs.getLong("owner_org_id");
            return new Endpoint(id, rs.getString("name"), owner, organisations.byId(owner).map(OrganisationView::kind).orElse(OrgKind.UNIT),
                    endpoints.open("webhook_url", rs.getString("webhook_url")), endpoints.open("secret", rs.getString("secret")),
                    rs.getBoolean("enabled"));
        }).optional();
    }

    /** The enabled desks of these owners. */
    List<Desk> enabledOf(java.util.Collection<Long> ownerOrgIds) {
        if (ownerOrgIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where d.deleted_at is null and d.enabled = true and d.owner_org_id in (:owners) order by d.name, d.id")
                .param("owners", ownerOrgIds).query((rs, i) -> map(rs)).list();
    }

    Optional<Desk> find(long id) {
        return jdbc.sql(SELECT + " where d.id = :id and d.deleted_at is null").param("id", id).query((rs, i) -> map(rs)).optional();
    }

    private static final String SELECT = "select d.*, (select count(*) from ticket t where t.desk_id = d.id and t.state = 'PENDING') as pending"
            + " from ticket_desk d";

    private Desk map(ResultSet rs) throws SQLException {
        long owner = rs.getLong("owner_org_id");
        Optional<OrganisationView> org = organisations.byId(owner);
        long id = rs.getLong("id");
        return new Desk(id, rs.getString("name"), owner, org.map(OrganisationView::name).orElse("#" + owner),
                org.map(o -> o.kind().name()).orElse(null), rs.getString("url_shown"), rs.getBoolean("enabled"),
                "/api/v1/ticketing/callback/" + id, rs.getLong("pending"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    private static String name(String given, Map<String, String> errors) {
        String name = strip(given);
        if (name == null || name.length() > 100) {
            errors.put("name", "ticketing.error.name");
        }
        return name;
    }

    static void checkUrl(String url, Map<String, String> errors) {
        if (url == null || url.length() > 2000) {
            errors.put("url", "ticketing.error.url");
            return;
        }
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
                errors.put("url", "ticketing.error.url");
            }
        } catch (IllegalArgumentException e) {
            errors.put("url", "ticketing.error.url");
        }
    }

    private static void checkSecret(String secret, Map<String, String> errors) {
        if (secret == null || secret.length() < 16 || secret.length() > 200) {
            errors.put("secret", "ticketing.error.secret");
        }
    }

    /** The URL up to its host: a path or query may carry a token. */
    static String shown(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
    }

    private static String describe(Desk d) {
        return "\"" + d.name() + "\" of " + d.ownerName() + " → " + d.url() + (d.enabled() ? "" : " (disabled)");
    }

}
