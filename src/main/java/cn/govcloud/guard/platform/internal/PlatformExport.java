package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The platform registers as Excel workbooks, written by the shared {@link SheetExport} (streamed, title row, frozen
 * Chinese header, audited as {@code platform.<register>.export}). Every value is text: nothing a supplier put in an SBOM
 * becomes a formula.
 */
@Component
public class PlatformExport {
    private final SheetExport export;
    private final SupplyChainQueries supplyChain;
    private final ProviderExit exits;
    private final NetworkLines lines;
    private final Hardware hardware;

    PlatformExport(SheetExport export, SupplyChainQueries supplyChain, ProviderExit exits, NetworkLines lines, Hardware hardware) {
        this.export = export;
        this.supplyChain = supplyChain;
        this.exits = exits;
        this.lines = lines;
        this.hardware = hardware;
    }

    /**
     * One register: its title message, the column message keys (each 16 characters wide), the filters it was asked
     * with (name → value as the list's URL carries them; empty: the whole register) and the rows the filler adds.
     */
    private void sheet(HttpServletResponse response, String list, String filename, String sheetKey, Map<String, String> filters,
                       List<String> columnKeys, Consumer<Consumer<List<Object>>> filler) throws IOException {
        export.write(new SheetExport.Request(list, export.text(sheetKey), filename, columnKeys.stream().map(k -> export.column(k, 16)).toList(),
                filters, false), rows -> filler.accept(values -> rows.add(values.toArray())), response);
    }

    public void supplyChain(Actor actor, HttpServletResponse response) throws IOException {
        supplyChain(actor, SupplyChainQueries.Filter.all(0), Map.of(), response);
    }

    /** The supply-chain register as the list filtered it (streamed: 20,000 components need no list in memory). */
    public void supplyChain(Actor actor, SupplyChainQueries.Filter filter, Map<String, String> filters, HttpServletResponse response)
            throws IOException {
        sheet(response, "platform.supplyChain", "supply-chain.xlsx", "platform.supply.title", filters, List.of("platform.supply.kind",
                "platform.supply.name", "platform.supply.version", "platform.supply.purl", "platform.supply.supplier", "platform.supply.licenses",
                "platform.supply.state", "platform.supply.inUse", "platform.supply.removedAt", "platform.supply.riskLevel",
                "platform.supply.conclusion", "platform.supply.conditions", "platform.supply.assessor", "platform.supply.assessedAt",
                "platform.supply.counterparty", "platform.supply.signedOn", "platform.supply.advisories"), row -> supplyChain.each(actor, filter,
                i -> row.accept(java.util.Arrays.asList(text("platform.supply.kind." + i.kind()), i.name(), i.version(), i.purl(),
                        i.supplier(), i.licenses(), text("platform.supply.state." + i.state()), yesNo(i.inUse()), i.removedAt(),
                        i.riskLevel(), i.conclusion(), i.conditions(), i.assessor(), i.assessedAt(), i.counterparty(), i.signedOn(),
                        String.join(", ", i.advisories())))));
    }

    public void exits(Actor actor, HttpServletResponse response) throws IOException {
        exits(exits.list(actor), Map.of(), response);
    }

    /** The exits given (one row per migration task). */
    public void exits(List<Exit> shown, Map<String, String> filters, HttpServletResponse response) throws IOException {
        sheet(response, "platform.exit", "provider-exit.xlsx", "platform.exit.title", filters, List.of("platform.exit.endDate",
                "platform.exit.state", "platform.exit.filedAt", "platform.exit.system", "platform.exit.taskState", "platform.exit.target",
                "platform.exit.note", "platform.exit.clearedOn", "platform.exit.verifiedBy"), row -> shown.forEach(e -> e.tasks().forEach(t ->
                row.accept(java.util.Arrays.asList(e.endDate(), text("platform.exit.state." + e.state()), e.filedAt(), t.systemName(),
                        text("platform.exit.taskState." + t.state()), t.target(), t.note(), e.clearedOn(), e.verifiedBy())))));
    }

    public void lines(Actor actor, HttpServletResponse response) throws IOException {
        lines(lines.lines(actor), Map.of(), response);
    }

    /** The network lines given. */
    public void lines(List<NetworkLines.Line> shown, Map<String, String> filters, HttpServletResponse response) throws IOException {
        sheet(response, "platform.lines", "network-lines.xlsx", "platform.lines.title", filters, List.of("platform.lines.name",
                "platform.lines.lineType", "platform.lines.carrier", "platform.lines.bandwidth", "platform.lines.userOrg", "platform.lines.firewall",
                "platform.lines.intrusionPrevention", "platform.lines.manager", "platform.lines.lastReview", "platform.lines.finding"),
                row -> shown.forEach(l -> row.accept(java.util.Arrays.asList(l.name(), text("platform.lines.lineType." + l.lineType()),
                        l.carrier(), l.bandwidth(), l.userOrg(), yesNo(l.firewall()), yesNo(l.intrusionPrevention()), l.manager(),
                        l.lastReviewedOn(), l.firewall() ? "" : text("platform.lines.noFirewall")))));
    }

    public void hardware(Actor actor, HttpServletResponse response) throws IOException {
        hardware(hardware.devices(actor), Map.of(), response);
    }

    /** The devices given. */
    public void hardware(List<Hardware.Device> shown, Map<String, String> filters, HttpServletResponse response) throws IOException {
        sheet(response, "platform.device", "platform-hardware.xlsx", "platform.hw.title", filters, List.of("platform.hw.type",
                "platform.hw.vendor", "platform.hw.model", "platform.hw.role", "platform.hw.location", "platform.hw.quantity",
                "platform.hw.compliant", "platform.hw.basis"), row -> shown.forEach(d -> row.accept(java.util.Arrays.asList(
                        text("platform.hw.type." + d.type()), d.vendor(), d.model(), d.role(), d.location(), d.quantity(), yesNo(d.compliant()),
                        d.basis()))));
    }

    /** The certification reports given (A5.2). */
    public void certifications(List<Certifications.Certification> shown, Map<String, String> filters, HttpServletResponse response)
            throws IOException {
        sheet(response, "platform.certification", "certifications.xlsx", "platform.cert.title", filters, List.of("platform.cert.kind",
                "platform.cert.reportNumber", "platform.cert.agency", "platform.cert.issueDate", "platform.cert.conclusion",
                "platform.cert.validUntil", "platform.cert.filingDue"), row -> shown.forEach(c -> row.accept(java.util.Arrays.asList(
                        text("platform.cert.kind." + c.kind()), c.reportNumber(), c.agency(), c.issueDate(), c.conclusion(), c.validUntil(),
                        c.filing() == null ? null : c.filing().dueDate()))));
    }

    private String yesNo(boolean yes) {
        return text(yes ? "platform.yes" : "platform.no");
    }

    private String text(String key) {
        return export.text(key);
    }
}
