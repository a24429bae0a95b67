package cn.govcloud.guard.duties;

/**
 * A past-tense fact of another module that the catalog's duties hang on, e.g. {@code HazardNotified} of the hazards
 * module: a record in the producer's API that names itself for the catalog's triggers ({@link DutyTrigger#event()},
 * e.g. {@code hazard.notified}).
 *
 * <p>The producer publishes it with Spring's {@code ApplicationEventPublisher} inside the transaction of the change
 * it reports; the duty engine listens synchronously in that same transaction, so a duty is never lost and never raised
 * for a change that rolled back. A producer that needs the duties raised (e.g. to show the due date) reads them with
 * {@link Duties#raisedBy(String)} after publishing. Further reactions (notices, figures) listen with
 * {@code @ApplicationModuleListener}, after commit, on the event publication registry.
 */
public interface DutyEvent {

    /** The trigger the catalog's rules react to: event name, subject, time, reference and facts. */
    DutyTrigger trigger();
}
