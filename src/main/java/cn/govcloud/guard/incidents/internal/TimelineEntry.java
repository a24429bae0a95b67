package cn.govcloud.guard.incidents.internal;

import java.time.Instant;

/** One line of an incident's timeline (detected, confirmed, reported, contained, resolved …). */
public record TimelineEntry(long id, Instant at, String kind, String details, String actor) {
}
