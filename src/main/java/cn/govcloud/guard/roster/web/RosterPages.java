package cn.govcloud.guard.roster.web;

import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.roster.Rosters;
import cn.govcloud.guard.roster.Rosters.Filter;
import cn.govcloud.guard.roster.Rosters.PersonInput;
import cn.govcloud.guard.roster.Rosters.Position;
import cn.govcloud.guard.roster.Rosters.Roster;
import cn.govcloud.guard.roster.Rosters.RosterInput;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The roster's pages (issue 22 point 2): {@code /roster} is the unit's own roster for its people (the security officer
 * edits it and uploads the year's signed letter) and the city-wide list for the supervisor and the regulators (filters:
 * unit, letter signed this year); {@code /roster/{orgId}} one unit's. Every POST redirects (post/redirect/get): a
 * refused form flashes its errors and what was typed (never a mobile number) back to the page.
 */
@Controller
@AllowOversightAndUnits
class RosterPages {
    private static final String REVEALED = "rosterRevealed";
    private static final String CONTEXT = "flash.roster.mobiles.";

    private final Rosters rosters;
    private final MessageSource messages;
    private final FieldEncryption encryption;
    private final Clock clock;
    private final FormRefusals refusals;

    RosterPages(Rosters rosters, MessageSource messages, FieldEncryption encryption, Clock clock, FormRefusals refusals) {
        this.clock = clock;
        this.refusals = refusals;
        this.rosters = rosters;
        this.messages = messages;
        this.encryption = encryption;
    }

    @GetMapping("/roster")
    String page(@RequestParam(required = false) Long unit, @RequestParam(required = false) String signed,
                @RequestParam(required = false) String filed, @RequestParam(required = false) String q, Model model,
                HttpServletResponse response) {
        Actor actor = Actor.require();
        if (actor.orgKind() == OrgKind.UNIT) {
            return unitPage(actor.orgId(), model, response);
        }
        Filter filter = RosterFilters.of(unit, signed, filed, q);
        List<Roster> all = rosters.list(Filter.ALL);
        model.addAttribute("units", all.stream().map(r -> new OrganisationView(r.orgId(), r.orgName(), OrgKind.UNIT, 0)).toList());
        model.addAttribute("rosters", all.stream().filter(r -> unit == null || r.orgId() == unit).filter(filter::matches).toList());
        model.addAttribute("filter", RosterFilters.shown(filter));
        model.addAttribute("filtered", !filter.equals(Filter.ALL));
        model.addAttribute("signedCount", all.stream().filter(Roster::signedThisYear).count());
        model.addAttribute("unitCount", all.size());
        model.addAttribute("year", all.isEmpty() ? LocalDate.now(clock.withZone(cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE)).getYear() : all.get(0).year());
        model.addAttribute("positions", Position.values());
        return "roster/list";
    }

    @GetMapping("/roster/{orgId}")
    String unit(@PathVariable long orgId, Model model, HttpServletResponse response) {
        return unitPage(orgId, model, response);
    }

    private String unitPage(long orgId, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        Roster roster = rosters.roster(orgId);
        model.addAttribute("roster", roster);
        model.addAttribute("zone", cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE);
        model.addAttribute("positions", Position.values());
        model.addAttribute("mayEdit", actor.orgKind() == OrgKind.UNIT && actor.has(Role.UNIT_SECURITY_OFFICER) && actor.orgId() == orgId);
        model.addAttribute("mayReveal", actor.orgKind() != OrgKind.REGULATOR && roster.filed());
        Map<Position, String> revealed = new EnumMap<>(Position.class);
        if (model.getAttribute(REVEALED) instanceof String sealed && !sealed.isEmpty()) {
            response.setHeader("Cache-Control", "no-store");
            for (String part : encryption.open(CONTEXT + orgId, sealed).split(";")) {
                String[] kv = part.split("=", 2);
                if (kv.length == 2) {
                    revealed.put(Position.valueOf(kv[0]), kv[1]);
                }
            }
            model.asMap().remove(REVEALED);
        }
        model.addAttribute("revealed", revealed);
        if (model.getAttribute("errors") == null) {
            model.addAttribute("errors", Map.of());
        }
        if (model.getAttribute("values") == null) {
            Map<String, String> values = new HashMap<>();
            for (Rosters.Person p : roster.people()) {
                String f = field(p.position());
                values.put(f + ".name", p.name());
                values.put(f + ".post", p.post());
                values.put(f + ".officePhone", p.officePhone() == null ? "" : p.officePhone());
            }
            values.put("onCallPhone", roster.onCallPhone() == null ? "" : roster.onCallPhone());
            model.addAttribute("values", values);
        }
        return "roster/unit";
    }

    @PostMapping("/roster")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    String save(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            rosters.save(new RosterInput(person(form, Position.PRINCIPAL), person(form, Position.LEADER), person(form, Position.ADMINISTRATOR),
                    form.get("onCallPhone")));
            redirect.addFlashAttribute("saved", text("roster.saved"));
        } catch (InvalidInput e) {
            refused(e, form, redirect);
        }
        return "redirect:/roster";
    }

    @PostMapping("/roster/letters")
    @Allow(Role.UNIT_SECURITY_OFFICER)
    String fileLetter(@RequestParam Map<String, String> form, @RequestPart(name = "file", required = false) MultipartFile file,
                      RedirectAttributes redirect) throws IOException {
        try {
            boolean has = file != null && !file.isEmpty();
            Rosters.Letter letter = rosters.fileLetter(RosterApiController.year(form.get("year")), RosterApiController.date(form.get("signedOn")),
                    has ? file.getOriginalFilename() : null, has ? file.getInputStream() : null);
            redirect.addFlashAttribute("saved", text(letter.dutyId() == null ? "roster.letter.filed" : "roster.letter.filedDuty",
                    String.valueOf(letter.year()))); // 2026, not 2,026
        } catch (InvalidInput e) {
            refused(e, form, redirect);
        }
        return "redirect:/roster";
    }

    /** Post/redirect/get: the numbers are flashed sealed (SM4-GCM) to the unit's page, shown once; a refresh masks them again. */
    @PostMapping("/roster/{orgId}/mobiles")
    @Allow({Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF, Role.SUPERVISOR})
    String reveal(@PathVariable long orgId, RedirectAttributes redirect) {
        StringBuilder s = new StringBuilder();
        for (Rosters.RevealedMobile m : rosters.revealMobiles(orgId)) {
            s.append(s.isEmpty() ? "" : ";").append(m.position().name()).append('=').append(m.mobile());
        }
        redirect.addFlashAttribute(REVEALED, encryption.seal(CONTEXT + orgId, s.toString()));
        Actor actor = Actor.require();
        return actor.orgKind() == OrgKind.UNIT ? "redirect:/roster" : "redirect:/roster/" + orgId;
    }

    @GetMapping("/roster/{orgId}/letters/{letterId}")
    ResponseEntity<byte[]> letter(@PathVariable long orgId, @PathVariable long letterId) {
        return download(rosters.letterFile(orgId, letterId));
    }

    static ResponseEntity<byte[]> download(Rosters.LetterFile file) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(file.contentType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type).contentLength(file.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition(file.filename()))
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(file.content());
    }

    private void refused(InvalidInput e, Map<String, String> form, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>(refusals.fieldErrors(e)); // the one adapter (issue 18 point 5)
        errors.putIfAbsent("form", refusals.text(e.getMessage()));
        Map<String, String> values = new HashMap<>();
        form.forEach((k, v) -> {
            if (!k.endsWith("mobile") && !k.equals("_csrf")) {
                values.put(k, v); // never a mobile number into the session
            }
        });
        redirect.addFlashAttribute("errors", new HashMap<>(errors));
        redirect.addFlashAttribute("values", values);
    }

    private static PersonInput person(Map<String, String> form, Position position) {
        String f = field(position);
        return new PersonInput(form.get(f + ".name"), form.get(f + ".post"), form.get(f + ".officePhone"), form.get(f + ".mobile"));
    }

    static String field(Position position) {
        return position.name().equals("PRINCIPAL") ? "principal" : position.name().equals("LEADER") ? "leader" : "administrator";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
