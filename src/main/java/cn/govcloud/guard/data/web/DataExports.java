package cn.govcloud.guard.data.web;

import cn.govcloud.guard.data.internal.DataFindings;
import cn.govcloud.guard.data.internal.DataQueries;
import cn.govcloud.guard.data.internal.DataSearch;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.web.bind.annotation.GetMapping;
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
    void important(DataListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        DataSearch search = params.search(DataSearch.POLICY_STATES, DataLists.IMPORTANT_GRADES, false);
        write("data.important", search, DataPages.POLICY_STATE, response, List.of("data.org:22", "data.system:24", "data.name:24",
                "data.description:30", "data.businessArea:14", "data.grade:12", "data.basis:22", "data.volume:12", "data.storageLocation:20"),
                rows -> DataLists.each(search, SheetExport.PAGE, s -> data.importantCatalog(actor, s), d -> rows.add(d.orgName(), d.systemName(),
                        d.name(), d.description(), d.businessArea(), export.text("data.grade." + d.grade()),
                        export.text("data.harmObject." + d.harmObject()) + " · " + export.text("data.harmSeverity." + d.harmSeverity()), d.volume(),
                        d.storageLocation())));
    }

    @GetMapping("/data/transfers/export.xlsx")
    void transfers(DataListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        DataSearch search = params.search(TransferPages.STATES, DataLists.ALL_GRADES, true);
        write("data.transfers", search, TransferPages.STATUS, response, List.of("data.org:22", "data.name:24", "data.grade:12",
                "data.transfer.recipient:22", "data.transfer.country:14", "data.transfer.purpose:30", "data.transfer.basis:20",
                "data.transfer.status:10", "data.transfer.validUntil:12", "data.transfer.recordedAt:18"),
                rows -> DataLists.each(search, SheetExport.PAGE, s -> data.transfers(actor, s), t -> rows.add(t.orgName(), t.datasetName(),
                        export.text("data.grade." + t.datasetGrade()), t.recipient(), t.country(), t.purpose(),
                        export.text("data.basis." + t.legalBasis()), export.text("data.transferStatus." + t.status()), t.validUntil(),
                        t.recordedAt())));
    }

    /** The findings are computed on read (never stored): one computation, filtered, however many rows. */
    @GetMapping("/data/findings/export.xlsx")
    void findings(DataListParams params, HttpServletResponse response) throws IOException {
        Actor actor = Actor.require();
        DataSearch search = params.search(DataFindings.KINDS, DataLists.ALL_GRADES, false);
        write("data.findings", search, DataPages.FINDING_KIND, response, List.of("data.finding.rule:30", "data.org:22", "data.system:24",
                "data.name:24", "data.finding.kind:18", "data.finding.what:50"),
                rows -> findings.findings(actor, search.atPage(0, SheetExport.MAX_ROWS + 1)).rows().forEach(f -> rows.add(lists.ruleTitle(f.rule()),
                        f.orgName(), f.systemName(), f.datasetName(), export.text(DataPages.FINDING_KIND + f.kind()), f.message())));
    }

    /**
     * One list's workbook: its title is the page's ({@code list + ".title"}), the filters applied say themselves in the
     * title row, each column is {@code key:width}; audited as {@code list.export}.
     */
    private void write(String list, DataSearch search, String statePrefix, HttpServletResponse response, List<String> columns,
            Consumer<SheetExport.Rows> rows) throws IOException {
        String title = export.text(list + ".title");
        export.write(new SheetExport.Request(list, title, title + ".xlsx", columns.stream().map(c -> c.split(":"))
                .map(c -> export.column(c[0], Integer.parseInt(c[1]))).toList(), lists.described(search, statePrefix), false), rows, response);
    }
}
