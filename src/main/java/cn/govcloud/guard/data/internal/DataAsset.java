package cn.govcloud.guard.data.internal;

import static cn.govcloud.guard.data.internal.DataChecks.blank;
import static cn.govcloud.guard.data.internal.DataChecks.text;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.Part;
import cn.govcloud.guard.shared.RuleViolation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data set on its way into the catalog, graded (A8.2): its fields are checked and its grade is the
 * one asked for, or else the lowest 就高从严 allows; a grade below that is refused naming the part or
 * basis that requires more.
 */
record DataAsset(NewDataset fields, Grade grade) {
    static final int MAX_PARTS = 50;

    /**
     * GB/T 43697-2024, table 1: core data = particularly serious harm to national security, the economy,
     * social order or the public interest, or serious harm to national security; important data =
     * general harm to national security or serious harm to the other three; anything else is general.
     */
    static Grade basisGrade(HarmObject object, HarmSeverity severity) {
        if (object == null || severity == null) {
            return null;
        }
        boolean publicSphere = object != HarmObject.ORGANISATION && object != HarmObject.INDIVIDUAL;
        if (!publicSphere || severity == HarmSeverity.NONE) {
            return Grade.GENERAL_1;
        }
        if (object == HarmObject.NATIONAL_SECURITY) {
            return severity == HarmSeverity.GENERAL ? Grade.IMPORTANT : Grade.CORE;
        }
        return switch (severity) {
            case PARTICULARLY_SERIOUS -> Grade.CORE;
            case SERIOUS -> Grade.IMPORTANT;
            default -> Grade.GENERAL_1;
        };
    }

    /** The lowest grade 就高从严 allows: the highest of the parts' grades and the basis's grade. */
    static Grade requiredGrade(NewDataset d) {
        Grade required = basisGrade(d.harmObject(), d.harmSeverity());
        for (Part part : d.parts()) {
            required = Grade.max(required, part == null ? null : part.grade());
        }
        return required == null ? Grade.GENERAL_1 : required;
    }

    /** Field errors (message keys) of the set itself, the system aside; empty when it may be saved. */
    static Map<String, String> fieldErrors(NewDataset d) {
        Map<String, String> errors = new LinkedHashMap<>();
        text(errors, "name", d.name(), 200, true);
        text(errors, "description", d.description(), 2000, true);
        text(errors, "businessArea", d.businessArea(), 100, true);
        text(errors, "volume", d.volume(), 100, true);
        text(errors, "storageLocation", d.storageLocation(), 300, true);
        text(errors, "gradingNote", d.gradingNote(), 2000, false);
        if (d.harmObject() == null) {
            errors.put("harmObject", "data.error.harmObject");
        }
        if (d.harmSeverity() == null) {
            errors.put("harmSeverity", "data.error.harmSeverity");
        }
        if (d.parts().size() > MAX_PARTS) {
            errors.put("parts", "data.error.tooManyParts");
        }
        for (Part p : d.parts()) {
            if (p == null || blank(p.name()) || p.name().length() > 200 || p.kind() == null || p.grade() == null) {
                errors.put("parts", "data.error.part");
                break;
            }
        }
        return errors;
    }

    /** A8.2 就高从严: a set graded lower than its most sensitive part or its basis is refused, naming both. */
    static DataAsset graded(NewDataset d, DataTexts texts) {
        Grade required = requiredGrade(d);
        if (d.grade() == null) {
            return new DataAsset(d, required);
        }
        if (d.grade().below(required)) {
            String because = d.parts().stream().filter(p -> p.grade() == required).map(Part::name).findFirst()
                    .orElseGet(() -> texts.text("data.harmObject." + d.harmObject()) + " · " + texts.text("data.harmSeverity." + d.harmSeverity()));
            throw new RuleViolation("A8.2", texts.text("data.error.gradeBelowRequired", texts.text("data.grade." + d.grade()), because,
                    texts.text("data.grade." + required)));
        }
        return new DataAsset(d, d.grade());
    }

    String name() {
        return fields.name().strip();
    }

    long systemId() {
        return fields.systemId();
    }
}
