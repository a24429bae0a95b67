package cn.govcloud.guard.data.web;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.data.internal.DataFindings;
import cn.govcloud.guard.data.internal.DataSearch;
import java.util.List;
import java.util.stream.Stream;

/**
 * One of the four data lists (issue 23 point 11) as its page, its Excel export and its API read it: the page's path, the
 * list's own states and their bundle prefix, whether it has the due filter, and the grades it may be narrowed to.
 */
record DataList(String path, List<String> states, String statePrefix, boolean withDue, List<Grade> grades) {
    static final String POLICY_STATE = "data.policyState.";
    static final String FINDING_KIND = "data.findingKind.";
    static final String TRANSFER_STATUS = "data.transferStatus.";
    static final List<String> TRANSFER_STATES = Stream.of(TransferStatus.values()).map(TransferStatus::name).toList();

    /** The catalog (A8.2): whether a backup policy covers the set (A7.1). */
    static final DataList CATALOG = new DataList("/data", DataSearch.POLICY_STATES, POLICY_STATE, false, Grade.all());
    /** The important and core data only (A8.2). */
    static final DataList IMPORTANT = new DataList("/data/important", DataSearch.POLICY_STATES, POLICY_STATE, false,
            List.of(Grade.CORE, Grade.IMPORTANT));
    /** The cross-border register (A8.3): the transfer's status, and the validity ending. */
    static final DataList TRANSFERS = new DataList("/data/transfers", TRANSFER_STATES, TRANSFER_STATUS, true, Grade.all());
    /** The findings, computed on read: their kind. */
    static final DataList FINDINGS = new DataList("/data/findings", DataFindings.KINDS, FINDING_KIND, false, Grade.all());
}
