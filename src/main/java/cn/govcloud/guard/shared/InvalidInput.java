package cn.govcloud.guard.shared;

import java.util.Map;

/** Input that fails validation: answered 400 problem details with one message per field. */
public class InvalidInput extends RuntimeException {
    private final Map<String, String> fieldErrors;

    public InvalidInput(String message) {
        this(message, Map.of());
    }

    public InvalidInput(String message, Map<String, String> fieldErrors) {
        super(message);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
