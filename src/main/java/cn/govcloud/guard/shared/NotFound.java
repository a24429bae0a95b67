package cn.govcloud.guard.shared;

/**
 * A record that does not exist or that the caller may not see: both answer 404, so a unit
 * cannot probe for another unit's record ids.
 */
public class NotFound extends RuntimeException {
    public NotFound(String what) {
        super(what + " not found");
    }
}
