package cn.govcloud.guard.ticketing;

import java.time.LocalDate;

/** What a service desk's callback carries and what it is answered (issue 21 point 5). */
public final class Callback {
    private Callback() {
    }

    /**
     * The JSON body a desk POSTs to {@code /api/v1/ticketing/callback/{desk}}.
     *
     * @param eventId     the desk's id of this event (1–200 characters): the same id twice has one effect
     * @param event       {@code acknowledged}, {@code feedback} or {@code status}
     * @param ticket      the platform's ticket id (the {@code ticket} of the webhook); or give {@code externalId} or {@code hazardId}
     * @param handler     acknowledged: the named person who handles it (A10.2)
     * @param text        acknowledged: the first measures; feedback: the measures taken; status: a note
     * @param url         feedback: optional link to the desk's record of the work, kept with the feedback
     * @param completedOn feedback: when the work was completed (default today)
     * @param status      status: the desk's own state of the ticket, e.g. {@code in_progress}, {@code resolved}
     */
    public record Event(String eventId, String event, Long ticket, String externalId, Long hazardId, String handler, String text,
                        String url, String residualRisk, LocalDate completedOn, String status) {
    }

    /**
     * The answer: what the ticket's subject ({@code hazard:12} or {@code alert:7}) and, for a hazard, its state are now. A replay of
     * the same event id is answered the same (with {@code X-Govguard-Replay: true}).
     */
    public record Result(String eventId, String event, long ticket, String subject, Long hazardId, String hazardState, String ticketState) {
    }
}
