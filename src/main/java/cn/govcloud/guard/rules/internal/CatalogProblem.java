package cn.govcloud.guard.rules.internal;

/**
 * One thing wrong in a catalog or overlay file, said so that a person can go straight to it:
 * {@code catalog.yaml:42: rules[3].due.workingDays: must be a positive integer}.
 *
 * @param line 1-based line in the file
 * @param path where in the document, e.g. {@code rules[3].due.workingDays} or {@code rules[A10.2-rectify].party}
 */
public record CatalogProblem(String file, int line, String path, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + path + ": " + message;
    }
}
