package cn.govcloud.guard.shared;

/**
 * Well-formed input the platform cannot act on with what it knows, e.g. a hazard on a system that
 * has left the platform. Answered 422 problem details with the message, which names what is missing.
 */
public class Unprocessable extends RuntimeException {
    public Unprocessable(String message) {
        super(message);
    }
}
