package cn.govcloud.guard.roster;

import cn.govcloud.guard.duties.DutyState;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Each unit's security-responsibility roster (issue 22 point 2): kept by the unit's security officer for their own
 * unit, read by the unit's people and by the supervisor and the regulators (every unit); the provider sees none.
 * Every change is audited; mobiles are shown masked unless revealed ({@link #revealMobiles}, audited).
 */
public interface Rosters {

    /** The catalog rule the signed yearly letter fulfils (catalog.yaml, A4). */
    String LETTER_RULE = "A4-responsibility-letter";

    /** The three people of a roster, in display order. */
    enum Position { PRINCIPAL, LEADER, ADMINISTRATOR }

    /** One person as entered; {@code mobile} blank on an update keeps the stored number. */
    record PersonInput(String name, String post, String officePhone, String mobile) {
    }

    /** The whole roster as entered (the unit's security officer, for their own unit). */
    record RosterInput(PersonInput principal, PersonInput leader, PersonInput administrator, String onCallPhone) {
    }

    /** One person as shown: the mobile masked. */
    record Person(Position position, String name, String post, String officePhone, String mobileMasked) {
    }

    /** A signed 网络安全责任书 on record. */
    record Letter(long id, int year, LocalDate signedOn, long documentId, String filename, Long dutyId, Instant uploadedAt,
                  String uploadedBy) {
    }

    /**
     * A unit's roster as its readers see it; {@code people} empty and {@code onCallPhone} null when the unit has not
     * filed one. {@code letter} is this year's signed letter (null without one), {@code dutyId} / {@code dutyState}
     * this year's A4-responsibility-letter duty when the engine has raised it.
     */
    record Roster(long orgId, String orgName, List<Person> people, String onCallPhone, Instant updatedAt, String updatedBy,
                  int year, Letter letter, Long dutyId, DutyState dutyState) {
        public boolean filed() {
            return onCallPhone != null;
        }

        public boolean signedThisYear() {
            return letter != null;
        }

        public Optional<Person> person(Position position) {
            return people.stream().filter(p -> p.position() == position).findFirst();
        }
    }

    /**
     * The list's filters (issue 23 point 11), each null for any: one unit; whether this year's letter is signed; whether the
     * unit has filed its roster; a keyword found in the unit's name, a person's name or post, or a phone number on show.
     */
    record Filter(Long unit, Boolean signed, Boolean filed, String q) {
        public static final Filter ALL = new Filter(null, null, null, null);

        /** Whether a roster passes the filters other than the unit. */
        public boolean matches(Roster r) {
            return (signed == null || signed == r.signedThisYear()) && (filed == null || filed == r.filed()) && matchesKeyword(r);
        }

        private boolean matchesKeyword(Roster r) {
            String k = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
            if (k.isEmpty()) {
                return true;
            }
            Stream<String> texts = Stream.concat(Stream.of(r.orgName(), r.onCallPhone()),
                    r.people().stream().flatMap(p -> Stream.of(p.name(), p.post(), p.officePhone())));
            return texts.anyMatch(t -> t != null && t.toLowerCase(Locale.ROOT).contains(k));
        }
    }

    /** The rosters the actor may read: a unit its own, the supervisor and the regulators every unit's; by unit name. */
    List<Roster> list(Filter filter);

    /** One unit's roster, when the actor may read it (else {@code NotFound}). */
    Roster roster(long orgId);

    /** Saves the acting security officer's own unit's roster. Audited. Bad input: {@code InvalidInput} naming each field. */
    Roster save(RosterInput input);

    /**
     * Files the signed letter of a year for the acting officer's own unit: the scan is stored as an encrypted evidence
     * file (documents module) and fulfils that year's open A4-responsibility-letter duty. Audited.
     */
    Letter fileLetter(Integer year, LocalDate signedOn, String filename, InputStream content);

    /** The full mobiles of one unit's roster people (the unit's own people and the supervisor; regulators see them masked). Audited. */
    List<RevealedMobile> revealMobiles(long orgId);

    record RevealedMobile(Position position, String name, String mobile) {
    }

    /** A letter's scan for a reader of that unit's roster. */
    LetterFile letterFile(long orgId, long letterId);

    record LetterFile(String filename, String contentType, byte[] content) {
    }
}
