package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.internal.Classification;
import cn.govcloud.guard.systems.internal.Classification.Entry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 23 point 11: the classification register (/system-classification, 关基 and 非涉密 by system) as Excel, read with the
 * page's own filters and name search (keyset pages of {@link SheetExport#PAGE}); the same readers as the page.
 */
@RestController
@Allow({Role.SECRECY_REVIEWER, Role.SUPERVISOR, Role.REGULATOR})
class ClassificationExports {
    private final Classification classification;
    private final SheetExport export;

    ClassificationExports(Classification classification, SheetExport export) {
        this.classification = classification;
        this.export = export;
    }

    @GetMapping("/system-classification/export.xlsx")
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        ListParameters p = ListParameters.of(params);
        Classification.Filter filter = ListParams.classification(p);
        p.check(); // issue 23 point 11: refused, nothing exported
        Map<String, String> shown = ListParams.shown(export, filter.name(), filter.unitId(), classification.units());
        ListParams.shownChoice(shown, export, "systems.field.state", "systems.state.", filter.state());
        ListParams.shownFlags(shown, export, filter.cii(), filter.nonClassified());
        String title = export.text("systems.classification.title");
        List<SheetExport.Column> columns = List.of(export.column("systems.field.name", 28), export.column("systems.field.unit", 24),
                export.column("systems.field.mlpsLevel", 10), export.column("systems.field.state", 12), export.column("systems.cii.label", 10),
                export.column("systems.cii.department", 20), export.column("systems.nonClassified.legend", 10),
                export.column("systems.nonClassified.declarant", 12), export.column("systems.nonClassified.declaredAt", 18));
        export.write(new SheetExport.Request("systems.cii.non-classified", title, title + ".xlsx", columns, shown, false), rows -> {
            ListParams.everyRow(filter, (f, before, limit) -> classification.page(actor, f, before, limit), Entry::id, e ->
                rows.add(e.name(), e.unitName(), export.text("systems.level", e.mlpsLevel()), export.text("systems.state." + e.state()),
                        export.text(e.cii() ? "systems.filter.yes" : "systems.filter.no"), e.ciiDepartment(),
                        export.text(e.declaration().declared() ? "systems.filter.declared" : "systems.filter.undeclared"),
                        e.declaration().declarant(), e.declaration().declaredAt()));
        }, response);
    }
}
