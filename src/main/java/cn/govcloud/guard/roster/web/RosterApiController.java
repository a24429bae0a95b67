package cn.govcloud.guard.roster.web;

import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.roster.Rosters;
import cn.govcloud.guard.roster.Rosters.Letter;
import cn.govcloud.guard.roster.Rosters.PersonInput;
import cn.govcloud.guard.roster.Rosters.Position;
import cn.govcloud.guard.roster.Rosters.Roster;
import cn.govcloud.guard.roster.Rosters.RosterInput;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The security-responsibility roster over the API (issue 22 point 2): a unit's security officer keeps their own unit's,
 * the unit's people read it, the supervisor and the regulators read every unit's; the provider none. Mobiles come
 * masked; {@code POST …/mobiles/reveal} shows them in full to the unit and the supervisor, audited.
 */
@RestController
@RequestMapping("/api/v1/roster")
@AllowOversightAndUnits
class RosterApiController {

    /** One person of the roster; {@code mobile} blank on an update keeps the number on record. */
    record PersonBody(String name, String post, String officePhone, String mobile) {
        PersonInput input() {
            return new PersonInput(name, post, officePhone, mobile);
        }
    }

    record RosterBody(PersonBody principal, PersonBody leader, PersonBody administrator, String onCallPhone) {
        RosterInput input() {
            return new RosterInput(principal == null ? null : principal.input(), leader == null ? null : leader.input(),
                    administrator == null ? null : administrator.input(), onCallPhone);
        }
    }

    record PersonJson(Position position, String name, String post, String officePhone, String mobileMasked) {
        static PersonJson of(Rosters.Person p) {
            return new PersonJson(p.position(), p.name(), p.post(), p.officePhone(), p.mobileMasked());
        }
    }

    record LetterJson(long id, int year, LocalDate signedOn, String filename, Long dutyId, Instant uploadedAt, String uploadedBy,
                      String document) {
        static LetterJson of(long orgId, Letter l) {
            return l == null ? null : new LetterJson(l.id(), l.year(), l.signedOn(), l.filename(), l.dutyId(), l.uploadedAt(), l.uploadedBy(),
                    "/api/v1/roster/" + orgId + "/letters/" + l.id() + "/document");
        }
    }

    /**
     * A unit's roster. {@code filed}: the unit has entered one; {@code signedThisYear}: this year's 网络安全责任书 is on
     * record; {@code dutyId} / {@code dutyState}: this year's A4-responsibility-letter duty.
     */
    record RosterJson(long orgId, String orgName, boolean filed, List<PersonJson> people, String onCallPhone, Instant updatedAt,
                      String updatedBy, int year, boolean signedThisYear, LetterJson letter, Long dutyId, DutyState dutyState) {
        static RosterJson of(Roster r) {
            return new RosterJson(r.orgId(), r.orgName(), r.filed(), r.people().stream().map(PersonJson::of).toList(), r.onCallPhone(),
                    r.updatedAt(), r.updatedBy(), r.year(), r.signedThisYear(), LetterJson.of(r.orgId(), r.letter()), r.dutyId(), r.dutyState());
        }
    }

    record RevealedMobileJson(Position position, String name, String mobile) {
    }

    private final Rosters rosters;

    RosterApiController(Rosters rosters) {
        this.rosters = rosters;
    }

    /**
     * Every roster the caller may read (a unit: its own), by unit name; {@code signed} filters on this year's letter,
     * {@code filed} on whether the unit has entered its roster, {@code q} on a keyword (unit, names, posts, phones).
     */
    @GetMapping
    List<RosterJson> list(@RequestParam(required = false) Long unit, @RequestParam(required = false) Boolean signed,
                          @RequestParam(required = false) Boolean filed, @RequestParam(required = false) String q) {
        return rosters.list(new Rosters.Filter(unit, signed, filed, RosterFilters.keyword(q))).stream().map(RosterJson::of).toList();
    }

    @GetMapping("/{orgId}")
    RosterJson roster(@PathVariable long orgId) {
        return RosterJson.of(rosters.roster(orgId));
    }

    /** The acting security officer's own unit's roster, whole. */
    @PutMapping
    @Allow(Role.UNIT_SECURITY_OFFICER)
    RosterJson save(@RequestBody(required = false) RosterBody body) {
        return RosterJson.of(rosters.save(body == null ? null : body.input()));
    }

    /** Multipart: {@code year} (default this year), {@code signedOn} (yyyy-MM-dd) and the signed scan in part {@code file}. */
    @PostMapping("/letters")
    @ResponseStatus(HttpStatus.CREATED)
    @Allow(Role.UNIT_SECURITY_OFFICER)
    LetterJson fileLetter(@RequestParam(required = false) String year, @RequestParam(required = false) String signedOn,
                          @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        boolean has = file != null && !file.isEmpty();
        Letter letter = rosters.fileLetter(year(year), date(signedOn), has ? file.getOriginalFilename() : null, has ? file.getInputStream() : null);
        return LetterJson.of(cn.govcloud.guard.shared.Actor.require().orgId(), letter);
    }

    @GetMapping("/{orgId}/letters/{letterId}/document")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The signed scan",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/octet-stream",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> letterDocument(@PathVariable long orgId, @PathVariable long letterId) {
        return RosterPages.download(rosters.letterFile(orgId, letterId));
    }

    /** The full mobiles of one unit's roster: the unit's people and the supervisor (regulators: 403). Audited. */
    @PostMapping("/{orgId}/mobiles/reveal")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR})
    List<RevealedMobileJson> reveal(@PathVariable long orgId) {
        return rosters.revealMobiles(orgId).stream().map(m -> new RevealedMobileJson(m.position(), m.name(), m.mobile())).toList();
    }

    static Integer year(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("roster.error.invalid", Map.of("year", "roster.error.year"));
        }
    }

    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("roster.error.invalid", Map.of("signedOn", "roster.error.signedOn"));
        }
    }
}
