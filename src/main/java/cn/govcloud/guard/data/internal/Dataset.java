package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.Part;
import java.time.Instant;
import java.util.List;

/** A data set of a unit's system as the catalog holds it (A8.2), with the names of its unit and system. */
public record Dataset(long id, long orgId, String orgName, long systemId, String systemName, String name, String description,
                      String businessArea, String volume, String storageLocation, Grade grade, HarmObject harmObject,
                      HarmSeverity harmSeverity, String gradingNote, List<Part> parts, Instant updatedAt, String updatedBy) {
}
