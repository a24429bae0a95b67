package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.supervision.scheduling.Body;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Quarterly special inspections over the API (A11.3): create with scope and checklist, record results, complete. */
@RestController
@RequestMapping("/api/v1/supervision/inspections")
@AllowSupervisor
class InspectionApi {
    private final Inspections inspections;
    private final Completion completion;

    InspectionApi(Inspections inspections, Completion completion) {
        this.inspections = inspections;
        this.completion = completion;
    }

    /** {@code {"quarter":"2026-Q4"?,"topic","articles":["A8"],"ruleIds":[…]?,"unitIds":[…],"systemIds":[…]?}} → 201 with its checklist. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        Inspections.NewInspection n = new Inspections.NewInspection(b.string("quarter"), b.string("topic"), b.strings("articles"),
                b.strings("ruleIds"), b.numbers("unitIds"), b.numbers("systemIds"));
        b.check();
        return view(inspections.create(n).id());
    }

    @GetMapping
    @AllowOversight
    List<Inspections.Inspection> list() {
        return inspections.list();
    }

    @GetMapping("/{id}")
    @AllowOversight
    Map<String, Object> get(@PathVariable long id) {
        return view(id);
    }

    /** {@code {"result":"PASS|FAIL|NOT_APPLICABLE","remark","inspector","severity"?,"hazardSystemId"?}}; a FAIL raises a hazard. */
    @PostMapping("/{id}/items/{itemId}")
    Inspections.Item record(@PathVariable long id, @PathVariable long itemId, @RequestBody(required = false) Map<String, Object> body) {
        Body b = new Body(body);
        Inspections.Result r = new Inspections.Result(b.string("result"), b.string("remark"), b.string("inspector"), b.number("hazardSystemId"),
                b.string("severity"));
        b.check();
        return inspections.record(id, itemId, r);
    }

    @PostMapping("/{id}/complete")
    Map<String, Object> complete(@PathVariable long id) {
        completion.complete(id);
        return view(id);
    }

    private Map<String, Object> view(long id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inspection", inspections.require(id));
        out.put("items", inspections.items(id));
        return out;
    }
}
