package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.shared.InvalidInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An overlay refused as a whole (A13): nothing of it applies and the catalog in force stays. A
 * 400 whose field errors are keyed by the path in the document and carry file and line.
 */
public class OverlayRefused extends InvalidInput {
    private final transient List<CatalogProblem> problems;

    public OverlayRefused(List<CatalogProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " error" : " errors")
                        + " in the overlay; it was refused as a whole and the catalog in force is unchanged: "
                        + problems.stream().map(CatalogProblem::toString).collect(Collectors.joining("; ")),
                fieldErrors(problems));
        this.problems = List.copyOf(problems);
    }

    public List<CatalogProblem> problems() {
        return problems;
    }

    /** The path as the key (numbered when one path has several problems), file:line: message as the value. */
    public static Map<String, String> fieldErrors(List<CatalogProblem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (CatalogProblem p : problems) {
            String key = p.path();
            for (int n = 2; errors.containsKey(key); n++) {
                key = p.path() + " #" + n;
            }
            errors.put(key, p.toString());
        }
        return errors;
    }
}
