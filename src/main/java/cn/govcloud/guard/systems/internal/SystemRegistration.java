package cn.govcloud.guard.systems.internal;

import static cn.govcloud.guard.systems.internal.Checks.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.Masking;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.systems.SystemRegistered;
import cn.govcloud.guard.systems.internal.HostedSystem.Asset;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A unit registers its systems (A7): a draft it may edit until it submits, checked field by field (400 naming each). */
@Service
public class SystemRegistration {
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    public record Registration(String name, String purpose, Integer mlpsLevel, String filingNumber, String responsibleName,
                               String responsibleMobile, List<String> exposure, List<String> addresses) {
    }

    private record Valid(String name, String purpose, int level, String filing, String responsibleName, String mobile,
                         Set<Exposure> exposure, List<Asset> assets) {
    }

    private final SystemRepository systems;
    private final SystemChanges changes;
    private final FieldEncryption fields;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    SystemRegistration(SystemRepository systems, SystemChanges changes, FieldEncryption fields, AuditLog audit,
                       ApplicationEventPublisher events) {
        this.systems = systems;
        this.changes = changes;
        this.fields = fields;
        this.audit = audit;
        this.events = events;
    }

    /** A unit's user registers a system of their own unit; it starts as a draft (A7). */
    @Transactional
    public HostedSystem register(Registration r) {
        Actor actor = Checks.requireUnit(Actor.require());
        Valid v = validate(r);
        Instant now = changes.now();
        long id = systems.insert(row(actor.orgId(), v), v.assets(), now, actor.username());
        systems.record(id, "REGISTER", null, SystemState.DRAFT, "A7", null, actor.username(), now);
        audit.record(AuditEvent.success("systems.register", "system:" + id, v.name() + " level " + v.level()));
        HostedSystem system = systems.get(id);
        events.publishEvent(new SystemRegistered(id, changes.subject(system), now));
        return system;
    }

    /** Changes the registration while it is a draft. */
    @Transactional
    public HostedSystem update(long id, Registration r) {
        Actor actor = Checks.requireUnit(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.requireDraft();
        Valid v = validate(r);
        systems.update(id, row(system.orgId(), v), v.assets(), changes.now());
        audit.record(AuditEvent.success("systems.update", "system:" + id, v.name() + " level " + v.level()));
        return systems.get(id);
    }

    /** The field errors of a registration (field to message key), checked exactly as {@link #register} checks it; saves nothing. */
    public Map<String, String> check(Registration r) {
        Map<String, String> errors = new LinkedHashMap<>();
        validate(r, errors);
        return errors;
    }

    /** Registers all the registrations as drafts of the actor's unit in one transaction, or none when any is invalid. */
    @Transactional
    public List<Long> registerAll(List<Registration> registrations) {
        Checks.requireUnit(Actor.require());
        List<Long> ids = new ArrayList<>();
        for (Registration r : registrations) {
            ids.add(register(r).id());
        }
        return ids;
    }

    private SystemRepository.Row row(long orgId, Valid v) {
        return new SystemRepository.Row(orgId, v.name(), v.purpose(), v.level(), v.filing(), v.responsibleName(),
                v.mobile() == null ? null : fields.seal(SystemRepository.MOBILE_CONTEXT, v.mobile()),
                v.mobile() == null ? null : Masking.mobile(v.mobile()), v.exposure());
    }

    private Valid validate(Registration r) {
        Map<String, String> errors = new LinkedHashMap<>();
        Valid v = validate(r, errors);
        Checks.valid(errors);
        return v;
    }

    private Valid validate(Registration r, Map<String, String> errors) {
        if (blank(r.name()) || r.name().strip().length() > 200) {
            errors.put("name", "systems.error.name");
        }
        if (r.mlpsLevel() == null || r.mlpsLevel() < 1 || r.mlpsLevel() > 5) {
            errors.put("mlpsLevel", "systems.error.mlpsLevel");
        }
        if (r.purpose() != null && r.purpose().length() > 2000) {
            errors.put("purpose", "systems.error.purpose");
        }
        if (r.filingNumber() != null && r.filingNumber().strip().length() > 100) {
            errors.put("filingNumber", "systems.error.filingNumber");
        }
        if (r.responsibleName() != null && r.responsibleName().strip().length() > 100) {
            errors.put("responsibleName", "systems.error.responsibleName");
        }
        String mobile = Checks.stripped(r.responsibleMobile());
        if (mobile != null && !MOBILE.matcher(mobile).matches()) {
            errors.put("responsibleMobile", "systems.error.mobile");
        }
        Set<Exposure> exposure = exposure(r.exposure(), errors);
        List<Asset> assets = assets(r.addresses(), errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new Valid(r.name().strip(), Checks.stripped(r.purpose()), r.mlpsLevel(), Checks.stripped(r.filingNumber()),
                Checks.stripped(r.responsibleName()), mobile, exposure, assets);
    }

    private static Set<Exposure> exposure(List<String> given, Map<String, String> errors) {
        Set<Exposure> exposure = EnumSet.noneOf(Exposure.class);
        for (String e : given == null ? List.<String>of() : given) {
            if (blank(e)) {
                continue;
            }
            try {
                exposure.add(Exposure.valueOf(e.strip()));
            } catch (IllegalArgumentException ex) {
                errors.put("exposure", "systems.error.exposure");
            }
        }
        if (exposure.isEmpty()) {
            errors.putIfAbsent("exposure", "systems.error.exposure");
        }
        return exposure;
    }

    /** The addresses classified (IP, CIDR, domain), duplicates dropped; the invalid ones named in {@code invalidAddresses}. */
    private static List<Asset> assets(List<String> given, Map<String, String> errors) {
        List<Asset> assets = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String a : given == null ? List.<String>of() : given) {
            if (blank(a)) {
                continue;
            }
            String v = a.strip();
            Optional<Addresses.Kind> kind = Addresses.classify(v);
            if (kind.isEmpty()) {
                bad.add(v.length() > 60 ? v.substring(0, 60) + "…" : v);
            } else if (seen.add(v.toLowerCase())) {
                assets.add(new Asset(kind.get(), kind.get() == Addresses.Kind.DOMAIN ? v.toLowerCase() : v));
            }
        }
        if (!bad.isEmpty()) {
            errors.put("addresses", "systems.error.addresses");
            errors.put("invalidAddresses", String.join(", ", bad));
        } else if (assets.size() > 500) {
            errors.put("addresses", "systems.error.tooManyAddresses");
        }
        return assets;
    }
}
