-- The annual assessment (A12) as finalised by the supervisor: what the regulators (网信办, 公安局)
-- receive. Until a year is finalised its scores are computed on read from the recorded data; once
-- finalised, the pages, the API and the report show this snapshot with the catalog version and the
-- weights used. Finalising again replaces the snapshot (the earlier one stays in the audit log).
create table supervision_assessment_year (
    assessment_year  int primary key,
    catalog_version  varchar(200) not null,
    weights          varchar(500) not null,  -- e.g. duties=40;hazards=30;incidents=20(I=20,II=10,III=5,IV=2);admission=10
    finalised_at     timestamp with time zone not null,
    finalised_by     varchar(100) not null
);

-- one row per unit and item: the figures as they stood when the year was finalised
create table supervision_assessment_score (
    assessment_year int        not null references supervision_assessment_year (assessment_year),
    org_id        bigint       not null,
    org_name      varchar(300) not null,
    item_id       varchar(40)  not null,
    item_kind     varchar(20)  not null,
    item_title    varchar(200) not null,
    weight        int          not null,
    numerator     bigint       not null,
    denominator   bigint       not null,
    deduction     numeric(7, 2) not null,
    score         numeric(7, 2) not null,
    explanation   varchar(1000) not null,
    primary key (assessment_year, org_id, item_id)
);

create table supervision_assessment_total (
    assessment_year int        not null references supervision_assessment_year (assessment_year),
    org_id        bigint       not null,
    org_name      varchar(300) not null,
    total         numeric(7, 2) not null,
    rank_no       int          not null,
    primary key (assessment_year, org_id)
);
