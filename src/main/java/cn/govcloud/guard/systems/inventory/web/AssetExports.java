package cn.govcloud.guard.systems.inventory.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.inventory.internal.Asset;
import cn.govcloud.guard.systems.inventory.internal.Assets;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 points 1 and 5: a system's asset and exposure inventory as Excel, Chinese columns, whoever may read the system
 * (the same check as its page); audited by {@link SheetExport}. No personal numbers in it.
 */
@RestController
class AssetExports {
    private final Assets assets;
    private final SheetExport export;

    AssetExports(Assets assets, SheetExport export) {
        this.assets = assets;
        this.export = export;
    }

    @GetMapping({"/systems/{id}/assets/export.xlsx", "/api/v1/systems/{id}/assets/export.xlsx"})
    @AllowParties
    @ApiResponse(responseCode = "200", description = "The system's asset and exposure inventory as an Excel workbook",
            content = @Content(mediaType = SheetExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    void export(@PathVariable long id, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        HostedSystem system = assets.system(id, actor);
        List<Asset> rows = assets.list(id, actor);
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put(export.text("systems.assets.export.system"), system.name() + "（" + system.orgName() + "）");
        String title = export.text("systems.assets.export.title");
        List<SheetExport.Column> columns = List.of(export.column("systems.assets.field.kind", 10), export.column("systems.assets.field.name", 24),
                export.column("systems.assets.field.product", 20), export.column("systems.assets.field.version", 12),
                export.column("systems.assets.field.address", 18), export.column("systems.assets.field.port", 10),
                export.column("systems.assets.field.publicAddress", 18), export.column("systems.assets.field.publicPort", 10),
                export.column("systems.assets.field.protocol", 8), export.column("systems.assets.field.service", 14),
                export.column("systems.assets.field.icpNumber", 22), export.column("systems.assets.field.remarks", 24),
                export.column("systems.assets.field.updatedAt", 18), export.column("systems.assets.field.updatedBy", 14));
        export.write(new SheetExport.Request("systems.assets", title, title + "-" + system.name() + ".xlsx", columns, shown, false), out -> {
            for (Asset a : rows) {
                out.add(export.text("systems.assets.kind." + a.kind()), a.name(), a.product(), a.version(), a.address(), a.port(),
                        a.publicAddress(), a.publicPort(), a.protocol(), a.service(), a.icpNumber(), a.remarks(), a.updatedAt(), a.updatedBy());
            }
        }, response);
    }
}
