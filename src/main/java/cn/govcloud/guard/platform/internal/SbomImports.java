package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.platform.SbomComponentsProposed;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A5.5: a CycloneDX SBOM as the current component list of the product it describes. New components are queued
 * for assessment (PENDING, one assessment duty per import); it owns the import log ({@code platform_sbom_import}).
 */
@Service
public class SbomImports {

    public record ImportResult(long importId, String format, int components, int added, int removed) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final SupplyItems items;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final PlatformClock clock;
    private final long maxSbomBytes;

    SbomImports(JdbcClient jdbc, JdbcTemplate template, SupplyItems items, ApplicationEventPublisher events, AuditLog audit,
                PlatformClock clock, SupplyChainSettings settings) {
        this.jdbc = jdbc;
        this.template = template;
        this.items = items;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.maxSbomBytes = settings.maxSbomSize().toBytes();
    }

    public long maxSbomBytes() {
        return maxSbomBytes;
    }

    /**
     * Imports the SBOM of a product (its subject: {@code metadata.component}, or the name the uploader gives). A component is in
     * use while any product's current SBOM lists it, so a component two products share stays in use until neither lists it. An
     * SBOM that names no product and is given no name is refused: it could not be told apart from the others. All or nothing.
     */
    @Transactional
    public ImportResult importSbom(Actor by, String filename, InputStream content, String subjectName) throws IOException {
        Actor actor = Provider.require(by, "only the provider keeps its supply chain");
        SbomParser.Sbom sbom = SbomParser.parse(SbomParser.readLimited(content, maxSbomBytes));
        String subject = subjectName != null && !subjectName.isBlank() ? subjectName.strip() : sbom.subject();
        if (subject.isBlank()) {
            throw new Unprocessable("platform.sbom.error.noSubject");
        }
        if (subject.length() > 300) {
            throw new InvalidInput("platform.sbom.error.invalid", Map.of("subject", "platform.sbom.error.subjectTooLong"));
        }
        OffsetDateTime now = clock.now();
        String name = filename == null || filename.isBlank() ? "sbom" : filename.strip();
        if (name.length() > 255) {
            name = name.substring(0, 255);
        }

        SbomListing listing = SbomListing.read(jdbc, template, actor.orgId(), subject);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_sbom_import (provider_org_id, filename, format, spec_version, subject, components, new_count, "
                        + "removed_count, imported_at, imported_by) values (:org, :file, :format, :spec, :subject, :n, 0, 0, :at, :by)")
                .param("org", actor.orgId()).param("file", name).param("format", sbom.format()).param("spec", sbom.specVersion())
                .param("subject", subject).param("n", sbom.components().size()).param("at", now).param("by", actor.username())
                .update(key, "id");
        long importId = key.getKey().longValue();

        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> inUseAgain = new ArrayList<>();
        int reappeared = 0;
        for (SbomParser.Parsed c : sbom.components()) {
            SbomListing.Known known = listing.known(c.key());
            if (known == null) {
                inserts.add(new Object[] {actor.orgId(), c.key(), c.kind(), c.name(), c.version(), c.purl(), c.supplier(), c.licenses(),
                        c.description(), subject, importId, importId, now, actor.username()});
            } else if (known.removed() || !known.fromSbom()) {
                // back in a list, or a manually proposed component now found in an SBOM (so in use)
                inUseAgain.add(new Object[] {importId, known.id()});
                reappeared += known.removed() ? 1 : 0;
            }
        }
        try {
            items.insertListed(inserts);
        } catch (DuplicateKeyException raced) {
            throw new RuleViolation("A5.5", "platform.sbom.error.concurrent");
        }
        items.listedAgain(inUseAgain);
        // this product's list is replaced; what it no longer lists is removed unless another product's list still has it
        List<Long> removed = listing.replace(sbom.components().stream().map(SbomParser.Parsed::key).toList(), importId);
        items.removed(removed, now);
        int added = inserts.size() + reappeared;
        jdbc.sql("update platform_sbom_import set new_count = :n, removed_count = :r where id = :id").param("n", added)
                .param("r", removed.size()).param("id", importId).update();

        if (!inserts.isEmpty()) {
            // A5.5: the new components are assessed before use; one duty for the batch (fulfilled when the last is assessed)
            events.publishEvent(new SbomComponentsProposed(importId, Provider.platform(actor), clock.instant()));
        }
        audit.record(AuditEvent.success("platform.sbom.import", "sbom-import:" + importId,
                sbom.format() + " " + name + " (" + subject + "): " + sbom.components().size() + " components, " + added + " new, "
                        + removed.size() + " removed"));
        return new ImportResult(importId, sbom.format(), sbom.components().size(), added, removed.size());
    }

    /** The latest import visible in {@code scope}, for the register's summary. */
    SupplyChainQueries.LastImport latest(cn.govcloud.guard.shared.OrgScope scope) {
        return jdbc.sql("select * from platform_sbom_import s where " + scope.where("s.provider_org_id")
                        + " order by s.imported_at desc, s.id desc limit 1").params(scope.params())
                .query((rs, n) -> new SupplyChainQueries.LastImport(rs.getLong("id"), rs.getString("filename"), rs.getString("format"),
                        rs.getInt("components"), rs.getInt("new_count"), rs.getInt("removed_count"),
                        rs.getObject("imported_at", OffsetDateTime.class).toInstant(), rs.getString("imported_by")))
                .optional().orElse(null);
    }
}
