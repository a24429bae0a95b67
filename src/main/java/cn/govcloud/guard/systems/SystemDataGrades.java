package cn.govcloud.guard.systems;

import java.util.Map;

/**
 * A8.2: the highest grade of the data a system holds, as the rule catalog's {@code dataGrade}
 * attribute spells it (core | important | general), so rules such as A8.2-backup-policy-check
 * apply to the systems holding important or core data. The data module implements this (systems
 * does not depend on it); without an implementation every system holds general data.
 */
public interface SystemDataGrades {

    /** The catalog grade of one system's data: {@code general} when none of its data sets is graded higher. */
    String gradeOf(long systemId);

    /** Every system whose data is graded above general, with its grade: few, so the duty engine reads them at once. */
    Map<Long, String> aboveGeneral();
}
