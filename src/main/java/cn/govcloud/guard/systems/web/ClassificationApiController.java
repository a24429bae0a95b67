package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.internal.Classification;
import cn.govcloud.guard.systems.internal.Classification.Declaration;
import cn.govcloud.guard.systems.internal.SystemQueries;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.web.SystemDtos.Page;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 3: a system's 非涉密 declaration (A2, 第二条 — the government cloud hosts only non-classified systems) and
 * the register of classification flags (关基 / 非涉密) the 保密 reviewer reads city-wide.
 */
@RestController
class ClassificationApiController {
    private static final int PAGE = 50;
    private final SystemQueries systems;
    private final Classification classification;

    ClassificationApiController(SystemQueries systems, Classification classification) {
        this.systems = systems;
        this.classification = classification;
    }

    /** The unit's declaration: the box ticked and the declarant named. */
    record DeclarationBody(Boolean nonClassified, String declarant) {
    }

    record DeclarationJson(long systemId, boolean nonClassified, String declarant, Instant declaredAt, String declaredBy) {
        static DeclarationJson of(long id, Declaration d) {
            return new DeclarationJson(id, d.declared(), d.declarant(), d.declaredAt(), d.declaredBy());
        }
    }

    @GetMapping("/api/v1/systems/{id}/non-classified-declaration")
    @AllowOversightAndUnits
    DeclarationJson declaration(@PathVariable long id) {
        systems.visible(id, Actor.require()); // 404 for another unit's system
        return DeclarationJson.of(id, classification.declaration(id));
    }

    @PutMapping("/api/v1/systems/{id}/non-classified-declaration")
    @AllowUnitPeople
    DeclarationJson declare(@PathVariable long id, @RequestBody(required = false) DeclarationBody body) {
        DeclarationBody b = body == null ? new DeclarationBody(null, null) : body;
        return DeclarationJson.of(id, classification.declare(id, b.nonClassified(), b.declarant(), Actor.require()));
    }

    /** One system in the register of flags. */
    record FlagsJson(long id, String name, long unitId, String unitName, int mlpsLevel, SystemState status, boolean criticalInfrastructure,
                     String protectionDepartment, boolean nonClassified, String declarant, Instant declaredAt, String declaredBy) {
        static FlagsJson of(Classification.Entry e) {
            Declaration d = e.declaration();
            return new FlagsJson(e.id(), e.name(), e.unitId(), e.unitName(), e.mlpsLevel(), e.state(), e.cii(), e.ciiDepartment(),
                    d.declared(), d.declarant(), d.declaredAt(), d.declaredBy());
        }
    }

    /** The register of flags, city-wide: the 保密 reviewer (and the supervisor, the regulators), newest first, keyset paging. */
    @GetMapping("/api/v1/system-classification")
    @Allow({Role.SECRECY_REVIEWER, Role.SUPERVISOR, Role.REGULATOR})
    Page<FlagsJson> register(@RequestParam(required = false) Long unit, @RequestParam(required = false) Boolean cii,
                             @RequestParam(required = false) Boolean nonClassified, @RequestParam(required = false) String state,
                             @RequestParam(required = false) String name, @RequestParam(required = false) Long before,
                             @RequestParam(required = false) Integer limit) {
        int size = limit == null ? PAGE : Math.max(1, Math.min(limit, 200));
        ListParameters p = ListParams.api("name", name, "unit", unit, "state", state, "cii", cii, "nonClassified", nonClassified);
        Classification.Filter filter = ListParams.classification(p);
        p.check(); // issue 23 point 11: a value the list cannot read is a 400 naming it, as on the page
        List<Classification.Entry> page = classification.page(Actor.require(), filter, before, size + 1);
        return Page.of(page, size, FlagsJson::of, Classification.Entry::id);
    }
}
