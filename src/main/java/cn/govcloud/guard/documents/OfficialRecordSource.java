package cn.govcloud.guard.documents;

import cn.govcloud.guard.shared.Actor;
import java.util.Optional;

/**
 * Implemented by the module that owns the records of one kind of official document (systems for the agreement, access
 * for the authorisation letter, hazards for the rectification feedback, supervision for the 通报), so the documents
 * module renders them without depending on those modules.
 */
public interface OfficialRecordSource {

    OfficialPapers.Kind kind();

    /** The record's content when {@code reader} may see it (A4: a unit sees only its own); empty otherwise or when unknown. */
    Optional<OfficialPapers.Content> content(Actor reader, long recordId);
}
