package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;

/**
 * The catalog in force (A13–A15): the product catalog, checked at start-up (a bad one stops the
 * start with every error listed), with the active district overlay from the database applied.
 * Each node compares the id of the active overlay with its own at most every
 * {@code govguard.rules.refresh} (5 s), so an upload on one node reaches all of them without a
 * restart; a stored overlay that no longer fits (after a product upgrade) is set aside, logged and
 * shown on the catalog page, and the product catalog stays in force.
 */
@Service
public class RuleCatalogService implements RuleCatalog, SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(RuleCatalogService.class);
    /** Overlays are short; this is many times any sensible one. */
    public static final int MAX_OVERLAY_CHARACTERS = 256 * 1024;

    private final ProductCatalog product;
    private final Requirements requirements;
    private final Overlays overlays;
    private final AuditLog audit;
    private final Clock clock;
    private final RulesSettings settings;
    private final ConfiguredOverlay configured;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private volatile CatalogSnapshot snapshot;
    private volatile long checkedAt = Long.MIN_VALUE;

    /** The overlay file named by {@code govguard.rules.overlay}, checked before anything starts. */
    record ConfiguredOverlay(String location, Overlay overlay, String yaml) {
    }

    RuleCatalogService(Environment env, ResourceLoader resources, Overlays overlays, AuditLog audit, Clock clock) {
        this.settings = RulesSettings.from(env);
        this.requirements = Requirements.load();
        this.overlays = overlays;
        this.audit = audit;
        this.clock = clock;
        Resource catalog = resources.getResource(settings.catalog());
        this.product = new CatalogParser(requirements).parse(name(catalog), read(catalog, "govguard.rules.catalog"));
        this.configured = settings.overlay() == null ? null : configured(resources, settings.overlay());
        this.snapshot = productOnly(null, List.of());
        log.info("Rule catalog {} {} loaded: {} rules, valid {} to {}", product.version().id(), product.version().version(),
                product.entries().size(), product.version().validFrom(), product.version().validUntil());
    }

    private ConfiguredOverlay configured(ResourceLoader resources, String location) {
        Resource file = location.startsWith("classpath:") || location.startsWith("file:")
                ? resources.getResource(location) : new FileSystemResource(location);
        String yaml = read(file, "govguard.rules.overlay");
        return new ConfiguredOverlay(location, new OverlayParser(product).parse(name(file), yaml, true), yaml);
    }

    private static String read(Resource resource, String setting) {
        if (!resource.exists()) {
            throw new IllegalStateException(setting + " points to " + resource.getDescription() + ", which does not exist");
        }
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(setting + ": cannot read " + resource.getDescription(), e);
        }
    }

    private static String name(Resource resource) {
        return resource.getFilename() != null ? resource.getFilename() : resource.getDescription();
    }

    /** After the migrations: store the configured overlay once (all nodes then read it from the database). */
    @Override
    public void afterSingletonsInstantiated() {
        if (configured != null) {
            importConfigured(configured);
        }
        refresh(true);
    }

    private void importConfigured(ConfiguredOverlay c) {
        Optional<StoredOverlay> stored = overlays.find(c.overlay().name(), c.overlay().version());
        if (stored.isPresent()) {
            if (!stored.get().yaml().equals(c.yaml())) {
                throw new IllegalStateException("govguard.rules.overlay " + c.location() + ": " + new Overlays.VersionTaken(stored.get()).getMessage());
            }
            log.info("Overlay {} from {} was stored before; the overlay active in the database stays in force", c.overlay().label(), c.location());
            return;
        }
        try {
            long id = overlays.activate(c.overlay(), c.yaml(), "config:" + c.location(), clock.instant());
            audit.record(AuditEvent.success("rules.overlay.activate", "rules-overlay:" + id, describe(c.overlay()) + " from " + c.location()));
            log.info("Overlay {} from {} activated", c.overlay().label(), c.location());
        } catch (Overlays.VersionTaken | org.springframework.dao.DuplicateKeyException raced) {
            log.info("Overlay {} was stored by another node meanwhile", c.overlay().label());
        }
    }

    // ---------------------------------------------------------------- RuleCatalog

    @Override
    public Version version() {
        return snapshot().version();
    }

    @Override
    public List<Rule> rules() {
        return snapshot().rules();
    }

    @Override
    public Optional<Rule> rule(String id) {
        return snapshot().rule(id);
    }

    @Override
    public List<Rule> triggeredBy(String event) {
        return snapshot().triggeredBy(event);
    }

    @Override
    public List<cn.govcloud.guard.rules.BackupMinimum> backupMinimums() {
        return product.backupMinimums();
    }

    @Override
    public cn.govcloud.guard.rules.AssessmentModel assessment() {
        return snapshot().assessment();
    }

    @Override
    public List<cn.govcloud.guard.rules.Parameter> parameters() {
        return snapshot().parameters();
    }

    // ---------------------------------------------------------------- for the pages and the API

    /** The catalog in force, looking for an overlay change on another node at most every refresh interval. */
    public CatalogSnapshot snapshot() {
        long now = clock.millis();
        if (checkedAt == Long.MIN_VALUE) {
            refresh(false);
        } else if ((now - checkedAt >= settings.refresh().toMillis() || now < checkedAt) && lock.tryLock()) {
            // Issue 20 point 4: one thread looks for a new overlay, the others go on with the catalog they have (at
            // most one interval old) instead of queuing behind it: blocked while holding their transaction's connection,
            // they used to leave the looking thread without one, and the whole pool waited 30 s
            try {
                refreshLocked(false, now);
            } finally {
                lock.unlock();
            }
        }
        return snapshot;
    }

    public ProductCatalog product() {
        return product;
    }

    public Requirements requirements() {
        return requirements;
    }

    /**
     * Checks an overlay against the product catalog and, only if it is wholly valid, makes it the
     * one in force on every node.
     *
     * @param file the name problems are reported under, e.g. the uploaded file's name
     * @param by   who uploads it (the supervisor)
     * @throws OverlayRefused with every problem and its line; nothing changes
     */
    public CatalogSnapshot activate(String file, String yaml, String by) {
        Overlay overlay;
        try {
            if (yaml != null && yaml.length() > MAX_OVERLAY_CHARACTERS) {
                throw new CatalogInvalid("The overlay " + file, List.of(new CatalogProblem(file, 1, "(document)",
                        "is larger than " + MAX_OVERLAY_CHARACTERS / 1024 + " KB")));
            }
            overlay = new OverlayParser(product).parse(file, yaml, true);
        } catch (CatalogInvalid e) {
            throw refused(e.problems());
        }
        long id;
        try {
            id = overlays.activate(overlay, yaml, by, clock.instant());
        } catch (Overlays.VersionTaken | org.springframework.dao.DuplicateKeyException taken) {
            String message = taken instanceof Overlays.VersionTaken t ? t.getMessage()
                    : "version " + overlay.version() + " of overlay " + overlay.name() + " was just stored by someone else; give this one a new version";
            throw refused(List.of(new CatalogProblem(file, overlay.versionLine(), "overlay.version", message)));
        }
        audit.record(AuditEvent.success("rules.overlay.activate", "rules-overlay:" + id, describe(overlay)));
        log.info("Overlay {} activated by {}", overlay.label(), by);
        refresh(true);
        return snapshot;
    }

    /** Back to the product catalog on every node. */
    public CatalogSnapshot deactivate(String by) {
        String was = snapshot().overlay().map(o -> o.name() + "@" + o.version()).orElse("none");
        int count = overlays.deactivateAll(by, clock.instant());
        audit.record(AuditEvent.success("rules.overlay.deactivate", "rules-overlay",
                "was " + was + "; " + count + " deactivated; catalog " + product.version().version() + " in force"));
        refresh(true);
        return snapshot;
    }

    private OverlayRefused refused(List<CatalogProblem> problems) {
        audit.record(AuditEvent.of("rules.overlay.refuse", "rules-overlay", AuditResult.FAILURE,
                problems.size() + " errors: " + problems.stream().limit(10).map(CatalogProblem::toString).toList()));
        return new OverlayRefused(problems);
    }

    private static String describe(Overlay overlay) {
        return overlay.label() + " based on " + overlay.basedOn() + "; rules " + String.join(", ", overlay.changes().keySet())
                + (overlay.assessment().isEmpty() ? "" : "; assessment items " + String.join(", ", overlay.assessment().keySet()))
                + (overlay.parameters().isEmpty() ? "" : "; parameters " + String.join(", ", overlay.parameters().keySet()));
    }

    // ---------------------------------------------------------------- refresh

    private void refresh(boolean force) {
        lock.lock();
        try {
            refreshLocked(force, clock.millis());
        } finally {
            lock.unlock();
        }
    }

    private void refreshLocked(boolean force, long now) {
        if (!force && checkedAt != Long.MIN_VALUE && now - checkedAt < settings.refresh().toMillis() && now >= checkedAt) {
            return; // another thread refreshed while this one waited
        }
        try {
            long active = overlays.activeId().orElse(0L);
            if (force || active != snapshot.overlayId()) {
                snapshot = build(active);
            }
        } catch (RuntimeException e) {
            // the rules stay readable with the last known overlay while the database is unreachable
            log.warn("Could not look for a new rule overlay; keeping catalog {}: {}", snapshot.version().version(), e.toString());
        }
        checkedAt = now;
    }

    private CatalogSnapshot build(long activeId) {
        if (activeId == 0) {
            return productOnly(null, List.of());
        }
        Optional<StoredOverlay> stored = overlays.find(activeId);
        if (stored.isEmpty()) {
            return productOnly(null, List.of());
        }
        StoredOverlay row = stored.get();
        Overlay overlay;
        try {
            overlay = new OverlayParser(product).parse("overlay " + row.name() + "@" + row.version(), row.yaml(), false);
        } catch (CatalogInvalid e) {
            log.error("The active overlay {}@{} (id {}) does not fit catalog {} and is NOT applied; the product catalog is in force.\n{}",
                    row.name(), row.version(), row.id(), product.version().version(), e.getMessage());
            return productOnly(row, e.problems().stream().map(CatalogProblem::toString).toList());
        }
        overlay.warnings().forEach(w -> log.warn("Overlay {}: {}", overlay.label(), w));
        Version base = product.version();
        Version version = new Version(base.id(), base.title(), base.version() + "+" + overlay.label(), base.validFrom(),
                base.validUntil(), overlay.label());
        List<Rule> rules = overlay.apply(product.entries().stream().map(CatalogEntry::rule).toList());
        return new CatalogSnapshot(version, rules, row, overlay.warnings(), null, List.of(), overlay.apply(product.assessment()),
                overlay.applyParameters(product.parameters()));
    }

    private CatalogSnapshot productOnly(StoredOverlay notApplied, List<String> problems) {
        return new CatalogSnapshot(product.version(), product.entries().stream().map(CatalogEntry::rule).toList(), null, List.of(),
                notApplied, problems, product.assessment(), product.parameters());
    }
}
