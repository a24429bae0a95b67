-- Issue 19 point 3: the compliance matrix computes its state in SQL and pages there. What the catalog's
-- conditions say of each (subject, rule) is materialised here (ComplianceCells): the subjects come from other
-- modules (SubjectSource, in Java), so their attributes are not in any table the duties module may read, and a
-- condition is only evaluated once per change rather than per view. ComplianceCells.refresh() compares a
-- fingerprint of the catalog, the organisations and every subject before each view and rewrites only what
-- changed; the duties decide the state of the cells whose fixed_status is null (ComplianceMatrix.STATUS).
create table duties_matrix_cell (
    subject_kind     varchar(16)  not null,
    subject_id       bigint       not null,   -- 0: the placeholder row of a kind with no subject yet
    rule_id          varchar(100) not null,
    kind_pos         int          not null,   -- PLATFORM, UNIT, SYSTEM: the matrix's order, then subject id, then catalog order
    rule_pos         int          not null,
    subject_name     varchar(300) not null,
    org_id           bigint       not null,   -- the subject's owner (the org filter)
    org_name         varchar(300) not null,
    responsible_org  bigint,                  -- who must act (the scope, A4); -1 nobody; null for the placeholder (seen by all)
    recurring        boolean      not null,
    fixed_status     varchar(16),             -- NOT_EVALUABLE or NOT_APPLICABLE when the conditions decide; null: the duties do
    reason           varchar(64),
    reason_arg       varchar(2000),
    primary key (subject_kind, subject_id, rule_id)
);
create index duties_matrix_cell_order on duties_matrix_cell (kind_pos, subject_id, rule_pos);
create index duties_matrix_cell_scope on duties_matrix_cell (responsible_org, kind_pos, subject_id, rule_pos);

-- what each subject looked like when its cells were written
create table duties_matrix_subject (
    subject_kind     varchar(16)  not null,
    subject_id       bigint       not null,
    fingerprint      varchar(64)  not null,
    primary key (subject_kind, subject_id)
);

-- one row: the catalog and organisations (catalog_fp) and all subjects (subjects_fp) the cells were written for
create table duties_matrix_state (
    id               int          primary key,
    catalog_fp       varchar(64)  not null,
    subjects_fp      varchar(64)  not null,
    refreshed_at     timestamp with time zone
);
insert into duties_matrix_state (id, catalog_fp, subjects_fp) values (1, '', '');
