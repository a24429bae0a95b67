package cn.govcloud.guard.documents;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Implemented by the module that owns the records of one kind of official document (systems for the agreement, access
 * for the authorisation letter, hazards for the rectification feedback, supervision for the 通报), so the documents
 * module renders them without depending on those modules.
 */
public interface OfficialRecordSource {

    OfficialPapers.Kind kind();

    /** The record's content when {@code reader} may see it (A4: a unit sees only its own); empty otherwise or when unknown. */
    Optional<OfficialPapers.Content> content(Actor reader, long recordId);

    /** The record as the owning module's visibility check returns it; empty when that check says it is not there for this reader. */
    static <T> Optional<T> visible(Supplier<T> check) {
        try {
            return Optional.of(check.get());
        } catch (NotFound unseen) {
            return Optional.empty();
        }
    }
}
