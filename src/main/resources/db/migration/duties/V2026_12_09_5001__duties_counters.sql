-- Issue 19 point 3 (A11.3, A12): the city dashboard and the annual ranking read counters instead of
-- counting a million duties on each view. One row per organisation, party, rule, article and month of
-- the due date (yyyymm); each column counts the duties in one state, on_time_n those done on time as the
-- annual assessment defines it (DutyOutcomeQueries.ON_TIME). Kept in the same transaction as every insert,
-- update and delete of duties_duty by a trigger (db/vendor/postgresql: one statement-level trigger over the
-- transition tables; db/vendor/h2: DutyCounterTrigger per row), so no write path can forget them;
-- DutyCounters.reconcile() recounts from scratch and repairs any difference.
create table duties_counter (
    org_id       bigint       not null,
    party        varchar(16)  not null,
    rule_id      varchar(100) not null,
    article      varchar(20)  not null,
    due_month    int          not null,
    open_n       bigint       not null default 0,
    returned_n   bigint       not null default 0,
    overdue_n    bigint       not null default 0,
    submitted_n  bigint       not null default 0,
    accepted_n   bigint       not null default 0,
    waived_n     bigint       not null default 0,
    on_time_n    bigint       not null default 0,
    primary key (org_id, party, rule_id, article, due_month)
);
-- the ranking reads a party's months across every organisation
create index duties_counter_party_month on duties_counter (party, due_month);

insert into duties_counter (org_id, party, rule_id, article, due_month, open_n, returned_n, overdue_n, submitted_n, accepted_n, waived_n, on_time_n)
select d.org_id, d.party, d.rule_id, d.article, extract(year from d.due_date) * 100 + extract(month from d.due_date),
       sum(case when d.state = 'OPEN' then 1 else 0 end), sum(case when d.state = 'RETURNED' then 1 else 0 end),
       sum(case when d.state = 'OVERDUE' then 1 else 0 end), sum(case when d.state = 'SUBMITTED' then 1 else 0 end),
       sum(case when d.state = 'ACCEPTED' then 1 else 0 end), sum(case when d.state = 'WAIVED' then 1 else 0 end),
       sum(case when d.state in ('SUBMITTED','ACCEPTED') and d.overdue_at is null and d.submitted_late = false
                 and (d.first_submitted_at <= d.due_at or (d.closed_at is not null and d.closed_at <= d.due_at)) then 1 else 0 end)
from duties_duty d
group by d.org_id, d.party, d.rule_id, d.article, extract(year from d.due_date) * 100 + extract(month from d.due_date);
