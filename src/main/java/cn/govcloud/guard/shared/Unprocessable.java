package cn.govcloud.guard.shared;

/**
 * Well-formed input the platform cannot act on with what it knows, e.g. a deadline in a year
 * whose holiday schedule is not loaded. Answered 422 problem details with the message, which
 * names what is missing (API.md: "422 naming the year").
 */
public class Unprocessable extends RuntimeException {
    public Unprocessable(String message) {
        super(message);
    }
}
