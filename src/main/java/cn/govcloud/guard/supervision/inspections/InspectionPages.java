package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import cn.govcloud.guard.supervision.scheduling.PageMessages;
import cn.govcloud.guard.systems.Systems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The quarterly inspection pages (A11.3): the list with the form to start one, and one inspection's checklist. */
@Controller
@AllowOversight
class InspectionPages {
    /** Suggested topics and the articles whose rules make their checklists. */
    static final Map<String, List<String>> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put("数据安全", List.of("A8"));
        TOPICS.put("信息系统安全管理", List.of("A7"));
        TOPICS.put("网络安全", List.of("A6"));
        TOPICS.put("安全事件与隐患处置", List.of("A10"));
        TOPICS.put("上云安全评估", List.of("A11.1", "A11.2"));
    }

    /** Rows the record form offers without script (issue 23 point 10's fallback); the page's script adds more. */
    static final int BLANK_ROWS = 3;

    private final Inspections inspections;
    private final Recording recording;
    private final Completion completion;
    private final RuleCatalog catalog;
    private final OrganisationDirectory organisations;
    private final Systems systems;
    private final Documents documents;
    private final PageMessages pages;

    InspectionPages(Inspections inspections, Recording recording, Completion completion, RuleCatalog catalog, OrganisationDirectory organisations, Systems systems,
                    Documents documents, PageMessages pages) {
        this.inspections = inspections;
        this.recording = recording;
        this.completion = completion;
        this.catalog = catalog;
        this.organisations = organisations;
        this.systems = systems;
        this.documents = documents;
        this.pages = pages;
    }

    /** Issue 23 point 11: the page sizes offered, kept in the URL; anything else is refused ({@link #check}). */
    static final List<Integer> PAGE_SIZES = List.of(20, 50, 100);

    /** The list's states (issue 23 point 11). */
    static final List<String> STATES = List.of("IN_PROGRESS", "COMPLETED");

    /**
     * Issue 23 point 11: the list's query as the page, its export and the API read it — the request's parameter map read
     * through {@link ListParameters}: a keyword, a state, a page and a page size the list cannot read are refused naming
     * them (never read as "any" or as the first size). {@code sized} says whether a size was asked (the API answers every
     * row without one).
     */
    record ListQuery(Inspections.Search search, int page, int size, boolean sized, Map<String, String> given) {
        /** {@code maxSize} 0 on a page (one of {@link #PAGE_SIZES}), the API's maximum otherwise. */
        static ListQuery read(Map<String, String> params, int maxSize) {
            ListParameters p = ListParameters.of(params);
            String q = p.keyword("q");
            String state = p.text("state");
            if (state != null && !STATES.contains(state)) {
                p.refuse("state", "list.error.state");
            }
            int size = p.size(PAGE_SIZES.get(0), maxSize);
            int page = p.page();
            p.check();
            boolean sized = p.text("size") != null;
            return new ListQuery(new Inspections.Search(q, state), page, size, sized, p.given());
        }

        int offset() {
            return page * size;
        }

        /** The list's link to page {@code to} with what was asked. */
        String href(int to) {
            return ListParameters.href("/supervision/inspections", given, to);
        }
    }

    @GetMapping("/supervision/inspections")
    String list(@RequestParam Map<String, String> params, Model model, jakarta.servlet.http.HttpServletResponse response) {
        ListQuery query;
        InvalidInput refusal = null;
        try {
            query = ListQuery.read(params, 0);
        } catch (InvalidInput e) {
            refusal = e;
            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_BAD_REQUEST);
            query = new ListQuery(new Inspections.Search(null, null), 0, PAGE_SIZES.get(0), false, Map.of());
        }
        ListPages.refused(model, refusal, pages, Set.of("q", "state", "size"));
        long total = refusal == null ? inspections.count(query.search()) : 0;
        int lastPage = (int) Math.max(0, (total - 1) / query.size());
        model.addAttribute("inspections", total == 0 ? List.of() : inspections.search(query.search(), query.size(), query.offset()));
        model.addAttribute("search", query.search());
        model.addAttribute("total", total);
        model.addAttribute("size", query.size());
        model.addAttribute("sizes", PAGE_SIZES);
        model.addAttribute("page", query.page());
        model.addAttribute("lastPage", lastPage);
        model.addAttribute("previousHref", query.page() > 0 ? query.href(query.page() - 1) : null);
        model.addAttribute("nextHref", query.page() < lastPage ? query.href(query.page() + 1) : null);
        model.addAttribute("mayInspect", Actor.require().has(Role.SUPERVISOR));
        model.addAttribute("currentQuarter", inspections.quarter(null));
        model.addAttribute("topics", TOPICS);
        Map<String, Long> articles = new TreeMap<>();
        catalog.rules().stream().filter(r -> r.appliesTo() != SubjectKind.PLATFORM)
                .forEach(r -> articles.merge(r.article().contains(".") ? r.article().substring(0, r.article().indexOf('.')) : r.article(), 1L, Long::sum));
        model.addAttribute("articles", articles);
        Map<String, String> articleLabels = new LinkedHashMap<>();
        articles.forEach((article, rules) -> articleLabels.put(article, article + "（" + pages.text("scheduling.inspections.ruleCount", rules) + "）"));
        model.addAttribute("articleLabels", articleLabels);
        Map<Long, String> unitLabels = new LinkedHashMap<>();
        organisations.ofKind(OrgKind.UNIT).forEach(u -> unitLabels.put(u.id(), u.name()));
        model.addAttribute("unitLabels", unitLabels);
        Map<Long, String> systemLabels = new LinkedHashMap<>();
        systems.onPlatform().forEach(sys -> systemLabels.put(sys.id(), sys.name()));
        model.addAttribute("systemLabels", systemLabels);
        if (!model.containsAttribute("checked")) {
            model.addAttribute("checked", Map.of());
        }
        return "supervision/inspections/list";
    }

    @PostMapping("/supervision/inspections")
    @AllowSupervisor
    String create(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        // the ticked boxes, kept beside the typed fields should the form come back refused
        Map<String, List<String>> checked = new LinkedHashMap<>();
        List.of("articles", "unitIds", "systemIds").forEach(name -> checked.put(name, List.copyOf(form.getOrDefault(name, List.of()))));
        redirect.addFlashAttribute("checked", checked);
        return pages.runForm(redirect, "/supervision/inspections#inspection-form", "scheduling.done.inspectionCreated", PageMessages.typed(form), () -> {
            List<String> articles = new java.util.ArrayList<>(form.getOrDefault("articles", List.of()));
            String topic = form.getFirst("topic");
            if (articles.isEmpty() && topic != null && TOPICS.containsKey(topic.strip())) {
                articles.addAll(TOPICS.get(topic.strip()));
            }
            Inspections.Inspection created = inspections.create(new Inspections.NewInspection(form.getFirst("quarter"), topic, articles,
                    form.getOrDefault("ruleIds", List.of()), ids(form.get("unitIds")), ids(form.get("systemIds"))));
            return "/supervision/inspections/" + created.id();
        });
    }

    static List<Long> ids(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                return (Long) null;
            }
        }).toList();
    }

    @GetMapping("/supervision/inspections/{id}")
    String detail(@PathVariable long id, Model model) {
        Inspections.Inspection inspection = inspections.require(id);
        List<Inspections.Item> items = inspections.items(id);
        model.addAttribute("i", inspection);
        model.addAttribute("items", items);
        model.addAttribute("mayRecord", inspection.inProgress() && Actor.require().has(Role.SUPERVISOR));
        model.addAttribute("pending", items.stream().filter(x -> "PENDING".equals(x.result())).count());
        model.addAttribute("hazardsFound", Completion.hazardsFound(items));
        // the record form's choices: the items still open to a result, named in words (rule title and subject), and the
        // systems a unit-level failure's hazard may name, with their unit (one query for the platform)
        Map<Long, String> recordable = new LinkedHashMap<>();
        items.stream().filter(x -> !"FAIL".equals(x.result())).forEach(x -> recordable.put(x.id(), x.ruleTitle() + " · " + x.subjectName()
                + ("PENDING".equals(x.result()) ? "" : "（" + pages.text("scheduling.inspection.result." + x.result()) + "）")));
        model.addAttribute("recordable", recordable);
        Map<Long, String> unitNames = new LinkedHashMap<>();
        items.stream().filter(x -> x.subjectKind().equals("UNIT")).forEach(x -> unitNames.put(x.orgId(), x.subjectName()));
        Map<Long, String> hazardSystems = new LinkedHashMap<>();
        systems.onPlatform().stream().filter(sys -> unitNames.containsKey(sys.orgId()))
                .forEach(sys -> hazardSystems.put(sys.id(), unitNames.get(sys.orgId()) + " · " + sys.name()));
        model.addAttribute("hazardSystems", hazardSystems);
        @SuppressWarnings("unchecked")
        Map<String, String> typed = (Map<String, String>) model.asMap().getOrDefault("values", Map.of());
        model.addAttribute("rows", java.util.stream.IntStream.range(0, rowCount(typed)).boxed().toList());
        model.addAttribute("rememberedInspector", recording.rememberedInspector(Actor.require()));
        return "supervision/inspections/detail";
    }

    /**
     * Several checklist items in one save (issue 23 point 10): rows {@code itemId-<n>}, {@code result-<n>}, {@code remark-<n>},
     * {@code severity-<n>}, {@code hazardSystemId-<n>} under one {@code inspector}; all of them or none.
     */
    @PostMapping("/supervision/inspections/{id}/results")
    @AllowSupervisor
    String record(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        Map<String, String> typed = PageMessages.typed(form);
        String target = "/supervision/inspections/" + id;
        return pages.runForm(redirect, target + "#record-form", "scheduling.done.itemsSaved", typed, () -> {
            List<Recording.Row> rows = new java.util.ArrayList<>();
            for (int n = 0; n < rowCount(typed); n++) {
                rows.add(new Recording.Row(id(typed.get("itemId-" + n)), typed.get("result-" + n), typed.get("remark-" + n),
                        id(typed.get("hazardSystemId-" + n)), typed.get("severity-" + n)));
            }
            recording.recordAll(id, typed.get("inspector"), rows);
            return target;
        });
    }

    /** The rows a posted form carried (the page may have added rows), at least the blank ones offered without script. */
    static int rowCount(Map<String, String> typed) {
        int rows = BLANK_ROWS;
        for (String name : typed.keySet()) {
            int dash = name.lastIndexOf('-');
            if (dash > 0 && name.substring(dash + 1).matches("\\d{1,3}")) {
                rows = Math.max(rows, Integer.parseInt(name.substring(dash + 1)) + 1);
            }
        }
        return rows;
    }

    private static Long id(String text) {
        return text == null || text.isBlank() ? null : ids(List.of(text)).get(0);
    }

    @PostMapping("/supervision/inspections/{id}/complete")
    @AllowSupervisor
    String complete(@PathVariable long id, RedirectAttributes redirect) {
        return pages.run(redirect, "/supervision/inspections/" + id, "scheduling.done.completed", () -> {
            completion.complete(id);
            return null;
        });
    }

    /** The report: the filed PDF once completed. */
    @GetMapping("/supervision/inspections/{id}/report")
    ResponseEntity<byte[]> report(@PathVariable long id) {
        Inspections.Inspection inspection = inspections.require(id);
        if (inspection.reportDocumentId() == null) {
            throw new NotFound("inspection report " + id);
        }
        return Downloads.attachment(documents, inspection.reportDocumentId());
    }
}
