package cn.govcloud.guard.incidents.internal;

import java.time.Instant;

/** A later change of an incident's grade with its reason. */
public record GradeChange(String from, String to, String reason, Instant at, String by) {
}
