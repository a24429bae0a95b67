package cn.govcloud.guard.access;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Remote channels and on-site visits of a period, for the annual report to the municipal government (A9, A12, A14).
 * Counted in SQL; unscoped: the caller checks who may see them.
 */
public interface AccessFigures {

    /**
     * Channels requested in the period (A9.2, A9.3, A5.3): for a hosted system or for the platform itself, long-term (approved
     * by the network-security regulator), opened by the provider, used (the single-use credential consumed) and refused.
     */
    record ChannelCounts(long requested, long forSystems, long forPlatform, long longTerm, long opened, long used, long refused) {
    }

    /**
     * Visits whose authorisation starts in the period (A9.1): authorised, signed in on site (escorted), cancelled, and the
     * people registered by real name on them.
     */
    record VisitCounts(long authorised, long signedIn, long cancelled, long visitors) {
    }

    /** Channels requested in {@code [from, to)}. */
    ChannelCounts channels(Instant from, Instant to);

    /** Visits valid from a day in {@code [from, to]}. */
    VisitCounts visits(LocalDate from, LocalDate to);
}
