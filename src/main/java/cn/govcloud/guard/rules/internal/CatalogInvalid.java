package cn.govcloud.guard.rules.internal;

import java.util.List;
import java.util.stream.Collectors;

/** A catalog or overlay that cannot be used, with every problem found in it (not just the first). */
public class CatalogInvalid extends RuntimeException {
    private final transient List<CatalogProblem> problems;

    public CatalogInvalid(String what, List<CatalogProblem> problems) {
        super(what + " has " + problems.size() + (problems.size() == 1 ? " error" : " errors") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<CatalogProblem> problems() {
        return problems;
    }
}
