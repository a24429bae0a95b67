package cn.govcloud.guard.roster.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.Masking;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.OnCallPhones;
import cn.govcloud.guard.roster.Rosters;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 22 point 2, the security-responsibility roster of each unit (第一条 责任制, A4): who answers for the unit's
 * network security, how to reach them day and night, and this year's signed 网络安全责任书, which fulfils the
 * catalog's yearly duty {@link Rosters#LETTER_RULE}. A4 scoping is in every read ({@link OrgScope}); the SQL is
 * {@link RosterStore}'s; the letter's side of the duty engine is {@link RosterLetterDuties}. Also the roster's side of notify's
 * SMS escalation ({@link OnCallPhones}).
 */
@Service
class RosterService implements Rosters, OnCallPhones {
    static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    /** An office number: digits with an area code, hyphens, an extension (e.g. 0472-5123456-801). */
    static final Pattern OFFICE_PHONE = Pattern.compile("[0-9][0-9 ()\\-]{4,28}[0-9]");

    private final RosterStore store;
    private final OrganisationDirectory organisations;
    private final FieldEncryption fields;
    private final Documents documents;
    private final Duties duties;
    private final AuditLog audit;
    private final Clock clock;
    private final RosterLetterDuties letterDuties;

    RosterService(RosterStore store, OrganisationDirectory organisations, FieldEncryption fields, Documents documents, Duties duties,
                  AuditLog audit, Clock clock, RosterLetterDuties letterDuties) {
        this.letterDuties = letterDuties;
        this.store = store;
        this.organisations = organisations;
        this.fields = fields;
        this.documents = documents;
        this.duties = duties;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }

    // ---- reading

    @Override
    @Transactional(readOnly = true)
    public List<Roster> list(Filter filter) {
        Actor actor = Actor.require();
        refuseProvider(actor);
        OrgScope scope = OrgScope.of(actor);
        int year = today().getYear();
        List<OrganisationView> units = organisations.ofKind(OrgKind.UNIT).stream().filter(o -> scope.allows(o.id()))
                .filter(o -> filter == null || filter.unit() == null || o.id() == filter.unit())
                .sorted(Comparator.comparing(OrganisationView::name)).toList();
        Map<Long, RosterStore.UnitRow> rows = store.units();
        Map<Long, List<Person>> people = store.people();
        Map<Long, Letter> letters = store.lettersOfYear(year);
        Map<Long, Duty> yearDuties = new HashMap<>();
        duties.ofRuleAndPeriod(LETTER_RULE, LocalDate.of(year, 1, 1)).stream().filter(d -> d.subjectKind() == SubjectKind.UNIT)
                .forEach(d -> yearDuties.put(d.subjectId(), d));
        List<Roster> result = new ArrayList<>();
        for (OrganisationView unit : units) {
            Roster r = roster(unit, rows.get(unit.id()), people.getOrDefault(unit.id(), List.of()), year, letters.get(unit.id()),
                    yearDuties.get(unit.id()));
            if (filter == null || filter.matches(r)) {
                result.add(r);
            }
        }
        return result;
    }

    @Override
    @Transactional(readOnly = true)
    public Roster roster(long orgId) {
        OrganisationView unit = visibleUnit(orgId);
        int year = today().getYear();
        Optional<Duty> duty = duties.ofSubjectAndRule(SubjectKind.UNIT, orgId, LETTER_RULE).stream()
                .filter(d -> d.periodStart() != null && d.periodStart().getYear() == year).findFirst();
        return roster(unit, store.unit(orgId).orElse(null), store.people(orgId), year, store.letterOfYear(orgId, year).orElse(null),
                duty.orElse(null));
    }

    private static Roster roster(OrganisationView unit, RosterStore.UnitRow row, List<Person> people, int year, Letter letter, Duty duty) {
        return new Roster(unit.id(), unit.name(), people, row == null ? null : row.onCallPhone(), row == null ? null : row.updatedAt(),
                row == null ? null : row.updatedBy(), year, letter, duty == null ? null : duty.id(), duty == null ? null : duty.state());
    }

    /** A unit the actor may read (A4: a unit only itself); anything else is not found, so ids reveal nothing. */
    private OrganisationView visibleUnit(long orgId) {
        Actor actor = Actor.require();
        refuseProvider(actor);
        return organisations.byId(orgId).filter(o -> o.kind() == OrgKind.UNIT && OrgScope.of(actor).allows(o.id()))
                .orElseThrow(() -> new NotFound("roster of organisation " + orgId));
    }

    /** The provider runs the platform, not the units: it reads no unit's roster (issue 22 point 2). */
    private static void refuseProvider(Actor actor) {
        if (actor.orgKind() == OrgKind.PROVIDER || actor.orgKind() == OrgKind.CARRIER) {
            throw new AccessDeniedException("the units' rosters are for the units and those who oversee them");
        }
    }

    // ---- writing

    @Override
    @Transactional
    public Roster save(RosterInput input) {
        Actor actor = officer();
        Map<Position, RosterStore.PersonRow> existing = store.personRows(actor.orgId());
        Map<String, String> errors = new LinkedHashMap<>();
        RosterInput in = input == null ? new RosterInput(null, null, null, null) : input;
        Map<Position, PersonInput> given = new LinkedHashMap<>();
        given.put(Position.PRINCIPAL, in.principal());
        given.put(Position.LEADER, in.leader());
        given.put(Position.ADMINISTRATOR, in.administrator());
        List<RosterStore.PersonRow> rows = new ArrayList<>();
        for (Map.Entry<Position, PersonInput> e : given.entrySet()) {
            rows.add(person(actor.orgId(), e.getKey(), e.getValue(), existing.get(e.getKey()), errors));
        }
        String onCall = strip(in.onCallPhone());
        if (onCall == null) {
            errors.put("onCallPhone", "roster.error.onCallRequired");
        } else if (!MOBILE.matcher(onCall).matches()) {
            // A10: the on-call phone receives the SMS escalation at night, so it is a mobile number
            errors.put("onCallPhone", "roster.error.onCallPhone");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("roster.error.invalid", errors);
        }
        Instant now = clock.instant();
        store.upsertUnit(actor.orgId(), onCall, now, actor.username());
        store.replacePeople(actor.orgId(), rows);
        audit.record(AuditEvent.success("roster.save", "organisation:" + actor.orgId(),
                "principal " + rows.get(0).name() + ", leader " + rows.get(1).name() + ", administrator " + rows.get(2).name()
                        + ", on-call " + Masking.mobile(onCall)));
        return roster(actor.orgId());
    }

    private RosterStore.PersonRow person(long orgId, Position position, PersonInput p, RosterStore.PersonRow before, Map<String, String> errors) {
        String prefix = field(position) + ".";
        PersonInput in = p == null ? new PersonInput(null, null, null, null) : p;
        String name = strip(in.name());
        String post = strip(in.post());
        String office = strip(in.officePhone());
        String mobile = strip(in.mobile());
        if (name == null || name.length() > 100) {
            errors.put(prefix + "name", "roster.error.name");
        }
        if (post == null || post.length() > 100) {
            errors.put(prefix + "post", "roster.error.post");
        }
        if (office != null && !OFFICE_PHONE.matcher(office).matches()) {
            errors.put(prefix + "officePhone", "roster.error.officePhone");
        }
        String sealed;
        String masked;
        if (mobile == null) {
            if (before == null) {
                errors.put(prefix + "mobile", "roster.error.mobileRequired");
                return null;
            }
            sealed = before.mobileSealed(); // blank keeps the number on record
            masked = before.mobileMasked();
        } else if (!MOBILE.matcher(mobile).matches()) {
            errors.put(prefix + "mobile", "roster.error.mobile");
            return null;
        } else {
            sealed = fields.seal(RosterStore.MOBILE_CONTEXT, mobile);
            masked = Masking.mobile(mobile);
        }
        return new RosterStore.PersonRow(orgId, position, name, post, office, sealed, masked);
    }

    /** The field name of a position in requests and errors: principal, leader, administrator. */
    public static String field(Position position) {
        return switch (position) {
            case PRINCIPAL -> "principal";
            case LEADER -> "leader";
            case ADMINISTRATOR -> "administrator";
        };
    }

    @Override
    @Transactional
    public Letter fileLetter(Integer year, LocalDate signedOn, String filename, InputStream content) {
        Actor actor = officer();
        LocalDate today = today();
        int y = year == null ? today.getYear() : year;
        Map<String, String> errors = new LinkedHashMap<>();
        if (y < 2025 || y > today.getYear() + 1) {
            errors.put("year", "roster.error.year");
        }
        if (signedOn == null || signedOn.isAfter(today) || signedOn.getYear() < y - 1 || signedOn.getYear() > y) {
            errors.put("signedOn", "roster.error.signedOn");
        }
        if (content == null || filename == null || filename.isBlank()) {
            errors.put("file", "roster.error.file");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("roster.error.invalid", errors);
        }
        StoredDocument doc = documents.store(actor.orgId(), filename, content);
        Instant now = clock.instant();
        Long dutyId = null;
        Optional<Duty> duty = duties.ofSubjectAndRule(SubjectKind.UNIT, actor.orgId(), LETTER_RULE).stream()
                .filter(d -> d.periodStart() != null && d.periodStart().getYear() == y && d.state().awaitsSubmission()).findFirst();
        if (duty.isPresent() && letterDuties.fulfil(duty.get(), signedOn, doc.id(), doc.filename(),
                actor.displayName() == null ? actor.username() : actor.displayName())) {
            dutyId = duty.get().id();
        }
        // without this year's duty yet (a letter for next year filed in December), the duty is fulfilled when raised (RosterLetterDuties)
        long id = store.insertLetter(actor.orgId(), y, signedOn, doc.id(), doc.filename(), dutyId, now, actor.username());
        audit.record(AuditEvent.success("roster.letter.file", "organisation:" + actor.orgId(),
                y + " signed " + signedOn + " document:" + doc.id() + (dutyId == null ? "" : " duty:" + dutyId)));
        return store.letter(id).orElseThrow();
    }

    /** Only a unit's security officer keeps its roster, and only their own unit's. */
    private static Actor officer() {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.UNIT || !actor.has(Role.UNIT_SECURITY_OFFICER)) {
            throw new AccessDeniedException("a unit's security officer keeps its roster");
        }
        return actor;
    }

    // ---- full numbers

    @Override
    @Transactional
    public List<RevealedMobile> revealMobiles(long orgId) {
        visibleUnit(orgId);
        Actor actor = Actor.require();
        if (actor.orgKind() == OrgKind.REGULATOR) {
            throw new AccessDeniedException("regulators see the masked numbers"); // as for the systems' responsible person
        }
        List<RevealedMobile> shown = new ArrayList<>();
        store.personRows(orgId).values().stream().sorted(Comparator.comparing(RosterStore.PersonRow::position))
                .forEach(p -> shown.add(new RevealedMobile(p.position(), p.name(), fields.open(RosterStore.MOBILE_CONTEXT, p.mobileSealed()))));
        audit.record(AuditEvent.success("roster.mobile.view", "organisation:" + orgId, "full mobile numbers shown: " + shown.size()));
        return shown;
    }

    @Override
    @Transactional(readOnly = true)
    public LetterFile letterFile(long orgId, long letterId) {
        visibleUnit(orgId);
        Letter letter = store.letter(letterId).filter(l -> store.letterOrg(letterId).orElse(-1L) == orgId)
                .orElseThrow(() -> new NotFound("letter " + letterId));
        StoredDocument doc = documents.describe(letter.documentId()).orElseThrow(() -> new NotFound("document " + letter.documentId()));
        return new LetterFile(doc.filename(), doc.contentType(), documents.open(doc.id()));
    }

    // ---- notify's SMS escalation

    @Override
    public Optional<OnCall> onCallOf(long orgId) {
        return store.unit(orgId).map(RosterStore.UnitRow::onCallPhone).filter(p -> p != null && !p.isBlank())
                .map(p -> new OnCall(p, Masking.mobile(p)));
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
