package cn.govcloud.guard.data.web;

import cn.govcloud.guard.data.internal.DataFindings;
import cn.govcloud.guard.data.internal.DataQueries;
import cn.govcloud.guard.data.internal.DataSearch;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 23 point 11: the important-data catalog (A8.2), the cross-border register (A8.3) and the findings as Excel, each
 * with the filters of its page ({@link DataLists}), so the workbook holds exactly the rows the list shows; written and
 * audited by {@link SheetExport}. (The catalog's own export keeps the import's columns: see {@code DataPages#export}.) Page
 * paths only, so not in the OpenAPI document ({@code /api/**}).
 */
@RestController
@AllowOversightAndUnits
class DataExports {
    private final DataQueries data;
    private final DataFindings findings;
    private final DataLists lists;
    private final SheetExport export;

    DataExports(DataQueries data, DataFindings findings, DataLists lists, SheetExport export) {
        this.data = data;
        this.findings = findings;
        this.lists = lists;
        this.export = export;
    }

    @GetMapping("/data/important/export.xlsx")
    void important(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        paged("data.important", DataList.IMPORTANT, params, response, List.of("data.org:22", "data.system:24", "data.name:24",
                "data.description:30", "data.businessArea:14", "data.grade:12", "data.basis:22", "data.volume:12", "data.storageLocation:20"),
                data::importantCatalog, d -> new Object[] {d.orgName(), d.systemName(), d.name(), d.description(), d.businessArea(),
                        export.text("data.grade." + d.grade()),
                        export.text("data.harmObject." + d.harmObject()) + " · " + export.text("data.harmSeverity." + d.harmSeverity()), d.volume(),
                        d.storageLocation()});
    }

    @GetMapping("/data/transfers/export.xlsx")
    void transfers(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        paged("data.transfers", DataList.TRANSFERS, params, response, List.of("data.org:22", "data.name:24", "data.grade:12",
                "data.transfer.recipient:22", "data.transfer.country:14", "data.transfer.purpose:30", "data.transfer.basis:20",
                "data.transfer.status:10", "data.transfer.validUntil:12", "data.transfer.recordedAt:18"),
                data::transfers, t -> new Object[] {t.orgName(), t.datasetName(), export.text("data.grade." + t.datasetGrade()), t.recipient(),
                        t.country(), t.purpose(), export.text("data.basis." + t.legalBasis()), export.text(DataList.TRANSFER_STATUS + t.status()),
                        t.validUntil(), t.recordedAt()});
    }

    /** The findings are computed on read (never stored): one computation, filtered, however many rows. */
    @GetMapping("/data/findings/export.xlsx")
    void findings(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        write("data.findings", DataList.FINDINGS, params, response, List.of("data.finding.rule:30", "data.org:22", "data.system:24",
                "data.name:24", "data.finding.kind:18", "data.finding.what:50"),
                (rows, search) -> findings.findings(actor, search.atPage(0, SheetExport.MAX_ROWS + 1)).rows().forEach(f -> rows.add(
                        lists.ruleTitle(f.rule()), f.orgName(), f.systemName(), f.datasetName(), export.text(DataList.FINDING_KIND + f.kind()),
                        f.message())));
    }

    /** A list read from the database a page of {@link SheetExport#PAGE} at a time ({@code find}), one sheet row per record. */
    private <T> void paged(String list, DataList shown, Map<String, String> params, HttpServletResponse response, List<String> columns,
            BiFunction<Actor, DataSearch, Page<T>> find, Function<T, Object[]> row) throws IOException {
        Actor actor = Actor.require();
        write(list, shown, params, response, columns,
                (rows, search) -> DataLists.each(search, SheetExport.PAGE, s -> find.apply(actor, s), t -> rows.add(row.apply(t))));
    }

    /**
     * One list's workbook of the rows {@code params} ask for ({@link DataListParams}: a bad filter is refused, nothing
     * written): its title is the page's ({@code list + ".title"}), the filters applied say themselves in the title row,
     * each column is {@code key:width}; audited as {@code list.export}.
     */
    private void write(String list, DataList shown, Map<String, String> params, HttpServletResponse response, List<String> columns,
            BiConsumer<SheetExport.Rows, DataSearch> rows) throws IOException {
        DataSearch search = DataListParams.search(params, shown);
        String title = export.text(list + ".title");
        export.write(new SheetExport.Request(list, title, title + ".xlsx", columns.stream().map(c -> c.split(":"))
                .map(c -> export.column(c[0], Integer.parseInt(c[1]))).toList(), lists.described(search, shown), false),
                r -> rows.accept(r, search), response);
    }
}
