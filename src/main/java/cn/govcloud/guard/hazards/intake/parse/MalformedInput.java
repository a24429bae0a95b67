package cn.govcloud.guard.hazards.intake.parse;

/**
 * The only exception the intake parsers throw for bad input (a hostile, truncated, oversized or
 * wrongly encoded file, a wrong root element, a missing field). Its message is meant for the
 * uploader: it says what is wrong and, where known, where (line or result number). The fuzz tests
 * assert that nothing else escapes a parser.
 */
public class MalformedInput extends RuntimeException {
    public MalformedInput(String message) {
        super(message);
    }

    public MalformedInput(String message, Throwable cause) {
        super(message, cause);
    }
}
