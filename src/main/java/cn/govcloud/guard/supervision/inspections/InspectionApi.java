package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowSupervisor;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Quarterly special inspections over the API (A11.3): create with scope and checklist, record results, complete. */
@RestController
@RequestMapping("/api/v1/supervision/inspections")
@AllowSupervisor
class InspectionApi {
    private final Inspections inspections;
    private final Recording recording;
    private final Completion completion;

    InspectionApi(Inspections inspections, Recording recording, Completion completion) {
        this.inspections = inspections;
        this.recording = recording;
        this.completion = completion;
    }

    /** {@code {"quarter":"2026-Q4"?,"topic","articles":["A8"],"ruleIds":[…]?,"unitIds":[…],"systemIds":[…]?}} → 201 with its checklist. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    InspectionView create(@RequestBody(required = false) @Valid NewInspectionBody body) {
        NewInspectionBody b = body == null ? new NewInspectionBody(null, null, null, null, null, null) : body;
        Inspections.NewInspection n = new Inspections.NewInspection(b.quarter(), b.topic(), listOf(b.articles()), listOf(b.ruleIds()),
                listOf(b.unitIds()), listOf(b.systemIds()));
        return view(inspections.create(n).id());
    }

    /** Issue 23 point 11: as the page — a keyword, a state, and with {@code size} one page of 20, 50 or 100 ({@code page} from 0); without it all. */
    @GetMapping
    @AllowOversight
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "keyword")
    @Parameter(name = "state", in = ParameterIn.QUERY, description = "IN_PROGRESS or COMPLETED")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "zero-based page")
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "rows per page, 1 to 200; without it every row")
    List<Inspections.Inspection> list(@Parameter(hidden = true) @RequestParam Map<String, String> params) {
        // issue 23 point 11: an unknown state is refused (400), never read as "any"; any size the API's paging allows
        InspectionPages.ListQuery query = InspectionPages.ListQuery.read(params, API_MAX);
        return query.sized() ? inspections.search(query.search(), query.size(), query.offset())
                : inspections.search(query.search(), Integer.MAX_VALUE, 0);
    }

    /** The API lists' largest page. */
    static final int API_MAX = 200;

    @GetMapping("/{id}")
    @AllowOversight
    InspectionView get(@PathVariable long id) {
        return view(id);
    }

    /** {@code {"result":"PASS|FAIL|NOT_APPLICABLE","remark","inspector","severity"?,"hazardSystemId"?}}; a FAIL raises a hazard. */
    @PostMapping("/{id}/items/{itemId}")
    Inspections.Item record(@PathVariable long id, @PathVariable long itemId, @RequestBody(required = false) @Valid Inspections.Result body) {
        return recording.record(id, itemId, body == null ? new Inspections.Result(null, null, null, null, null) : body);
    }

    @PostMapping("/{id}/complete")
    InspectionView complete(@PathVariable long id) {
        completion.complete(id);
        return view(id);
    }

    private InspectionView view(long id) {
        return new InspectionView(inspections.require(id), inspections.items(id));
    }

    private static <T> List<T> listOf(List<T> values) {
        return values == null ? new java.util.ArrayList<>() : values;
    }

    /** An inspection with its checklist. */
    record InspectionView(Inspections.Inspection inspection, List<Inspections.Item> items) {
    }

    /** {@code quarter} as {@code 2026-Q4} (absent: this quarter); the scope as units and, optionally, some of their systems. */
    record NewInspectionBody(@Size(max = 10, message = "{scheduling.error.quarter}") String quarter,
                             @Size(max = 200, message = "{scheduling.error.topic}") String topic, List<String> articles,
                             List<String> ruleIds, List<Long> unitIds, List<Long> systemIds) {
    }
}
